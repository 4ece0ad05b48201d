/**
 * Trains the two-stage NER model on CoNLL-2003 eng.train and writes models/ner.model.gz.
 *
 *   node --import tsx training/ner/train.ts [--epochs 15] [--folds 5] [--stages 2] [--docs N] [--out FILE]
 *
 * Stage two learns from stage one's tags, so those tags must be as noisy on the training documents as
 * they will be on new text: they come from a jackknife (each fold tagged by a stage-one model trained on
 * the other folds). The gazetteer is jackknifed the same way.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { type ConllDocument, readConll } from "../../src/nlp/ner/conll.ts";
import { TAG_COUNT } from "../../src/nlp/ner/decoder.ts";
import { aggregationFeatures, extractFeatures, type FeatureResources } from "../../src/nlp/ner/features.ts";
import {
  decodeSentence,
  encodeModel,
  featureIds,
  type NerModel,
  type Stage,
} from "../../src/nlp/ner/model.ts";
import { BILOU_TAGS, spansToBilou, tagsToSpans } from "../../src/nlp/ner/tags.ts";
import { buildGazetteer } from "./gazetteer.ts";
import { type TrainingSentence, trainPerceptron } from "./perceptron.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dataDir = path.resolve(repoRoot, "../shared/data/conll2003");

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const epochs = Number(option("epochs", "15"));
const folds = Number(option("folds", "5"));
const stageCount = Number(option("stages", "2"));
const docLimit = Number(option("docs", "0"));
const outPath = path.resolve(repoRoot, option("out", "models/ner.model.gz"));
const clustersPath = path.resolve(repoRoot, option("clusters", "models/ner.clusters.gz"));
const SEED = 2003;
const log = (message: string) => console.error(`[${(process.uptime() / 60).toFixed(1)} min] ${message}`);

/** Features seen fewer times than this in training are dropped: they cannot get reliable weights. */
const MIN_FEATURE_COUNT = 2;

function loadClusters(): Map<string, string> {
  if (!existsSync(clustersPath)) {
    log(`no cluster file at ${clustersPath}: training without cluster features`);
    return new Map();
  }
  const clusters = new Map<string, string>();
  for (const line of gunzipSync(readFileSync(clustersPath)).toString("utf8").split("\n")) {
    const [word, bits] = line.split("\t");
    if (word && bits) clusters.set(word, bits);
  }
  return clusters;
}

let documents: ConllDocument[] = readConll(path.join(dataDir, "eng.train"));
if (docLimit > 0) documents = documents.slice(0, docLimit);
const clusters = loadClusters();
const foldOf = (d: number) => d % folds;
const tokenDocs = documents.map((d) => d.sentences.map((s) => s.tokens));
const goldTags = documents.map((d) =>
  d.sentences.map((s) =>
    Int32Array.from(spansToBilou(tagsToSpans(s.tags), s.tags.length), (t) => BILOU_TAGS.indexOf(t)),
  ),
);

log(`${documents.length} documents; extracting stage-one features`);
const foldGazetteers = Array.from({ length: folds }, (_, k) =>
  buildGazetteer(documents.filter((_, d) => foldOf(d) !== k)),
);
const localFeatures = tokenDocs.map((doc, d) =>
  extractFeatures(doc, { gazetteer: foldGazetteers[foldOf(d)], clusters }),
);

function buildIndex(featureLists: Iterable<string[][][]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const doc of featureLists)
    for (const sentence of doc)
      for (const token of sentence) for (const f of token) counts.set(f, (counts.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [name, count] of counts) if (count >= MIN_FEATURE_COUNT) index.set(name, index.size);
  return index;
}

function trainStage(
  docFeatures: string[][][][],
  docIds: number[],
  index: Map<string, number>,
  seed: number,
): Stage {
  const sentences: TrainingSentence[] = [];
  for (const d of docIds) {
    docFeatures[d].forEach((sentence, s) => {
      sentences.push({ features: featureIds(sentence, index), gold: goldTags[d][s] });
    });
  }
  const { weights, transitions } = trainPerceptron(sentences, index.size, { epochs, seed, log });
  return { featureIndex: index, weights: Float32Array.from(weights), transitions };
}

const allDocs = documents.map((_, d) => d);
const localIndex = buildIndex(localFeatures);
log(`stage one: ${localIndex.size} features × ${TAG_COUNT} tags`);
const stages: Stage[] = [];

if (stageCount > 1) {
  const jackknifeTags: string[][][] = new Array(documents.length);
  for (let k = 0; k < folds; k++) {
    log(`jackknife fold ${k + 1}/${folds}`);
    const stage = trainStage(
      localFeatures,
      allDocs.filter((d) => foldOf(d) !== k),
      localIndex,
      SEED + k,
    );
    for (const d of allDocs.filter((d) => foldOf(d) === k)) {
      jackknifeTags[d] = localFeatures[d].map((sentence) => decodeSentence(stage, sentence));
    }
  }
  log("stage one on all documents");
  stages.push(trainStage(localFeatures, allDocs, localIndex, SEED));
  const fullFeatures = tokenDocs.map((doc, d) => {
    const aggregated = aggregationFeatures(doc, jackknifeTags[d]);
    return localFeatures[d].map((sentence, s) => sentence.map((list, t) => list.concat(aggregated[s][t])));
  });
  const fullIndex = buildIndex(fullFeatures);
  log(`stage two: ${fullIndex.size} features`);
  stages.push(trainStage(fullFeatures, allDocs, fullIndex, SEED + 100));
} else {
  stages.push(trainStage(localFeatures, allDocs, localIndex, SEED));
}

const resources: FeatureResources = { gazetteer: buildGazetteer(documents), clusters };
const model: NerModel = { stages, resources };
const file = encodeModel(model);
writeFileSync(outPath, file);
log(`wrote ${path.relative(repoRoot, outPath)} (${(file.length / 1e6).toFixed(2)} MB)`);
