import { gzipSync } from "node:zlib";
import { readModelFile } from "../../core/models.ts";
import { emissionScores, TAG_COUNT, viterbi } from "./decoder.ts";
import {
  aggregationFeatures,
  extractFeatures,
  type FeatureResources,
  type TokenDocument,
} from "./features.ts";
import { BILOU_TAGS } from "./tags.ts";

/**
 * The two-stage NER model and its file format. Stage one tags each sentence from local and
 * document-casing features; stage two re-tags with the same features plus aggregates of stage one's
 * tags over the whole document. The file (models/ner.model.gz) is gzip of: a 4-byte length, a JSON
 * header (feature names, transitions, gazetteer, clusters), then each stage's emission weights as int8
 * (one row of TAG_COUNT per feature). Features whose quantised weights are all zero are dropped.
 */
export interface Stage {
  featureIndex: Map<string, number>;
  /** featureIndex.size × TAG_COUNT emission weights. */
  weights: Float32Array;
  /** (TAG_COUNT + 1) × TAG_COUNT transition weights; the last row is the sentence start. */
  transitions: Float64Array;
}

export interface NerModel {
  stages: Stage[];
  resources: FeatureResources;
}

const FORMAT = "onrecord-ner/1";

interface Header {
  format: string;
  tags: readonly string[];
  stages: { features: string[]; scale: number; transitions: number[] }[];
  gazetteer: [string, readonly string[]][];
  clusters: [string, string][];
}

/** Feature strings of each token mapped to the ids a stage knows; unknown features are dropped. */
export function featureIds(features: readonly string[][], index: ReadonlyMap<string, number>): Int32Array[] {
  return features.map((list) => {
    const ids: number[] = [];
    for (const name of list) {
      const id = index.get(name);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  });
}

export function decodeSentence(stage: Stage, features: readonly string[][]): string[] {
  const ids = featureIds(features, stage.featureIndex);
  const tags = viterbi(emissionScores(ids, stage.weights), ids.length, stage.transitions);
  return Array.from(tags, (t) => BILOU_TAGS[t]);
}

/** BILOU tags for every token of a document, using as many stages as the model has. */
export function tagDocument(model: NerModel, document: TokenDocument): string[][] {
  const local = extractFeatures(document, model.resources);
  let tags = local.map((sentence) => decodeSentence(model.stages[0], sentence));
  if (model.stages.length > 1) {
    const aggregated = aggregationFeatures(document, tags);
    tags = local.map((sentence, s) =>
      decodeSentence(
        model.stages[1],
        sentence.map((list, t) => list.concat(aggregated[s][t])),
      ),
    );
  }
  return tags;
}

/** Quantises, prunes and serialises a model. */
export function encodeModel(model: NerModel): Buffer {
  const header: Header = {
    format: FORMAT,
    tags: BILOU_TAGS,
    stages: [],
    gazetteer: [...model.resources.gazetteer],
    clusters: [...model.resources.clusters],
  };
  const bodies: Buffer[] = [];
  for (const stage of model.stages) {
    let maxAbs = 0;
    for (const w of stage.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
    const scale = maxAbs / 127 || 1;
    const features: string[] = [];
    const rows: Int8Array[] = [];
    for (const [name, id] of stage.featureIndex) {
      const row = new Int8Array(TAG_COUNT);
      let used = false;
      for (let n = 0; n < TAG_COUNT; n++) {
        row[n] = Math.round(stage.weights[id * TAG_COUNT + n] / scale);
        if (row[n] !== 0) used = true;
      }
      if (!used) continue;
      features.push(name);
      rows.push(row);
    }
    header.stages.push({ features, scale, transitions: Array.from(stage.transitions) });
    const body = Buffer.alloc(rows.length * TAG_COUNT);
    rows.forEach((row, i) => {
      body.set(new Uint8Array(row.buffer), i * TAG_COUNT);
    });
    bodies.push(body);
  }
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return gzipSync(Buffer.concat([length, json, ...bodies]), { level: 9 });
}

/** Reads the model from its file's gunzipped bytes. */
export function decodeModel(data: Buffer): NerModel {
  const headerLength = data.readUInt32LE(0);
  const header = JSON.parse(data.subarray(4, 4 + headerLength).toString("utf8")) as Header;
  if (header.format !== FORMAT || header.tags.join() !== BILOU_TAGS.join()) {
    throw new Error(`unsupported NER model format ${header.format}`);
  }
  let offset = 4 + headerLength;
  const stages = header.stages.map((stage) => {
    const count = stage.features.length * TAG_COUNT;
    const quantised = new Int8Array(data.buffer, data.byteOffset + offset, count);
    offset += count;
    const weights = Float32Array.from(quantised, (q) => q * stage.scale);
    return {
      featureIndex: new Map(stage.features.map((name, i) => [name, i])),
      weights,
      transitions: Float64Array.from(stage.transitions),
    };
  });
  return {
    stages,
    resources: { gazetteer: new Map(header.gazetteer), clusters: new Map(header.clusters) },
  };
}

export function loadModel(path: string): NerModel {
  return decodeModel(readModelFile(path));
}
