import { fileURLToPath } from "node:url";
import { modelUrl } from "../../core/models.ts";
import type { Component, Doc, Entity, Span, Token } from "../doc.ts";
import type { ConllDocument } from "./conll.ts";
import { loadModel, type NerModel, tagDocument } from "./model.ts";
import { spansToBio, tagsToSpans } from "./tags.ts";

/**
 * Named-entity recognition: a two-stage averaged-perceptron tagger trained on CoNLL-2003 (see model.ts
 * and training/ner/train.ts). `ner` tags doc.tokens sentence by sentence and writes doc.entities.
 */
export const DEFAULT_MODEL_PATH = fileURLToPath(modelUrl("ner.model.gz"));

let cachedModel: NerModel | null = null;

/** The committed model, loaded once on first use. */
export function defaultModel(): NerModel {
  if (!cachedModel) {
    cachedModel = loadModel(DEFAULT_MODEL_PATH);
  }
  return cachedModel;
}

/** IOB2 tags for every token of CoNLL documents (each document tagged as a whole). */
export function tagConll(model: NerModel, documents: readonly ConllDocument[]): string[][][] {
  return documents.map((document) => {
    const tags = tagDocument(
      model,
      document.sentences.map((s) => s.tokens),
    );
    return tags.map((sentenceTags) => spansToBio(tagsToSpans(sentenceTags), sentenceTags.length));
  });
}

/**
 * Sentence spans as token index ranges. Tokens outside every sentence (or a doc with no sentence layer)
 * are grouped into runs of their own so that nothing goes untagged.
 */
function sentenceTokenRanges(tokens: readonly Token[], sentences: readonly Span[]): [number, number][] {
  const ranges: [number, number][] = [];
  let t = 0;
  let runStart = -1;
  const flushRun = () => {
    if (runStart >= 0) ranges.push([runStart, t]);
    runStart = -1;
  };
  for (const sentence of sentences) {
    while (t < tokens.length && tokens[t].start < sentence.start) {
      if (runStart < 0) runStart = t;
      t++;
    }
    flushRun();
    const first = t;
    while (t < tokens.length && tokens[t].end <= sentence.end) t++;
    if (t > first) ranges.push([first, t]);
  }
  while (t < tokens.length) {
    if (runStart < 0) runStart = t;
    t++;
  }
  flushRun();
  return ranges;
}

/** A possessive glued to its word ("Agriculture’s"): CoNLL splits it off and tags it O. */
const POSSESSIVE = /^(.*\p{L})(['’][sS])$/u;

/**
 * Our tokenizer keeps possessives on the word; the model was trained on CoNLL's split, so split them
 * again here (keeping offsets) before tagging, or the possessive would end up inside the entity.
 */
function conllTokens(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((token) => {
    const match = POSSESSIVE.exec(token.text);
    if (!match) return [token];
    const cut = token.start + match[1].length;
    return [
      { start: token.start, end: cut, text: match[1] },
      { start: cut, end: token.end, text: match[2] },
    ];
  });
}

/** Entities over a doc's tokens, sentence by sentence, with character offsets into doc.text. */
export function recognizeEntities(doc: Doc, model: NerModel = defaultModel()): Entity[] {
  const sentences = sentenceTokenRanges(doc.tokens, doc.sentences).map(([from, to]) =>
    conllTokens(doc.tokens.slice(from, to)),
  );
  if (sentences.length === 0) return [];
  const tags = tagDocument(
    model,
    sentences.map((tokens) => tokens.map((token) => token.text)),
  );
  const entities: Entity[] = [];
  sentences.forEach((tokens, s) => {
    for (const span of tagsToSpans(tags[s])) {
      entities.push({ start: tokens[span.start].start, end: tokens[span.end - 1].end, type: span.type });
    }
  });
  return entities;
}

export const ner: Component = {
  name: "ner",
  needs: ["tokens", "sentences"],
  writes: ["entities"],
  run(doc: Doc) {
    doc.entities = recognizeEntities(doc);
  },
};
