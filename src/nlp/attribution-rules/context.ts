import { firstIndex } from "../../core/sorted.ts";
import type { AttributionKind, Doc, Span, Token } from "../doc.ts";
import { quotationKind } from "../quotes.ts";

/** Per-document token indexes and token tests that every attribution rule reads. */

export const CLOSING_MARKS = new Set(["”", '"', "’", "'"]);
export const OPENING_MARKS = new Set(["“", '"', "‘", "'"]);
/** Punctuation that ends a phrase inside a sentence. */
export const BOUNDARY = new Set([",", ";", ":", "—", "–", "--", "(", ")", "[", "]"]);
/** Punctuation that ends a sentence. */
export const TERMINALS = new Set([".", "!", "?", "...", "…"]);

export const lower = (token: Token | undefined) => (token ? token.text.toLowerCase() : "");
export const isCapitalized = (token: Token | undefined) => !!token && /^\p{Lu}/u.test(token.text);
export const isWord = (token: Token | undefined) => !!token && /^[\p{L}\p{N}]/u.test(token.text);

/** Per-document indexes the rules share. */
export class Context {
  readonly doc: Doc;
  readonly tokens: Token[];
  readonly sentenceOf: number[];
  readonly paragraphOf: number[];
  /** Index of the quote containing each token, or -1. */
  readonly quoteOf: number[];
  /** For each quote: first token index and one past its last token. */
  readonly quoteTokens: { first: number; end: number }[];
  readonly sentenceTokens: { first: number; end: number }[];

  constructor(doc: Doc) {
    this.doc = doc;
    this.tokens = doc.tokens;
    const n = this.tokens.length;
    this.sentenceOf = new Array(n).fill(-1);
    this.paragraphOf = new Array(n).fill(-1);
    this.quoteOf = new Array(n).fill(-1);
    this.sentenceTokens = this.spanTokens(doc.sentences, this.sentenceOf);
    this.spanTokens(doc.paragraphs, this.paragraphOf);
    this.quoteTokens = this.spanTokens(doc.quotes, this.quoteOf);
  }

  /** Maps spans to token ranges, marking each token with its span index. */
  private spanTokens(spans: readonly Span[], marks: number[]): { first: number; end: number }[] {
    const ranges: { first: number; end: number }[] = [];
    let t = 0;
    spans.forEach((span, index) => {
      while (t < this.tokens.length && this.tokens[t].end <= span.start) t++;
      // Spans of one layer are sorted and disjoint, so one forward cursor suffices.
      let u = t;
      while (u < this.tokens.length && this.tokens[u].start < span.end) {
        marks[u] = index;
        u++;
      }
      ranges.push({ first: t, end: u });
    });
    return ranges;
  }

  text(i: number): string {
    return lower(this.tokens[i]);
  }

  sameSentence(a: number, b: number): boolean {
    return b >= 0 && b < this.tokens.length && this.sentenceOf[a] === this.sentenceOf[b];
  }

  sentenceRange(i: number): { first: number; end: number } {
    return this.sentenceTokens[this.sentenceOf[i]] ?? { first: i, end: i + 1 };
  }

  isQuoteOpen(i: number): boolean {
    const q = this.quoteOf[i];
    return q >= 0 && this.quoteTokens[q].first === i;
  }

  isQuoteClose(i: number): boolean {
    const q = this.quoteOf[i];
    return q >= 0 && this.quoteTokens[q].end === i + 1 && CLOSING_MARKS.has(this.tokens[i].text);
  }

  span(first: number, last: number): Span {
    return { start: this.tokens[first].start, end: this.tokens[last].end };
  }
}

/** True when token i closes a quote, possibly followed by a comma (`,”` or `”,`). */
export function closesQuote(ctx: Context, i: number): boolean {
  // The quote must end inside this sentence: `.” Cruz says` starts a new one, `,” Cruz said` does not.
  if (i < 0 || !ctx.sameSentence(i, i + 1)) return false;
  if (ctx.isQuoteClose(i)) return true;
  return ctx.text(i) === "," && i > 0 && ctx.isQuoteClose(i - 1);
}

/** Token index starting at a character offset (binary search). */
export function tokenAt(ctx: Context, offset: number): number {
  const tokens = ctx.tokens;
  const i = firstIndex(tokens.length, (k) => tokens[k].end > offset);
  return i < tokens.length && tokens[i].start <= offset ? i : -1;
}

export function kindOf(ctx: Context, content: Span[]): AttributionKind {
  return quotationKind(ctx.doc.quotes, content);
}
