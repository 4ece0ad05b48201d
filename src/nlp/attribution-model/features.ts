import { firstIndex } from "../../core/sorted.ts";
import type { Attribution, Span, Token } from "../doc.ts";
import * as hash from "./hash.ts";

// Local bindings: calls through an imported module namespace can cost a getter each under some
// loaders (tsx), and these run dozens of times per token.
const { feature1, feature2, feature3, feature4, hashString } = hash;

/**
 * Per-document token context shared by the cue tagger and the source/content tagger. Everything a
 * feature needs is computed once per document into typed arrays, so each feature is a few integer
 * mixes (see hash.ts).
 */

/** Reporting verbs and nouns, as crude stems (see `stem`): a prior for cue words the corpus sees rarely. */
const CUE_LEXICON = [
  "say",
  "said",
  "tell",
  "told",
  "add",
  "state",
  "argu",
  "argue",
  "claim",
  "note",
  "ask",
  "write",
  "wrote",
  "believ",
  "believe",
  "think",
  "thought",
  "feel",
  "felt",
  "know",
  "knew",
  "explain",
  "insist",
  "warn",
  "announc",
  "announce",
  "report",
  "suggest",
  "acknowledg",
  "acknowledge",
  "admit",
  "declar",
  "declare",
  "describ",
  "describe",
  "accus",
  "accuse",
  "call",
  "tweet",
  "post",
  "recall",
  "conclud",
  "conclude",
  "show",
  "found",
  "find",
  "want",
  "hope",
  "expect",
  "predict",
  "promis",
  "promise",
  "vow",
  "pledg",
  "pledge",
  "deni",
  "deny",
  "confirm",
  "estimat",
  "estimate",
  "contend",
  "maintain",
  "assert",
  "comment",
  "respond",
  "repli",
  "reply",
  "answer",
  "urg",
  "urge",
  "criticiz",
  "criticize",
  "prais",
  "praise",
  "endors",
  "endorse",
  "blam",
  "blame",
  "cit",
  "cite",
  "accord",
  "quot",
  "quote",
  "statement",
  "interview",
  "told",
  "reveal",
  "disclos",
  "disclose",
  "indicat",
  "indicate",
  "emphasiz",
  "emphasize",
  "stress",
  "point",
  "observ",
  "observe",
  "remark",
  "agre",
  "agree",
  "worri",
  "worry",
  "fear",
  "seem",
  "appear",
  "suspect",
  "doubt",
  "question",
  "wonder",
  "decri",
  "decry",
  "dismiss",
  "reject",
  "support",
  "oppos",
  "oppose",
  "propos",
  "propose",
  "recommend",
  "demand",
  "threaten",
  "boast",
  "brag",
  "complain",
  "mock",
  "joke",
  "quip",
  "scoff",
  "testifi",
  "testify",
  "speculat",
  "speculate",
  "according",
  "says",
  "saying",
  "adding",
  "noting",
  "telling",
  "citing",
  "referring",
  "refer",
  "poll",
  "survey",
];

/** Strips common inflections so "argued", "argues" and "arguing" share a feature. */
export function stem(lower: string): string {
  const n = lower.length;
  if (n > 5 && lower.endsWith("ing")) return lower.slice(0, -3);
  if (n > 4 && lower.endsWith("ed")) return lower.slice(0, -2);
  if (n > 4 && lower.endsWith("es")) return lower.slice(0, -2);
  if (n > 3 && lower.endsWith("s") && !lower.endsWith("ss")) return lower.slice(0, -1);
  return lower;
}

const LEXICON_HASHES = new Set(CUE_LEXICON.flatMap((word) => [hashString(word), hashString(stem(word))]));

/** Quote mark kinds: double quotes drive the quote state; single curly quotes are only a feature. */
const QUOTE_NONE = 0;
const QUOTE_OPEN = 1;
const QUOTE_CLOSE = 2;
const QUOTE_SINGLE = 3;

/** Word shape (Xx, x, d, X.X., ...): case and digit pattern with repeats collapsed, at most 5 symbols. */
function shapeOf(text: string): number {
  let hash = 0x811c9dc5;
  let last = -1;
  let length = 0;
  for (let i = 0; i < text.length && length < 5; i++) {
    const code = text.charCodeAt(i);
    let symbol: number;
    if (code >= 97 && code <= 122)
      symbol = 120; // x
    else if (code >= 65 && code <= 90)
      symbol = 88; // X
    else if (code >= 48 && code <= 57)
      symbol = 100; // d
    else if (code > 127) {
      const ch = text[i];
      symbol = ch.toLowerCase() !== ch ? 88 : ch.toUpperCase() !== ch ? 120 : code;
    } else symbol = code;
    if (symbol === last) continue;
    hash = Math.imul(hash ^ symbol, 0x01000193);
    last = symbol;
    length++;
  }
  return hash >>> 0;
}

/** Two touching apostrophes stand for a double quote in some archives (the NYT texts in PolNeAR). */
function isApostrophePair(tokens: readonly Token[], i: number): boolean {
  return (
    tokens[i].text === "'" &&
    i + 1 < tokens.length &&
    tokens[i + 1].text === "'" &&
    tokens[i + 1].start === tokens[i].end
  );
}

/** Buckets for distances: fine near the cue, where the decisions are, coarse further away. */
const DISTANCE_BUCKETS = new Uint8Array(64);
for (let d = 0; d < 64; d++) {
  DISTANCE_BUCKETS[d] = d <= 4 ? d : d <= 6 ? 5 : d <= 10 ? 6 : d <= 15 ? 7 : d <= 25 ? 8 : d <= 40 ? 9 : 10;
}
export function distanceBucket(distance: number): number {
  return distance < 64 ? DISTANCE_BUCKETS[distance] : 10;
}

export class DocFeatures {
  readonly length: number;
  readonly word: Int32Array;
  readonly stemmed: Int32Array;
  readonly suffix: Int32Array;
  readonly shape: Int32Array;
  readonly lexicon: Uint8Array;
  readonly capitalised: Uint8Array;
  /**
   * The word's class: its part of speech when the word has one fixed tag (function words: "the", "of",
   * "he", "that"; see WordClasses), otherwise its three-letter suffix.
   */
  readonly wordClass: Int32Array;
  /** QUOTE_* kind of the token when it is a quote mark. */
  readonly quoteMark: Uint8Array;
  /** 1 when the token is inside a double-quoted passage (marks excluded). */
  readonly inQuote: Uint8Array;
  readonly sentence: Int32Array;
  readonly paragraph: Int32Array;
  /** First and one-past-last token of each sentence. */
  readonly sentenceStart: Int32Array;
  readonly sentenceEnd: Int32Array;
  /** Prefix counts (value at i = count among tokens before i), for "how many between" features. */
  readonly quotesBefore: Int32Array;
  readonly commasBefore: Int32Array;
  /**
   * The rule extractor's output (see useRules): ruleCue is 1 on the first token of a rule cue, 2 on the
   * rest; ruleRole is 1 on tokens of some rule source, 2 of some rule content; rules lists each rule
   * attribution as token ranges, and ruleOfToken maps a cue token to its attribution there (-1 none).
   */
  readonly ruleCue: Uint8Array;
  readonly ruleRole: Uint8Array;
  readonly ruleOfToken: Int32Array;
  rules: RuleTokens[] = [];

  constructor(
    tokens: readonly Token[],
    sentences: readonly Span[],
    paragraphs: readonly Span[],
    wordClasses: WordClasses = new Map(),
  ) {
    const n = tokens.length;
    this.length = n;
    this.word = new Int32Array(n);
    this.stemmed = new Int32Array(n);
    this.suffix = new Int32Array(n);
    this.shape = new Int32Array(n);
    this.lexicon = new Uint8Array(n);
    this.capitalised = new Uint8Array(n);
    this.wordClass = new Int32Array(n);
    this.quoteMark = new Uint8Array(n);
    this.inQuote = new Uint8Array(n);
    this.sentence = new Int32Array(n);
    this.paragraph = new Int32Array(n);
    this.quotesBefore = new Int32Array(n + 1);
    this.commasBefore = new Int32Array(n + 1);
    this.ruleCue = new Uint8Array(n);
    this.ruleRole = new Uint8Array(n);
    this.ruleOfToken = new Int32Array(n).fill(-1);

    let s = 0;
    let p = 0;
    let quoteOpen = false;
    let lastParagraph = -1;
    for (let i = 0; i < n; i++) {
      const token = tokens[i];
      const raw = token.text;
      const lower = raw.toLowerCase();
      const wordHash = hashString(lower);
      this.word[i] = wordHash;
      const stemmedText = stem(lower);
      const stemHash = stemmedText === lower ? wordHash : hashString(stemmedText);
      this.stemmed[i] = stemHash;
      this.suffix[i] = hashString(lower, Math.max(0, lower.length - 3));
      this.shape[i] = shapeOf(raw);
      this.wordClass[i] = wordClasses.get(raw) ?? wordClasses.get(lower) ?? this.suffix[i];
      this.lexicon[i] = LEXICON_HASHES.has(wordHash) || LEXICON_HASHES.has(stemHash) ? 1 : 0;
      const first = raw.charCodeAt(0);
      this.capitalised[i] = lower !== raw && first !== 0x201c && first !== 0x22 ? 1 : 0;

      while (s < sentences.length - 1 && sentences[s].end <= token.start) s++;
      while (p < paragraphs.length - 1 && paragraphs[p].end <= token.start) p++;
      this.sentence[i] = s;
      this.paragraph[i] = p;
      // A quotation does not run past its paragraph unless the next paragraph reopens it,
      // which news style always does, so the state resets at each paragraph.
      if (p !== lastParagraph) {
        quoteOpen = false;
        lastParagraph = p;
      }
      // The second half of a '' pair repeats the first half's mark but neither toggles nor counts again.
      const secondHalf = i > 0 && isApostrophePair(tokens, i - 1);
      let mark = QUOTE_NONE;
      if (raw === "“") mark = QUOTE_OPEN;
      else if (raw === "”") mark = QUOTE_CLOSE;
      else if (secondHalf) mark = this.quoteMark[i - 1];
      else if (raw === '"' || isApostrophePair(tokens, i)) mark = quoteOpen ? QUOTE_CLOSE : QUOTE_OPEN;
      else if (raw === "‘" || raw === "’" || raw === "'") mark = QUOTE_SINGLE;
      this.quoteMark[i] = mark;
      const toggles = (mark === QUOTE_OPEN || mark === QUOTE_CLOSE) && !secondHalf;
      if (toggles) quoteOpen = mark === QUOTE_OPEN;
      else if (quoteOpen && (mark === QUOTE_NONE || mark === QUOTE_SINGLE)) this.inQuote[i] = 1;
      this.quotesBefore[i + 1] = this.quotesBefore[i] + (toggles ? 1 : 0);
      this.commasBefore[i + 1] = this.commasBefore[i] + (raw === "," || raw === ";" || raw === ":" ? 1 : 0);
    }

    const sentenceCount = n ? this.sentence[n - 1] + 1 : 0;
    this.sentenceStart = new Int32Array(sentenceCount).fill(-1);
    this.sentenceEnd = new Int32Array(sentenceCount);
    for (let i = 0; i < n; i++) {
      const si = this.sentence[i];
      if (this.sentenceStart[si] < 0) this.sentenceStart[si] = i;
      this.sentenceEnd[si] = i + 1;
    }
    // Sentences with no token of their own (never produced by the sentencizer, but be safe) borrow a neighbour's.
    for (let si = 0; si < sentenceCount; si++) {
      if (this.sentenceStart[si] < 0) {
        const previousEnd = si > 0 ? this.sentenceEnd[si - 1] : 0;
        this.sentenceStart[si] = previousEnd;
        this.sentenceEnd[si] = previousEnd;
      }
    }
  }

  /**
   * Records the rule extractor's attributions as features. The taggers are trained on rule output
   * (stacking): they learn per word and context when a rule cue or span boundary is right, which beats
   * both a fixed merge policy and either extractor alone in cross-validation.
   */
  useRules(tokens: readonly Token[], attributions: readonly Attribution[]): void {
    this.ruleCue.fill(0);
    this.ruleRole.fill(0);
    this.ruleOfToken.fill(-1);
    this.rules = [];
    for (const attribution of attributions) {
      const cue = attribution.cue ? tokenRange(tokens, attribution.cue) : null;
      const source = attribution.source ? tokenRange(tokens, attribution.source) : null;
      const content = attribution.content.flatMap((span) => {
        const range = tokenRange(tokens, span);
        return range ? [range] : [];
      });
      const index = this.rules.length;
      this.rules.push({ source, content });
      if (cue) {
        for (let i = cue[0]; i <= cue[1]; i++) {
          if (this.ruleCue[i] === 0) this.ruleCue[i] = i === cue[0] ? 1 : 2;
          if (this.ruleOfToken[i] < 0) this.ruleOfToken[i] = index;
        }
      }
      if (source) for (let i = source[0]; i <= source[1]; i++) this.ruleRole[i] ||= 1;
      for (const [first, last] of content) for (let i = first; i <= last; i++) this.ruleRole[i] = 2;
    }
  }
}

/** One rule attribution as token index ranges [first, last]. */
export interface RuleTokens {
  source: [number, number] | null;
  content: Array<[number, number]>;
}

/** Tokens whose midpoint lies in the span (as the trainer maps gold spans), or null when none does. */
export function tokenRange(tokens: readonly Token[], span: Span): [number, number] | null {
  // First token whose midpoint reaches span.start (tokens are sorted and disjoint).
  const lo = firstIndex(tokens.length, (k) => tokens[k].start + tokens[k].end > 2 * span.start);
  let last = lo - 1;
  while (last + 1 < tokens.length && tokens[last + 1].start + tokens[last + 1].end < 2 * span.end) last++;
  return last >= lo ? [lo, last] : null;
}

/**
 * How token i relates to the rule attribution sharing the cue being tagged: 1 its source, 2 its content,
 * 4-6 outside it (plus ruleRole), 8-10 when no rule attribution shares the cue (plus ruleRole).
 */
export function ruleRelation(f: DocFeatures, rule: RuleTokens | null, i: number): number {
  if (!rule) return 8 + f.ruleRole[i];
  if (rule.source && i >= rule.source[0] && i <= rule.source[1]) return 1;
  for (const [first, last] of rule.content) if (i >= first && i <= last) return 2;
  return 4 + f.ruleRole[i];
}

/**
 * Words with one fixed part-of-speech tag, as hashes of the tag: the tag dictionary of our CoNLL-trained
 * tagger (src/nlp/pos), stored with the attribution weights it was trained with.
 */
export type WordClasses = ReadonlyMap<string, number>;

export function wordClassesOf(tagDictionary: Iterable<[string, string]>): WordClasses {
  return new Map([...tagDictionary].map(([word, tag]) => [word, hashString(`tag:${tag}`)]));
}

/** Sentinel hashes for positions outside the document. */
const PAD = 0x5bd1e995;

// Cue tagger labels and feature templates.
export const CUE_LABELS = ["O", "B", "I"] as const;
export const MAX_FEATURES = 64;

/** Fills `out` with feature hashes for token i of the cue tagger; returns how many. */
export function cueFeatures(
  f: DocFeatures,
  i: number,
  previousLabel: number,
  beforePreviousLabel: number,
  out: Uint32Array,
): number {
  const n = f.length;
  const w0 = f.word[i];
  const wm1 = i > 0 ? f.word[i - 1] : PAD;
  const wm2 = i > 1 ? f.word[i - 2] : PAD;
  const wp1 = i + 1 < n ? f.word[i + 1] : PAD;
  const wp2 = i + 2 < n ? f.word[i + 2] : PAD;
  const sh0 = f.shape[i];
  const shm1 = i > 0 ? f.shape[i - 1] : PAD;
  const shp1 = i + 1 < n ? f.shape[i + 1] : PAD;
  const st0 = f.stemmed[i];
  const q0 = f.inQuote[i];
  const qm0 = f.quoteMark[i];
  const qmm1 = i > 0 ? f.quoteMark[i - 1] : 9;
  const qmp1 = i + 1 < n ? f.quoteMark[i + 1] : 9;
  const si = f.sentence[i];
  const start = f.sentenceStart[si];
  const end = f.sentenceEnd[si];
  const fromStart = distanceBucket(i - start);
  const toEnd = distanceBucket(end - 1 - i);
  const quotesInSentence = f.quotesBefore[end] - f.quotesBefore[start];
  const quotesLeft = f.quotesBefore[i] - f.quotesBefore[start];
  const quotesRight = f.quotesBefore[end] - f.quotesBefore[i + 1];
  const lex = f.lexicon[i];
  const lexm1 = i > 0 ? f.lexicon[i - 1] : 2;
  const lexp1 = i + 1 < n ? f.lexicon[i + 1] : 2;
  const stm1 = i > 0 ? f.stemmed[i - 1] : PAD;
  const stp1 = i + 1 < n ? f.stemmed[i + 1] : PAD;
  let k = 0;
  out[k++] = feature1(0, 0);
  out[k++] = feature1(1, w0);
  out[k++] = feature1(2, st0);
  out[k++] = feature1(3, f.suffix[i]);
  out[k++] = feature1(4, sh0);
  out[k++] = feature1(5, wm1);
  out[k++] = feature1(6, wp1);
  out[k++] = feature1(7, wm2);
  out[k++] = feature1(8, wp2);
  out[k++] = feature2(9, wm1, w0);
  out[k++] = feature2(10, w0, wp1);
  out[k++] = feature3(11, shm1, sh0, shp1);
  out[k++] = feature2(12, q0, qm0);
  out[k++] = feature2(13, q0, st0);
  out[k++] = feature3(14, qmm1, qmp1, q0);
  out[k++] = feature3(15, Math.min(quotesLeft, 3), Math.min(quotesRight, 3), q0);
  out[k++] = feature2(16, fromStart, toEnd);
  out[k++] = feature2(17, lex, q0);
  out[k++] = feature3(18, lexm1, lex, lexp1);
  out[k++] = feature1(19, previousLabel);
  out[k++] = feature2(20, previousLabel, w0);
  out[k++] = feature2(21, previousLabel, beforePreviousLabel);
  out[k++] = feature3(22, previousLabel, st0, q0);
  out[k++] = feature2(23, Math.min(quotesInSentence, 4), lex);
  out[k++] = feature2(24, stm1, st0);
  out[k++] = feature2(25, st0, stp1);
  out[k++] = feature3(26, st0, fromStart === 0 ? 0 : 1, Math.min(quotesInSentence, 2));
  out[k++] = feature2(27, previousLabel, wm1);
  out[k++] = feature3(28, sh0, lex, previousLabel);
  out[k++] = feature2(29, f.capitalised[i], fromStart);
  // What the rules found here (see DocFeatures.useRules): the tagger learns when to trust them, per word.
  const rc = f.ruleCue[i];
  const rcm1 = i > 0 ? f.ruleCue[i - 1] : 3;
  const rcp1 = i + 1 < n ? f.ruleCue[i + 1] : 3;
  out[k++] = feature1(30, rc);
  out[k++] = feature2(31, rc, st0);
  out[k++] = feature3(32, rc, previousLabel, rcm1);
  out[k++] = feature3(33, rc, f.ruleRole[i], q0);
  out[k++] = feature3(34, rcm1, rc, rcp1);
  return k;
}

// Source/content tagger labels and feature templates.
export const ROLE_LABELS = ["O", "S", "C"] as const;
export const ROLE_OUTSIDE = 0;
export const ROLE_SOURCE = 1;
export const ROLE_CONTENT = 2;

/** A cue as token indices [first, last] plus the token-index prefix count of cue starts in the document. */
export interface CueContext {
  first: number;
  last: number;
  /** cueStartsBefore[i] = number of other cue starts among tokens before i. */
  cueStartsBefore: Int32Array;
}

/**
 * Caps on how far from its cue a source or content token may be. In PolNeAR train 99.5% of attributions
 * reach no further than 54 tokens before and 82 after; the caps keep text without sentence punctuation
 * (one 100 KB "sentence") linear instead of quadratic.
 */
const MAX_TOKENS_BEFORE_CUE = 60;
const MAX_TOKENS_AFTER_CUE = 120;

/**
 * The tokens the role tagger may look at for a cue: the sentence before it to two sentences after (the
 * decoder stops early after the cue's sentence when content has ended). Content reaching into the
 * previous sentence is rare (about 2% in PolNeAR) but tagging it gained a point of content token F1 in
 * cross-validation, for about a quarter more tagging work.
 */
export function roleWindow(f: DocFeatures, cue: CueContext): [number, number] {
  const si = f.sentence[cue.first];
  const lo = Math.max(f.sentenceStart[Math.max(0, si - 1)], cue.first - MAX_TOKENS_BEFORE_CUE);
  const hi = Math.min(
    f.sentenceEnd[Math.min(f.sentenceStart.length - 1, si + 2)],
    cue.last + 1 + MAX_TOKENS_AFTER_CUE,
  );
  return [lo, hi];
}

/** Fills `out` with feature hashes for token i (outside the cue) relative to the cue; returns how many. */
export function roleFeatures(
  f: DocFeatures,
  i: number,
  cue: CueContext,
  previousLabel: number,
  relation: Uint8Array,
  lo: number,
  out: Uint32Array,
): number {
  const n = f.length;
  const { first, last } = cue;
  const after = i > last ? 1 : 0;
  const distance = after ? i - last : first - i;
  const db = distanceBucket(distance);
  const from = after ? last + 1 : i + 1;
  const to = after ? i : first;
  const quotesBetween = Math.min(f.quotesBefore[to] - f.quotesBefore[from], 3);
  const commasBetween = Math.min(f.commasBefore[to] - f.commasBefore[from], 3);
  const cuesBetween = Math.min(cue.cueStartsBefore[to] - cue.cueStartsBefore[from], 2);
  const cueSentence = f.sentence[first];
  const sd = Math.max(-2, Math.min(3, f.sentence[i] - cueSentence)) + 2;
  const pd = Math.max(-1, Math.min(2, f.paragraph[i] - f.paragraph[first])) + 1;
  const w0 = f.word[i];
  const wm1 = i > 0 ? f.word[i - 1] : PAD;
  const wp1 = i + 1 < n ? f.word[i + 1] : PAD;
  const sh0 = f.shape[i];
  const q0 = f.inQuote[i];
  const qm0 = f.quoteMark[i];
  const cq = f.inQuote[first];
  const cueFirst = f.stemmed[first];
  const cueLast = f.stemmed[last];
  const afterCue = last + 1 < n ? f.word[last + 1] : PAD;
  const beforeCue = first > 0 ? f.word[first - 1] : PAD;
  const si = f.sentence[i];
  const sentenceEdge = (i === f.sentenceStart[si] ? 1 : 0) + (i === f.sentenceEnd[si] - 1 ? 2 : 0);
  const cueAtStart = distanceBucket(first - f.sentenceStart[cueSentence]);
  const cueToEnd = distanceBucket(f.sentenceEnd[cueSentence] - 1 - last);
  const dirBucket = after * 16 + db;
  let k = 0;
  out[k++] = feature1(100, after);
  out[k++] = feature1(101, dirBucket);
  out[k++] = feature2(102, sd, pd);
  out[k++] = feature3(103, sd, dirBucket, cuesBetween);
  out[k++] = feature2(104, after, w0);
  out[k++] = feature2(105, dirBucket, w0);
  out[k++] = feature2(106, after, sh0);
  out[k++] = feature2(107, after, wm1);
  out[k++] = feature2(108, after, wp1);
  out[k++] = feature4(109, after, q0, cq, quotesBetween);
  out[k++] = feature3(110, after, qm0, q0);
  out[k++] = feature3(111, after, cuesBetween, sd);
  out[k++] = feature3(112, after, commasBetween, sd);
  out[k++] = feature2(113, after, cueFirst);
  out[k++] = feature2(114, after, cueLast);
  out[k++] = feature3(115, after, db, cueFirst);
  out[k++] = feature2(116, after, afterCue);
  out[k++] = feature2(117, after, beforeCue);
  out[k++] = feature1(118, previousLabel);
  out[k++] = feature3(119, previousLabel, after, q0);
  out[k++] = feature2(120, previousLabel, w0);
  out[k++] = feature2(121, previousLabel, sh0);
  out[k++] = feature3(122, previousLabel, sd, sentenceEdge);
  out[k++] = feature4(123, previousLabel, qm0, q0, after);
  out[k++] = feature3(124, after, sentenceEdge, sd);
  out[k++] = feature3(125, after, f.capitalised[i], db);
  out[k++] = feature3(126, after, cueAtStart, cueToEnd);
  out[k++] = feature4(127, previousLabel, after, cueAtStart, cueToEnd);
  out[k++] = feature3(128, after, afterCue, db);
  out[k++] = feature4(129, after, quotesBetween, commasBetween, sd);
  out[k++] = feature3(130, previousLabel, wm1, after);
  out[k++] = feature3(131, after, cueFirst, w0);
  out[k++] = feature4(132, previousLabel, cuesBetween, after, sd);
  // The rule attribution for this cue, if any: its source and content, and where its spans end.
  const r0 = relation[i - lo];
  const rm1 = i > lo ? relation[i - lo - 1] : 15;
  const rp1 = i + 1 - lo < relation.length ? relation[i + 1 - lo] : 15;
  out[k++] = feature2(133, r0, after);
  out[k++] = feature3(134, r0, previousLabel, after);
  out[k++] = feature3(135, rm1, r0, rp1);
  out[k++] = feature4(136, r0, sd, after, q0);
  out[k++] = feature3(137, r0, w0, after);
  // Word classes around the token: where a source noun phrase or a content clause starts and ends ("the",
  // "of", "that", "he"). 5-fold CV on train: exact source F1 +0.009, better in every fold; running the
  // part-of-speech tagger itself gave no more and would halve extraction speed.
  const c0 = f.wordClass[i];
  const cm1 = i > 0 ? f.wordClass[i - 1] : PAD;
  const cp1 = i + 1 < n ? f.wordClass[i + 1] : PAD;
  out[k++] = feature2(138, after, c0);
  out[k++] = feature3(139, dirBucket, c0, previousLabel);
  out[k++] = feature3(140, cm1, c0, after);
  out[k++] = feature3(141, c0, cp1, after);
  out[k++] = feature4(142, previousLabel, c0, sd, after);
  return k;
}
