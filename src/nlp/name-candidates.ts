/** Where names and group descriptions may be in a document: candidate spans for speaker resolution. */

import { firstIndex } from "../core/sorted.ts";
import type { Doc, Span, Token } from "./doc.ts";
import { GROUP_NOUNS, NOT_NAMES } from "./lexicon/speaker-words.ts";
import { NAME_SUFFIXES, SURNAME_PARTICLES } from "./lexicon/titles.ts";
import { bareWord, isGivenName, isLeadingGlue, isTitle, isTrailingGlue, nameEdges } from "./name-edges.ts";

export const isCapitalized = (token: Token | undefined) =>
  !!token && /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(token.text);

/** True when `offset` falls inside one of `spans`, which are sorted and disjoint (binary search). */
export function insideAny(spans: readonly Span[], offset: number): boolean {
  const i = firstIndex(spans.length, (k) => spans[k].end > offset);
  return i < spans.length && spans[i].start <= offset;
}

/** True when `span` overlaps one of the sorted, disjoint `spans` (binary search). */
export function overlapsAny(spans: readonly Span[], span: Span): boolean {
  const i = firstIndex(spans.length, (k) => spans[k].end > span.start);
  return i < spans.length && spans[i].start < span.end;
}

/**
 * Finds runs of capitalised tokens that look like names, with titles, particles, suffixes and party tags.
 * Glue words at their edges are cut ("Does Rubio" → "Rubio"); in a title-case headline, where every word
 * is capitalised, only the names in a run are kept (see `headlinePieces`).
 */
export function nameCandidates(doc: Doc, headlines: readonly Span[] = headlineLines(doc)): Span[] {
  const runs = capitalizedRuns(doc);
  const inHeadline = (run: Span) => insideAny(headlines, run.start);
  const surnames = bodySurnames(runs.filter((run) => !inHeadline(run)).map((run) => doc.slice(run)));
  const candidates: Span[] = [];
  for (const run of runs) {
    if (inHeadline(run)) {
      candidates.push(...headlinePieces(doc, run, surnames));
      continue;
    }
    const edges = nameEdges(doc.slice(run));
    candidates.push({ start: run.start + edges.from, end: run.start + edges.to });
  }
  return candidates;
}

/** Runs of capitalised tokens outside quotes, without the sentence words that open them. */
function capitalizedRuns(doc: Doc): Span[] {
  const candidates: Span[] = [];
  const tokens = doc.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (!isCapitalized(tokens[i]) || insideAny(doc.quotes, tokens[i].start)) continue;
    let j = i;
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1];
      const word = next.text.toLowerCase();
      if (/\n/.test(doc.text.slice(tokens[j].end, next.start))) break;
      if (isCapitalized(next) && !NOT_NAMES.has(word)) j++;
      else if ((SURNAME_PARTICLES.has(word) || word === "of") && isCapitalized(tokens[j + 2])) j += 2;
      // "Ministry of Trade and Ports": "and" joins words of a domain opened by "of".
      else if (word === "and" && hasOfBefore(tokens, i, j) && isCapitalized(tokens[j + 2])) j += 2;
      // "Saltmere Dockworkers' Guild": a plural possessive inside an organisation's name.
      else if (
        (next.text === "'" || next.text === "’") &&
        next.start === tokens[j].end &&
        /s$/.test(tokens[j].text) &&
        isCapitalized(tokens[j + 2])
      )
        j += 2;
      else if (next.text === "(" && /^[A-Z]{1,3}-\p{Lu}/u.test(tokens[j + 2]?.text ?? "")) {
        let k = j + 2;
        while (k < tokens.length && k < j + 6 && tokens[k].text !== ")") k++;
        if (tokens[k]?.text !== ")") break;
        j = k;
      } else if (next.text === "," && NAME_SUFFIXES.has(tokens[j + 2]?.text.toLowerCase() ?? "")) j += 2;
      else if (next.text === "(" && isCapitalized(tokens[j + 2]) && tokens[j + 3]?.text === ")") j += 3;
      else break;
    }
    // Drop leading sentence words ("The", "However") that are capitalised only by position.
    let start = i;
    while (start <= j && NOT_NAMES.has(tokens[start].text.toLowerCase())) start++;
    if (start <= j) candidates.push({ start: tokens[start].start, end: tokens[j].end });
    i = j;
  }
  return candidates;
}

export function hasOfBefore(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) if (tokens[k].text === "of") return true;
  return false;
}

/** Group descriptions outside quotes: optional capitalised or modifier words before a plural people noun. */
export function groupCandidates(doc: Doc): Span[] {
  const spans: Span[] = [];
  const tokens = doc.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (!GROUP_NOUNS.has(tokens[i].text.toLowerCase()) || insideAny(doc.quotes, tokens[i].start)) continue;
    let first = i;
    while (first > 0 && i - first < 3 && /^\p{Lu}[\p{L}.-]*$/u.test(tokens[first - 1].text)) first--;
    while (first < i && NOT_NAMES.has(tokens[first].text.toLowerCase())) first++;
    spans.push({ start: tokens[first].start, end: tokens[i].end });
  }
  return spans;
}

/** Small words a title-case headline leaves in lowercase ("Trump Takes the Lead in Iowa"). */
const HEADLINE_SMALL_WORDS = new Set(
  "a an the of in on for to and or at by with from as vs vs. is it its but nor via per up".split(" "),
);

/** A headline is short; a paragraph of body text that happens to be capitalised is not one. */
const MAX_HEADLINE_LENGTH = 300;

/**
 * Lines written in title case (a headline, a section title, a page's teaser): at least three words
 * besides the small ones, and nine in ten of those capitalised. Sorted and disjoint.
 */
export function headlineLines(doc: Doc): Span[] {
  const lines: Span[] = [];
  for (const line of doc.text.matchAll(/[^\n]+/g)) {
    if (line[0].length > MAX_HEADLINE_LENGTH) continue;
    const content = (line[0].match(/\p{L}[\p{L}\p{M}'’.-]*/gu) ?? []).filter(
      (w) => !HEADLINE_SMALL_WORDS.has(w.toLowerCase()),
    );
    if (content.length < 3) continue;
    const capitalized = content.filter((w) => /^\p{Lu}/u.test(w)).length;
    if (capitalized >= 0.9 * content.length)
      lines.push({ start: line.index, end: line.index + line[0].length });
  }
  return lines;
}

/**
 * Surnames the body gives to people: the word after a known given name ("Marco Rubio"), or the last
 * word of a titled name ("Sen. Rubio"). A headline's lone "Rubio" is a name when the body names him.
 */
function bodySurnames(runs: readonly string[]): Set<string> {
  const surnames = new Set<string>();
  for (const run of runs) {
    const words = run.split(/\s+/);
    words.forEach((word, k) => {
      const next = words[k + 1];
      if (next && (isGivenName(word) || isTitle(word)) && /^\p{Lu}/u.test(next)) {
        // The surname is the last capitalised word of the name ("Marco Antonio Rubio").
        let end = k + 1;
        while (end + 1 < words.length && /^\p{Lu}/u.test(words[end + 1]) && !isGivenName(words[end + 1]))
          end++;
        surnames.add(bareWord(words[end]));
      }
    });
  }
  return surnames;
}

/** The longest name a headline piece may be, in words ("Speaker Paul D. Ryan"). */
const MAX_PIECE_WORDS = 4;

/**
 * The names inside a headline's capitalised run: each starts at a known given name, a title, or a
 * surname the body gives to a person, and runs over capitalised words until a glue word, a verb, a
 * possessive or another given name ("Donald Trump Finally Endorses House Speaker Paul Ryan" → "Donald
 * Trump", "Speaker Paul Ryan"). Other capitalised words ("Poll", "Revealed", "New Poll Shows ...") are
 * headline words, not names.
 */
function headlinePieces(doc: Doc, run: Span, surnames: ReadonlySet<string>): Span[] {
  const tokens = doc.tokens;
  const first = firstIndex(tokens.length, (k) => tokens[k].start >= run.start);
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1].end <= run.end) last++;
  const pieces: Span[] = [];
  for (let k = first; k <= last; k++) {
    const word = tokens[k].text;
    // "OBAMA" in a headline in capitals cannot be told from an acronym: it would become an organisation.
    if (/^[\p{Lu}.'’-]{2,}$/u.test(word)) continue;
    const titled = isTitle(word) && k < last && isCapitalized(tokens[k + 1]);
    if (!isCapitalized(tokens[k]) || !(isGivenName(word) || titled || surnames.has(bareWord(word)))) continue;
    let end = k;
    // A surname the body knows ends a name ("Volk Ahead In ...": the surname alone); a given name or a
    // title leads on to it ("Hillary Rodham Clinton Says").
    const endsName = (t: Token) => surnames.has(bareWord(t.text)) && !isGivenName(t.text) && !isTitle(t.text);
    while (end < last && end - k < MAX_PIECE_WORDS - 1 && !endsName(tokens[end])) {
      const next = tokens[end + 1];
      if (/['’]s$/.test(tokens[end].text) || !isCapitalized(next)) break;
      if (isLeadingGlue(next.text) || isTrailingGlue(next.text)) break;
      // "Obama Hillary Clinton": a given name after a surname starts the next name.
      if (isGivenName(next.text) && !isTitle(tokens[end].text) && !isGivenName(tokens[end].text)) break;
      end++;
    }
    // A title alone names no one.
    if (!(end === k && isTitle(word))) pieces.push({ start: tokens[k].start, end: tokens[end].end });
    k = end;
  }
  return pieces;
}
