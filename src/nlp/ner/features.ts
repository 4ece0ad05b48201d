import { tagsToSpans } from "./tags.ts";

/**
 * Feature extraction for the NER tagger. Every feature is a string; the model maps the strings it knows
 * to weights and ignores the rest. Features are computed per document because the strongest cues in
 * news come from the rest of the story: a name written "Smith" in the body is a person in the
 * all-capitals headline too, and a word tagged as a person once is usually one everywhere.
 */

/** A document to tag: sentences of token strings, as the tokenizer (ours or CoNLL's) split them. */
export type TokenDocument = readonly (readonly string[])[];

/**
 * Maps the typography of our scraped news onto the CoNLL conventions the model was trained on: curly
 * quotes and apostrophes become straight ones, so `’s` and `“` look like CoNLL's `'s` and `"`.
 */
export function normalizeToken(token: string): string {
  return token
    .replace(/[“”„‟«»]/g, '"')
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[—–]/g, "--");
}

/** Word shape with runs collapsed: "McDonald" → "XxXx", "1996-08-22" → "d-d-d", "U.S." → "X.X.". */
export function shape(token: string): string {
  let out = "";
  let last = "";
  for (const ch of token) {
    const code = ch.charCodeAt(0);
    let c: string;
    // ASCII by character code (most tokens, and far faster); anything else by Unicode category.
    if (code >= 65 && code <= 90) c = "X";
    else if (code >= 97 && code <= 122) c = "x";
    else if (code >= 48 && code <= 57) c = "d";
    else if (code < 128) c = ch;
    else if (/\p{Lu}/u.test(ch)) c = "X";
    else if (/\p{Ll}/u.test(ch)) c = "x";
    else c = ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

const isCapitalized = (token: string): boolean => /^\p{Lu}/u.test(token);
const hasLowercase = (token: string): boolean => /\p{Ll}/u.test(token);
const digitsToZero = (text: string): string => text.replace(/\d/g, "0");

/** A sentence whose letters are all capitals is a headline: its capitals carry no information. */
function isAllCapsSentence(tokens: readonly string[]): boolean {
  let letters = 0;
  for (const token of tokens) {
    if (!/\p{L}/u.test(token)) continue;
    if (hasLowercase(token)) return false;
    letters++;
  }
  return letters > 1;
}

/**
 * A phrase list keyed by the lowercased tokens joined with spaces, each phrase carrying the entity types
 * it was seen with. Matching is case-insensitive so headline capitals still match.
 */
export type PhraseList = ReadonlyMap<string, readonly string[]>;

/** Longest phrase the matcher tries: longer entity names are rare and costly to look up. */
const MAX_PHRASE_TOKENS = 5;

/**
 * Marks every token covered by a phrase from `list` that starts on a capitalised token (or digit) with
 * `prefix:TYPE:position` (B, I, L or U, as in BILOU), one feature per type and matching phrase.
 */
function phraseFeatures(
  lower: readonly string[],
  raw: readonly string[],
  list: PhraseList,
  prefix: string,
  out: string[][],
): void {
  for (let start = 0; start < lower.length; start++) {
    if (!/^[\p{Lu}\d]/u.test(raw[start])) continue;
    let key = "";
    for (let length = 1; length <= MAX_PHRASE_TOKENS && start + length <= lower.length; length++) {
      key = length === 1 ? lower[start] : `${key} ${lower[start + length - 1]}`;
      const types = list.get(key);
      if (!types) continue;
      for (const type of types) {
        if (length === 1) {
          out[start].push(`${prefix}:${type}:U`);
          continue;
        }
        out[start].push(`${prefix}:${type}:B`);
        for (let i = start + 1; i < start + length - 1; i++) out[i].push(`${prefix}:${type}:I`);
        out[start + length - 1].push(`${prefix}:${type}:L`);
      }
    }
  }
}

/** Resources the features consult besides the tokens. */
export interface FeatureResources {
  /** Entity names with their types, built from the training set's own annotations. */
  gazetteer: PhraseList;
  /** Word → bit-string path of a hierarchical word clustering (lowercased keys). */
  clusters: ReadonlyMap<string, string>;
}

/** Cluster path prefixes used as features: coarse to fine, as in Ratinov & Roth's Brown-cluster features. */
const CLUSTER_PREFIXES = [4, 8, 12, 16];

function clusterFeatures(name: string, word: string, clusters: ReadonlyMap<string, string>, out: string[]) {
  const path = clusters.get(word);
  if (!path) return;
  for (const length of CLUSTER_PREFIXES) {
    if (path.length >= length) out.push(`${name}${length}=${path.slice(0, length)}`);
  }
}

/** How each lowercased word is written across the document, for the document-level features. */
interface DocumentCasing {
  /** Seen with an initial capital, not first in its sentence, in a sentence that is not a headline. */
  capitalizedInside: Set<string>;
  /** Seen entirely in lower case. */
  lowercase: Set<string>;
}

function documentCasing(document: readonly (readonly string[])[]): DocumentCasing {
  const casing: DocumentCasing = { capitalizedInside: new Set(), lowercase: new Set() };
  for (const tokens of document) {
    const headline = isAllCapsSentence(tokens);
    tokens.forEach((token, i) => {
      const lower = token.toLowerCase();
      if (!/\p{L}/u.test(token)) return;
      if (token === lower) casing.lowercase.add(lower);
      else if (!headline && i > 0 && isCapitalized(token) && hasLowercase(token))
        casing.capitalizedInside.add(lower);
    });
  }
  return casing;
}

/**
 * Stage-one features of every token of a document: the word and its neighbours, affixes, shapes,
 * casing in context, gazetteer matches and clusters. Returns features[sentence][token].
 */
export function extractFeatures(document: TokenDocument, resources: FeatureResources): string[][][] {
  const normalized = document.map((tokens) => tokens.map(normalizeToken));
  const casing = documentCasing(normalized);
  return normalized.map((tokens) => sentenceFeatures(tokens, casing, resources));
}

function sentenceFeatures(tokens: readonly string[], casing: DocumentCasing, resources: FeatureResources) {
  const lower = tokens.map((t) => t.toLowerCase());
  const words = lower.map(digitsToZero);
  const shapes = tokens.map(shape);
  const headline = isAllCapsSentence(tokens);
  const word = (i: number) => (i < 0 ? "<s>" : i >= tokens.length ? "</s>" : words[i]);
  const shapeAt = (i: number) => (i < 0 ? "<s>" : i >= tokens.length ? "</s>" : shapes[i]);
  const out: string[][] = tokens.map(() => []);

  tokens.forEach((token, i) => {
    const f = out[i];
    const w = words[i];
    const sh = shapes[i];
    f.push("bias", `w=${digitsToZero(token)}`, `lw=${w}`, `sh=${sh}`, `len=${Math.min(token.length, 8)}`);
    for (let n = 1; n <= 4 && n <= w.length; n++) f.push(`p${n}=${w.slice(0, n)}`, `s${n}=${w.slice(-n)}`);
    if (i === 0) f.push(`first|sh=${sh}`, `first|lw=${w}`);
    if (headline) f.push(`head|sh=${sh}`, "head");
    for (const d of [-2, -1, 1, 2]) f.push(`lw${d}=${word(i + d)}`, `sh${d}=${shapeAt(i + d)}`);
    f.push(`lw-1|lw=${word(i - 1)}|${w}`, `lw|lw+1=${w}|${word(i + 1)}`);
    f.push(`sh-1|sh=${shapeAt(i - 1)}|${sh}`, `sh|sh+1=${sh}|${shapeAt(i + 1)}`);
    f.push(`lw-1|sh=${word(i - 1)}|${sh}`, `sh|lw+1=${sh}|${word(i + 1)}`);

    // Document casing: a capital that the same word also has mid-sentence elsewhere marks a name; a word
    // also seen in lower case is more likely a common word that happens to start a sentence or headline.
    if (/\p{L}/u.test(token) && token !== lower[i]) {
      const elsewhereCapital = casing.capitalizedInside.has(lower[i]);
      const elsewhereLower = casing.lowercase.has(lower[i]);
      f.push(`doc:cap=${elsewhereCapital}|low=${elsewhereLower}`);
      if (i === 0 || headline) f.push(`doc:ambig|cap=${elsewhereCapital}|low=${elsewhereLower}`);
    }

    if (i > 0) f.push(`s3-1=${words[i - 1].slice(-3)}`);
    if (i + 1 < tokens.length) f.push(`s3+1=${words[i + 1].slice(-3)}`);
    // The words just outside a run of capitalised tokens ("Sen." before a name, "said" after it) type
    // the whole run, however long it is.
    if (/^\p{Lu}/u.test(token) && !headline) {
      let first = i;
      while (first > 0 && /^\p{Lu}/u.test(tokens[first - 1])) first--;
      let last = i;
      while (last + 1 < tokens.length && /^\p{Lu}/u.test(tokens[last + 1])) last++;
      f.push(`run<=${word(first - 1)}`, `run>=${word(last + 1)}`, `runlen=${Math.min(last - first + 1, 4)}`);
    }

    clusterFeatures("c", lower[i], resources.clusters, f);
    clusterFeatures("c-1:", i > 0 ? lower[i - 1] : "", resources.clusters, f);
    clusterFeatures("c+1:", i + 1 < tokens.length ? lower[i + 1] : "", resources.clusters, f);
  });
  phraseFeatures(lower, tokens, resources.gazetteer, "gaz", out);
  return out;
}

/**
 * Stage-two features from the stage-one tags of the whole document (Ratinov & Roth's context
 * aggregation): which types the same word received elsewhere in the story, whether the token starts a
 * phrase that stage one tagged as an entity elsewhere, and the stage-one tags around it.
 */
export function aggregationFeatures(document: TokenDocument, stageOneTags: readonly (readonly string[])[]) {
  const lower = document.map((tokens) => tokens.map((t) => normalizeToken(t).toLowerCase()));
  const typeOf: string[][] = document.map((tokens) => tokens.map(() => "O"));
  const predictedPhrases = new Map<string, string[]>();
  stageOneTags.forEach((tags, s) => {
    for (const span of tagsToSpans(tags)) {
      for (let i = span.start; i < span.end; i++) typeOf[s][i] = span.type;
      const key = lower[s].slice(span.start, span.end).join(" ");
      const types = predictedPhrases.get(key) ?? [];
      if (!types.includes(span.type)) types.push(span.type);
      predictedPhrases.set(key, types);
    }
  });

  // Type counts of every capitalised word form across the document.
  const counts = new Map<string, Map<string, number>>();
  document.forEach((tokens, s) => {
    tokens.forEach((token, i) => {
      if (!/^[\p{Lu}\d]/u.test(token)) return;
      const byType = counts.get(lower[s][i]) ?? new Map<string, number>();
      byType.set(typeOf[s][i], (byType.get(typeOf[s][i]) ?? 0) + 1);
      counts.set(lower[s][i], byType);
    });
  });

  return document.map((tokens, s) => {
    const tags = stageOneTags[s];
    const tagAt = (i: number) => (i < 0 ? "<s>" : i >= tokens.length ? "</s>" : tags[i]);
    const out: string[][] = tokens.map((_, i) => [
      `s1=${tags[i]}`,
      `s1-1=${tagAt(i - 1)}`,
      `s1+1=${tagAt(i + 1)}`,
      `s1-2|-1=${tagAt(i - 2)}|${tagAt(i - 1)}`,
      `s1+1|+2=${tagAt(i + 1)}|${tagAt(i + 2)}`,
    ]);
    tokens.forEach((token, i) => {
      const byType = counts.get(lower[s][i]);
      if (!byType || !/^[\p{Lu}\d]/u.test(token)) return;
      // Other occurrences only: this token's own stage-one type is already a feature above.
      const others = new Map(byType);
      others.set(typeOf[s][i], (others.get(typeOf[s][i]) ?? 0) - 1);
      let total = 0;
      let best = "";
      let bestCount = 0;
      for (const [type, count] of others) {
        if (count <= 0) continue;
        total += count;
        out[i].push(`ag:has=${type}`);
        if (count > bestCount) [best, bestCount] = [type, count];
      }
      out[i].push(total === 0 ? "ag:alone" : `ag:maj=${best}`);
      if (total > 0 && bestCount === total) out[i].push(`ag:all=${best}`);
    });
    phraseFeatures(lower[s], tokens.map(normalizeToken), predictedPhrases, "ag:phr", out);
    return out;
  });
}
