/** Where names and group descriptions may be in a document: candidate spans for speaker resolution. */
import type { Doc, Span, Token } from "./doc.ts";
import { NAME_SUFFIXES, SURNAME_PARTICLES } from "./lexicon.ts";
import { firstIndex } from "./sorted.ts";
import { GROUP_NOUNS, NOT_NAMES } from "./speaker-words.ts";

export const isCapitalized = (token: Token | undefined) =>
  !!token && /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(token.text);

/** True when `offset` falls inside one of `spans`, which are sorted and disjoint (binary search). */
export function insideAny(spans: readonly Span[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else if (spans[mid].start > offset) hi = mid - 1;
    else return true;
  }
  return false;
}

/** True when `span` overlaps one of the sorted, disjoint `spans` (binary search). */
export function overlapsAny(spans: readonly Span[], span: Span): boolean {
  const i = firstIndex(spans.length, (k) => spans[k].end > span.start);
  return i < spans.length && spans[i].start < span.end;
}

/** Finds runs of capitalised tokens that look like names, with titles, particles, suffixes and party tags. */
export function nameCandidates(doc: Doc): Span[] {
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
