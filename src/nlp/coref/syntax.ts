/**
 * Shallow syntax for pronoun resolution: POS tags and chunks (src/nlp/pos) turned into the syntactic
 * role of a noun phrase and a clause index for every token. No parser, but real chunks: a subject is
 * the NP before the VP of its clause, an object the NP right after a VP, an oblique the NP after a PP.
 */
import type { Token } from "../doc.ts";
import { chunkSpansFor, defaultPosModels, tagPosWith } from "../pos/index.ts";

export type SyntacticRole = "subject" | "object" | "oblique" | "possessor" | "other";

export interface Chunk {
  /** Token indices [start, end) into the whole token list. */
  start: number;
  end: number;
  type: string;
}

export interface Syntax {
  pos: string[];
  chunks: Chunk[];
  /** Index into `chunks` for each token, or -1 outside any chunk. */
  chunkOf: number[];
  /** A running clause number: a new clause starts at SBAR, wh-words, semicolons and "and"+subject+verb. */
  clauseOf: number[];
}

/** Words whose chunk opens a dependent clause even when the chunker calls it something else. */
const CLAUSE_OPENERS = new Set(["WDT", "WP", "WP$", "WRB"]);

export function analyzeSyntax(tokens: readonly Token[], sentenceRanges: readonly [number, number][]): Syntax {
  const models = defaultPosModels();
  const pos = new Array<string>(tokens.length).fill("");
  const chunks: Chunk[] = [];
  const chunkOf = new Array<number>(tokens.length).fill(-1);
  const clauseOf = new Array<number>(tokens.length).fill(0);
  let clause = 0;
  for (const [from, to] of sentenceRanges) {
    const words = tokens.slice(from, to).map((t) => t.text);
    const tags = tagPosWith(models, words);
    tags.forEach((t, i) => {
      pos[from + i] = t;
    });
    for (const c of chunkSpansFor(models, words, tags)) {
      for (let t = c.start; t < c.end; t++) chunkOf[from + t] = chunks.length;
      chunks.push({ start: from + c.start, end: from + c.end, type: c.type });
    }
    clause++;
    for (let t = from; t < to; t++) {
      const c = chunkOf[t] >= 0 ? chunks[chunkOf[t]] : undefined;
      const opensChunk = c !== undefined && c.start === t;
      const opener =
        (opensChunk && c.type === "SBAR") ||
        CLAUSE_OPENERS.has(pos[t]) ||
        tokens[t].text === ";" ||
        (pos[t] === "CC" && startsClause(chunks, chunkOf, t + 1));
      if (opener && t > from) clause++;
      clauseOf[t] = clause;
    }
  }
  return { pos, chunks, chunkOf, clauseOf };
}

/** An NP chunk starting at token t and followed by a VP: "and [NP she] [VP moved]". */
function startsClause(chunks: readonly Chunk[], chunkOf: readonly number[], t: number): boolean {
  const c = chunkOf[t];
  if (c < 0 || chunks[c].type !== "NP" || chunks[c].start !== t) return false;
  return chunks[c + 1]?.type === "VP" && chunks[c + 1].start === chunks[c].end;
}

/** The chunk before index c in the same sentence, skipping adverbs ("[NP Ann] [ADVP later] [VP left]"). */
function neighbourChunk(
  s: Syntax,
  c: number,
  direction: -1 | 1,
  sentenceOf: readonly number[],
): Chunk | undefined {
  const sentence = sentenceOf[s.chunks[c].start];
  for (let k = c + direction; k >= 0 && k < s.chunks.length; k += direction) {
    const other = s.chunks[k];
    if (sentenceOf[other.start] !== sentence) return undefined;
    if (other.type === "ADVP") continue;
    return other;
  }
  return undefined;
}

/** The role of the noun phrase whose last token is `last` (a name's head is its last word). */
export function roleOf(
  s: Syntax,
  tokens: readonly Token[],
  sentenceOf: readonly number[],
  first: number,
  last: number,
): SyntacticRole {
  const next = tokens[last + 1]?.text ?? "";
  if (s.pos[last + 1] === "POS" || /^['’]s?$/.test(next)) return "possessor";
  const c = s.chunkOf[last];
  if (c < 0) return "other";
  const chunk = s.chunks[c];
  if (chunk.type !== "NP") return "other";
  // The token right before the phrase decides attachment when no chunk sits in between.
  const before = chunk.start > 0 && sentenceOf[chunk.start - 1] === sentenceOf[first] ? chunk.start - 1 : -1;
  const previous = before >= 0 && s.chunkOf[before] >= 0 ? s.chunks[s.chunkOf[before]] : undefined;
  if (previous?.type === "PP") return "oblique";
  if (previous?.type === "VP") return "object";
  const following = neighbourChunk(s, c, 1, sentenceOf);
  // A clause opener before the phrase ("when [ADVP] Ann left", "that [SBAR] Ann left") keeps it a subject.
  const opensClause = previous === undefined || previous.type === "SBAR" || previous.type === "ADVP";
  if (following?.type === "VP" && opensClause) {
    // Punctuation between the phrase and the verb is an appositive or a list, not a subject.
    if (following.start === chunk.end || s.pos[chunk.end] === "RB") return "subject";
  }
  if (following?.type === "VP" && previous?.type === "NP" && s.pos[before] !== ",") return "subject";
  return "other";
}
