import { modelUrl, readModelJson } from "../core/models.ts";
import type { Attribution, Span } from "./doc.ts";
import { lowerWords } from "./tokenizer.ts";

/**
 * The last step of extraction: a logistic-regression filter that looks at each finished attribution as
 * a whole and drops the ones unlikely to be right. The taggers decide token by token; they never see the
 * whole triple ("cue inside a quotation, content of two words, no source"), nor whether the rules and the
 * tagger agree on it. Trained by training/attribution/train.ts on the out-of-fold predictions of the
 * extractor over PolNeAR train, labelled by the maintainers' matching rule (content token F1 ≥ 0.5, cue
 * and source sharing a token with the gold ones).
 */

export interface FilterModel {
  format: typeof FILTER_FORMAT;
  trainedOn: string;
  /** Attributions whose probability of being right is below this are dropped (chosen by CV for F1). */
  threshold: number;
  weights: Record<string, number>;
}

export const FILTER_FORMAT = "onrecord-attribution-filter/1";
export const DEFAULT_FILTER_PATH = modelUrl("attribution-filter.json.gz");

let cached: FilterModel | undefined;

/** The committed filter, loaded once per process. */
export function filterModel(): FilterModel {
  cached ??= loadFilter(DEFAULT_FILTER_PATH);
  return cached;
}

export function loadFilter(path: string | URL): FilterModel {
  const data = readModelJson<FilterModel>(path);
  if (data.format !== FILTER_FORMAT) throw new Error(`attribution filter: unknown format ${data.format}`);
  return data;
}

/** Who found an attribution's cue: the rules, the tagger, or both. */
export interface CueOrigin {
  byRules: boolean;
  byTagger: boolean;
}

const PRONOUNS = new Set(
  "he she they it i we you who which that this these those his her their its him them".split(" "),
);

/** Lower-cased words of a span. */
function wordsOf(text: string, span: Span | null): string[] {
  return span ? lowerWords(text.slice(span.start, span.end)) : [];
}

/** Index of the first edge that `n` does not exceed: a small, readable bucket number. */
function bucket(n: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && n > edges[i]) i++;
  return i;
}

/** How far back to look for an open quotation before a cue: a paragraph's worth, so 1 MB stays linear. */
const QUOTE_LOOKBACK = 400;

function sourceType(text: string, source: Span | null, words: readonly string[]): string {
  if (!source) return "none";
  if (words.length === 1 && PRONOUNS.has(words[0])) return `pronoun:${words[0]}`;
  const capitalised = /^\p{Lu}/u.test(text.slice(source.start, source.end).trimStart());
  if (words[0] === "the") return capitalised ? "the-capitalised" : "the";
  return capitalised ? "capitalised" : "other";
}

/** Names of the binary features of one attribution. */
export function attributionFeatures(text: string, a: Attribution, origin: CueOrigin): string[] {
  const cueWords = wordsOf(text, a.cue);
  const last = cueWords[cueWords.length - 1] ?? "";
  const from = origin.byRules && origin.byTagger ? "both" : origin.byRules ? "rules" : "tagger";
  const sourceWords = wordsOf(text, a.source);
  const sourceKind = sourceType(text, a.source, sourceWords);
  const sourceClass = sourceKind.startsWith("pronoun") ? "pronoun" : sourceKind;
  const sourceSide = !a.source || !a.cue ? "none" : a.source.start < a.cue.start ? "before" : "after";
  const contentWords = a.content.reduce((n, span) => n + wordsOf(text, span).length, 0);
  const firstContent = a.content[0] ? text.slice(a.content[0].start, a.content[0].end).trimStart() : "";
  const contentFirstWord = lowerWords(firstContent)[0] ?? "";
  const quoted = /^["“]/.test(firstContent);
  const features = [
    "bias",
    `cue=${cueWords.join(" ")}`,
    `cue-last=${last}`,
    `cue-first=${cueWords[0] ?? ""}`,
    `cue-length=${bucket(cueWords.length, [1, 2, 4])}`,
    `from=${from}`,
    `from+cue-last=${from}|${last}`,
    `source=${sourceClass}`,
    `source-word=${sourceKind}`,
    `source-side=${sourceSide}`,
    `source-length=${bucket(sourceWords.length, [1, 2, 4, 8])}`,
    `source+cue-last=${sourceClass}|${last}`,
    `content-length=${bucket(contentWords, [0, 2, 4, 8, 16, 32, 64])}`,
    `content-first=${contentFirstWord}`,
    `content-quoted=${quoted}`,
    `content-spans=${Math.min(a.content.length, 3)}`,
    `content-first+cue-last=${contentFirstWord}|${last}`,
    `content-length+cue-last=${bucket(contentWords, [2, 6, 15])}|${last}`,
    `content-quoted+from=${quoted}|${from}`,
  ];
  if (a.cue && a.content.length) {
    // Where the content sits: "X said Y" (after), "Y, X said" (before), or a quote split around the cue.
    const cue = a.cue;
    const before = a.content.some((span) => span.end <= cue.start);
    const after = a.content.some((span) => span.start >= cue.end);
    const side = before && after ? "around" : before ? "before" : "after";
    const gap = Math.min(...a.content.map((span) => Math.max(span.start - cue.end, cue.start - span.end, 0)));
    features.push(
      `content-side=${side}`,
      `content-side+cue-last=${side}|${last}`,
      `content-gap=${bucket(gap, [1, 3, 10, 40])}`,
    );
  }
  if (a.cue) {
    // An odd number of quotation marks since the paragraph began: the cue sits inside someone's quote.
    const window = text.slice(Math.max(0, a.cue.start - QUOTE_LOOKBACK), a.cue.start);
    const before = window.slice(window.lastIndexOf("\n") + 1);
    const insideQuote = (before.match(/[“”"]/g)?.length ?? 0) % 2;
    const previous = before.slice(-2);
    const after = /,\s?$/.test(previous) ? "comma" : /["”]\s?$/.test(previous) ? "quote" : "other";
    features.push(
      `cue-in-quote=${insideQuote}`,
      `cue-in-quote+from=${insideQuote}|${from}`,
      `cue-after=${after}`,
    );
  }
  return features;
}

export function probability(model: FilterModel, features: readonly string[]): number {
  let z = 0;
  for (const name of features) z += model.weights[name] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
