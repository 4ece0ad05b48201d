/**
 * Are two statements about the same thing? Shared topic keys are too loose ("real", "percent", "debate
 * stage" link unrelated remarks), so sameness is measured on the words themselves: content words,
 * stemmed, each weighted by how rare it is in the store (inverse document frequency over statement
 * contents), with names and numbers weighted up. The sentence around each statement counts a little too,
 * since a reporter often names the subject there ("on the trade pact, she said ...") and not in the
 * content. The speaker's own name never counts: every one of their statements would share it.
 */
import { stem as stemWord } from "../../nlp/stem.ts";
import { STOPWORDS } from "../judge/text.ts";
import type { StatementView } from "../statement-view.ts";
import { FUNCTION_WORDS } from "./lexicon.ts";

/** A name or a number shared by both statements is stronger evidence than a shared common word. */
const NAME_BOOST = 1.5;
/** A word in more than this share of the store's statements is too common to be what a negation denies. */
const TELLING_SHARE = 0.01;
/** How much the sentences around the two statements weigh against their contents. */
const CONTEXT_SHARE = 0.3;

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[.,]\d+)*/gu;

/** Document frequencies of stems over a sample of the store's statement contents. */
export class WordWeights {
  private readonly df = new Map<string, number>();
  private documents = 0;

  constructor(contents: Iterable<string> = []) {
    for (const content of contents) this.add(content);
  }

  add(content: string): void {
    this.documents++;
    for (const stem of new Set(termsOf(content).keys())) this.df.set(stem, (this.df.get(stem) ?? 0) + 1);
  }

  /**
   * A word rare enough to carry a proposition: in at most this share of statements. Without a sample
   * every word counts.
   */
  telling(stem: string): boolean {
    return this.documents === 0 || (this.df.get(stem) ?? 0) <= this.documents * TELLING_SHARE;
  }

  /** Inverse document frequency: 1 for a word in every statement, higher for rarer words. */
  idf(stem: string): number {
    return 1 + Math.log((this.documents + 1) / ((this.df.get(stem) ?? 0) + 1));
  }
}

export interface Term {
  form: string;
  /** A capitalised word not opening a sentence, or a number: a name or a figure. */
  named: boolean;
  /**
   * For a word of a name written in several words ("United States", "Planned Parenthood"), the stem of
   * the name's first word: the name is one thing two statements share, not two.
   */
  name?: string;
}

const stemCache = new Map<string, string>();
function stemOf(form: string): string {
  let stem = stemCache.get(form);
  if (stem === undefined) {
    stem = stemWord(form);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(form, stem);
  }
  return stem;
}

/** The content words of a text by stem, with whether each was written as a name or a number. */
export function termsOf(text: string, exclude: ReadonlySet<string> = new Set()): Map<string, Term> {
  const terms = new Map<string, Term>();
  // The name the previous word opened or continued, while the words stay capitalised and adjacent.
  let name = null as { stem: string; end: number } | null;
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0].replace(/['’]s$/, "");
    const capitalised = /^\p{Lu}/u.test(raw);
    const adjacent = name !== null && /^\s+$/.test(text.slice(name.end, match.index));
    if (!capitalised || !adjacent) name = null;
    const form = raw.toLowerCase();
    if (FUNCTION_WORDS.has(form) || STOPWORDS.has(form) || exclude.has(form)) continue;
    if (form.length < 3 && !/\d/.test(form)) continue;
    const before = text.slice(Math.max(0, (match.index ?? 0) - 3), match.index);
    const opensSentence = (match.index ?? 0) === 0 || /[.!?:"“]\s*$/.test(before);
    const named = /\d/.test(form) || (/^\p{Lu}/u.test(raw) && !opensSentence);
    const stem = stemOf(form);
    const known = terms.get(stem);
    const inName = capitalised && name !== null ? name.stem : undefined;
    if (!known) terms.set(stem, { form, named, ...(inName && { name: inName }) });
    else if (named) known.named = true;
    if (capitalised) name = { stem: name?.stem ?? stem, end: (match.index ?? 0) + match[0].length };
  }
  return terms;
}

/** What the similarity of one statement is computed from, built once per statement. */
export interface Profile {
  content: Map<string, Term>;
  context: Map<string, Term>;
}

export function profileOf(statement: StatementView): Profile {
  const speakerNames = new Set(statement.speaker.toLowerCase().split(/\s+/));
  return {
    content: termsOf(statement.content, speakerNames),
    context: termsOf(statement.context, speakerNames),
  };
}

export interface Sameness {
  /** 0..1: how much the two statements are about the same thing. */
  score: number;
  /** The same on the contents alone. */
  content: number;
  /** Shared content words, most telling first (as written in the earlier statement). */
  shared: string[];
  /** Shared names and numbers among them. */
  names: string[];
  /** How many things the shared words name: a name written in several words counts once. */
  sharedUnits: number;
  /** Content words shared by the sentences around the two (not their contents). */
  contextShared: string[];
}

function weightOf(stem: string, term: Term, weights: WordWeights): number {
  return weights.idf(stem) * (term.named ? NAME_BOOST : 1);
}

/** The mean of weighted Dice and weighted overlap: Dice alone punishes a short statement against a long one. */
function overlap(a: Map<string, Term>, b: Map<string, Term>, weights: WordWeights): number {
  let sumA = 0;
  let sumB = 0;
  let shared = 0;
  for (const [stem, term] of a) {
    const w = weightOf(stem, term, weights);
    sumA += w;
    if (b.has(stem)) shared += w;
  }
  for (const [stem, term] of b) sumB += weightOf(stem, term, weights);
  if (sumA === 0 || sumB === 0) return 0;
  return ((2 * shared) / (sumA + sumB) + shared / Math.min(sumA, sumB)) / 2;
}

export function sameness(a: Profile, b: Profile, weights: WordWeights): Sameness {
  const content = overlap(a.content, b.content, weights);
  const context = overlap(a.context, b.context, weights);
  const sharedStems = [...a.content.keys()].filter((stem) => b.content.has(stem));
  sharedStems.sort((x, y) => weights.idf(y) - weights.idf(x));
  const termOf = (stem: string) => a.content.get(stem) as Term;
  return {
    score: round((1 - CONTEXT_SHARE) * content + CONTEXT_SHARE * context),
    content: round(content),
    shared: sharedStems.map((stem) => termOf(stem).form),
    sharedUnits: new Set(sharedStems.map((stem) => termOf(stem).name ?? stem)).size,
    names: sharedStems
      .filter((stem) => termOf(stem).named || b.content.get(stem)?.named)
      .map((s) => termOf(s).form),
    contextShared: [...a.context.keys()]
      .filter((stem) => b.context.has(stem) && !a.content.has(stem) && weights.telling(stem))
      .map((stem) => (a.context.get(stem) as Term).form),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
