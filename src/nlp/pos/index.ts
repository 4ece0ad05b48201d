/**
 * Part-of-speech tagging (Penn Treebank tags) and chunking (NP, VP, PP, ADJP, ADVP, SBAR ...), both
 * greedy averaged perceptrons trained on CoNLL-2003 by training/pos/train.ts; weights in
 * models/pos.tagger.gz and models/pos.chunker.gz.
 *
 * `tagPos` and `chunk` work on words in CoNLL form; `tagTokens` and the `posTagger` component accept our
 * tokenizer's tokens, where "Maria's" is one token: the possessive is split off for tagging, as in
 * CoNLL, and the token keeps the tag of its word part.
 */
import { MODELS_DIR, readModelFile } from "../../core/models.ts";
import type { Component, Doc, Token } from "../doc.ts";
import { wordContext } from "./features.ts";
import { AveragedPerceptron, parseWeights } from "./perceptron.ts";
import { bioSpans, type ChunkSpan, decodeChunks, decodePos, type PosModel } from "./tagger.ts";

export type { ChunkSpan } from "./tagger.ts";

export interface PosModels {
  pos: PosModel;
  chunker: AveragedPerceptron;
}

let cached: PosModels | undefined;

function perceptronFrom(text: string): AveragedPerceptron {
  const { classes, weights } = parseWeights(text);
  const perceptron = new AveragedPerceptron(classes);
  for (const [k, w] of weights) perceptron.weights.set(k, w);
  return perceptron;
}

export function loadPosModels(dir: URL = MODELS_DIR): PosModels {
  const posText = readModelFile(new URL("pos.tagger.gz", dir)).toString("utf8");
  // The tagger file is the weights, a blank line, then the tag dictionary (word TAB tag).
  const blank = posText.indexOf("\n\n");
  if (blank < 0) throw new Error("pos.tagger.gz: no tag dictionary section");
  const tagDictionary = new Map<string, string>();
  for (const line of posText.slice(blank + 2).split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) tagDictionary.set(line.slice(0, tab), line.slice(tab + 1));
  }
  const chunkText = readModelFile(new URL("pos.chunker.gz", dir)).toString("utf8");
  return {
    pos: { perceptron: perceptronFrom(posText.slice(0, blank + 1)), tagDictionary },
    chunker: perceptronFrom(chunkText),
  };
}

export function defaultPosModels(): PosModels {
  cached ??= loadPosModels();
  return cached;
}

/** Tags that can follow a possessive determiner inside its noun phrase ("her [first] [album]"). */
const AFTER_POSSESSIVE = new Set([
  "NN",
  "NNS",
  "NNP",
  "NNPS",
  "JJ",
  "JJR",
  "JJS",
  "CD",
  "VBG",
  "VBN",
  "RBS",
  "RB",
]);

/**
 * CoNLL's Reuters text has under 200 "her", mostly possessive, so the tagger over-predicts PRP$
 * ("sent her/PRP$ to"). Once the next word is tagged, "her" is possessive only before a nominal.
 */
function fixHer(words: readonly string[], tags: string[]): string[] {
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== "her" && words[i] !== "Her") continue;
    tags[i] = AFTER_POSSESSIVE.has(tags[i + 1] ?? "") ? "PRP$" : "PRP";
  }
  return tags;
}

export function tagPosWith(models: PosModels, words: readonly string[]): string[] {
  return words.length === 0 ? [] : fixHer(words, decodePos(models.pos, words));
}

export function chunkSpansFor(
  models: PosModels,
  words: readonly string[],
  tags: readonly string[],
): ChunkSpan[] {
  if (words.length !== tags.length) {
    throw new RangeError(`chunk: ${words.length} words but ${tags.length} tags`);
  }
  if (words.length === 0) return [];
  return bioSpans(decodeChunks(models.chunker, words, tags, undefined, wordContext(words)));
}

/** Penn Treebank tags for one sentence of words. */
export function tagPos(words: readonly string[]): string[] {
  return tagPosWith(defaultPosModels(), words);
}

/** Chunks of one POS-tagged sentence, as token-index spans [start, end). */
export function chunk(words: readonly string[], tags: readonly string[]): ChunkSpan[] {
  return chunkSpansFor(defaultPosModels(), words, tags);
}

/** A possessive glued to its word ("Maria's", "Agriculture’s", "Jesus'"), split as CoNLL does. */
const POSSESSIVE = /^(.*\p{L})(['’][sS]?)$/u;

/** Our tokens with possessives split off (offsets kept); `owner[i]` is the index of the original token. */
export function conllTokens(tokens: readonly Token[]): { tokens: Token[]; owner: number[] } {
  const out: Token[] = [];
  const owner: number[] = [];
  tokens.forEach((token, index) => {
    const match = POSSESSIVE.exec(token.text);
    // A bare apostrophe only marks a possessive after an s ("Jesus'"); elsewhere it is part of the word.
    if (match && (match[2].length === 2 || /s$/iu.test(match[1]))) {
      const cut = token.start + match[1].length;
      out.push(
        { start: token.start, end: cut, text: match[1] },
        { start: cut, end: token.end, text: match[2] },
      );
      owner.push(index, index);
    } else {
      out.push(token);
      owner.push(index);
    }
  });
  return { tokens: out, owner };
}

/** Tags for a sentence of our tokens, one per token (a possessive token gets its word's tag). */
export function tagTokens(tokens: readonly Token[], models: PosModels = defaultPosModels()): string[] {
  const split = conllTokens(tokens);
  const tags = tagPosWith(
    models,
    split.tokens.map((t) => t.text),
  );
  const out = new Array<string>(tokens.length);
  split.owner.forEach((o, i) => {
    out[o] ??= tags[i];
  });
  return out;
}

/** Adds `pos` to every token of the doc, sentence by sentence (the whole text when there are no sentences). */
export const posTagger: Component = {
  name: "pos",
  needs: ["tokens", "sentences"],
  // Sets `pos` on every token.
  writes: ["tokens"],
  run(doc: Doc) {
    const ranges: [number, number][] = [];
    if (doc.sentences.length === 0) ranges.push([0, doc.tokens.length]);
    else {
      let t = 0;
      for (const sentence of doc.sentences) {
        while (t < doc.tokens.length && doc.tokens[t].end <= sentence.start) t++;
        const first = t;
        while (t < doc.tokens.length && doc.tokens[t].start < sentence.end) t++;
        if (t > first) ranges.push([first, t]);
      }
    }
    const models = defaultPosModels();
    for (const [from, to] of ranges) {
      const tags = tagTokens(doc.tokens.slice(from, to), models);
      for (let i = from; i < to; i++) doc.tokens[i].pos = tags[i - from];
    }
  },
};
