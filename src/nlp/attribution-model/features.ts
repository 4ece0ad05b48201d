import { firstIndex } from "../../core/sorted.ts";
import type { Attribution, Span, Token } from "../doc.ts";
import { isCueWord, stem } from "./cue-words.ts";
import { hashString } from "./hash.ts";

/**
 * Per-document token context shared by the cue tagger and the source/content tagger. Everything a
 * feature needs is computed once per document into typed arrays, so each feature is a few integer
 * mixes (see hash.ts).
 */

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
      this.lexicon[i] = isCueWord(wordHash, stemHash) ? 1 : 0;
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

// Cue tagger labels.
export const CUE_LABELS = ["O", "B", "I"] as const;

// Source/content tagger labels.
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
