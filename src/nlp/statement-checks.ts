import { sliceSpan } from "../core/span.ts";
/**
 * Which attributions are statements. PolNeAR's notion of an attribution is broad: it annotates "is seen
 * as", "did not respond to requests for comment", "spent much of the weekend in dismay", "wants to"; the
 * extractor is trained and scored on it. A record of who said what is narrower: read on a random sample
 * of real news (docs/real-news-eval.md, "Statements"), a quarter of the stored statements were not
 * anyone saying anything. So there are two layers here:
 *
 * - `fixAttributions` corrects what is wrong by either reading, inside the extractor: a colon after a cue
 *   and its object ("laid out one last fact: “...”": what was said is the quote), the same statement
 *   told twice with a bare colon as the second cue, a compound read as a cue ("think tank").
 * - `notStatementReason` names why an attribution is not a statement (a verb of doing or perceiving, a
 *   passive common view, a negated or not-done speech act, "no" as the source, a content with no
 *   proposition, the article's own outlet as the source: "POLITICO has learned" in a Politico article is
 *   the writer's own reporting). The record (src/process.ts) stores only the attributions without a reason.
 */
import type { Attribution, Span } from "./doc.ts";
import {
  CUE_COMPOUND_NOUNS,
  EMPTY_CONTENT_WORDS,
  HEDGES,
  INTENTION_VERBS,
  NEGATIONS,
  NO_ONE,
  NOT_DONE_BEFORE,
  NOT_SPEECH_CUE_WORDS,
  OUTLET_NAME_EXTRAS,
  PASSIVE_AUXILIARIES,
  PASSIVE_NOT_SPEECH,
  QUESTION_WORDS,
} from "./lexicon/not-statements.ts";
import { lowerWords } from "./tokenizer.ts";

const isNegation = (word: string) => NEGATIONS.has(word) || /n[’']t$/.test(word);

/** How far around a cue the checks read: a clause's worth. */
const WINDOW = 60;

/** The last `limit` words of the clause just before `at` (stopping at a sentence or clause mark). */
function wordsBefore(text: string, at: number, limit: number): string[] {
  const before = text.slice(Math.max(0, at - WINDOW), at);
  const clause = before.split(/[.!?;:,“”"()—–\n]/u).pop() ?? "";
  return lowerWords(clause).slice(-limit);
}

/** The word right after `at`, if only spaces separate them. */
function wordAfter(text: string, at: number): string {
  const match = /^[^\S\n]*([\p{L}\p{N}][\p{L}\p{N}’'-]*)/u.exec(text.slice(at, at + WINDOW));
  return match ? match[1].toLowerCase() : "";
}

/** Is the cue a verb used as the modifier of a noun ("think tank", "think-tank")? */
function cueIsCompound(text: string, cue: Span): boolean {
  const cueWords = lowerWords(sliceSpan(text, cue));
  const last = cueWords[cueWords.length - 1] ?? "";
  const next = wordAfter(text, cue.end).replace(/^-/, "");
  const nouns = CUE_COMPOUND_NOUNS.get(last);
  if (!nouns) return false;
  return nouns.has(next) || (text[cue.end] === "-" && nouns.has(next.split("-")[0] ?? ""));
}

/** What the checks know about the article besides its text. */
export interface ArticleFacts {
  /** The outlet that published the article ("Politico", "The Washington Post"). */
  outlet?: string;
}

/** An outlet's name as a key: lower-cased words without "the" and "news". */
function outletKey(name: string): string {
  return lowerWords(name)
    .filter((w) => !OUTLET_NAME_EXTRAS.has(w))
    .join(" ");
}

/** Why `a` is not a statement someone made, or null when it is one as far as these checks see. */
export function notStatementReason(text: string, a: Attribution, facts: ArticleFacts = {}): string | null {
  if (a.source) {
    // "The senator left no | doubt about": a source ending in "no"; "None of those three have declared".
    const sourceWords = lowerWords(sliceSpan(text, a.source));
    const first = sourceWords[0] ?? "";
    if (NO_ONE.has(sourceWords[sourceWords.length - 1] ?? "") || (NO_ONE.has(first) && first !== "no"))
      return "source is no one";
    const own = facts.outlet ? outletKey(facts.outlet) : "";
    if (own && outletKey(sliceSpan(text, a.source)) === own) return "the writer's own outlet";
  }
  if (a.cue) {
    const cue = a.cue;
    const cueWords = lowerWords(sliceSpan(text, cue));
    const last = cueWords[cueWords.length - 1] ?? "";
    const next = wordAfter(text, cue.end);
    const before = wordsBefore(text, cue.start, 2);
    if (cueWords.some((w) => NOT_SPEECH_CUE_WORDS.has(w))) return "cue is not speech";
    if (last === "charged" && next === "with") return "cue is not speech";
    // "41% identify with the Democratic Party", "voters who identify as independents": a survey's category.
    if (last === "identify" && (next === "with" || next === "as")) return "cue is not speech";
    // "That said, Cruz cannot ...": the writer's discourse marker, not "That" saying something.
    if (a.source && last === "said" && text[cue.end] === "," && /^that$/i.test(sliceSpan(text, a.source)))
      return 'a discourse marker ("That said,")';
    const passive = [...before, ...cueWords].some((w) => PASSIVE_AUXILIARIES.has(w)) || next === "as";
    if (passive && cueWords.some((w) => PASSIVE_NOT_SPEECH.has(w))) return "cue is a passive view";
    if (cueWords.length > 0 && cueWords.every((w) => HEDGES.has(w))) return "cue is a hedge";
    if (INTENTION_VERBS.has(last) && next === "to") return "cue is an intention";
    if (cueIsCompound(text, cue)) return "cue is part of a compound noun";
    if (cueWords.some(isNegation) || before.some(isNegation)) return "negated cue";
    const lead = text
      .slice(Math.max(0, cue.start - WINDOW), cue.start)
      .toLowerCase()
      .trimEnd();
    if (NOT_DONE_BEFORE.some((phrase) => lead.endsWith(phrase))) return "speech not done";
    const firstContent = lowerWords(a.content[0] ? text.slice(a.content[0].start, a.content[0].end) : "")[0];
    if (last === "asked" && QUESTION_WORDS.has(firstContent ?? "")) return "a question, not a statement";
  }
  const contentWords = a.content.flatMap((span) => lowerWords(sliceSpan(text, span)));
  if (contentWords.length === 0) return "empty content";
  if (contentWords.every((w) => EMPTY_CONTENT_WORDS.has(w))) return "content is only pronouns";
  const contentText = a.content.map((span) => sliceSpan(text, span)).join(" ");
  // One unquoted common word ("criticized on social media") is no proposition; a name can be ("endorses Trump").
  if (contentWords.length === 1 && !/["“'‘]/u.test(contentText) && !/\p{Lu}/u.test(contentText))
    return "content of one word";
  return null;
}

/** The attributions that are statements (see notStatementReason). */
export function statementsOnly(
  text: string,
  attributions: readonly Attribution[],
  facts: ArticleFacts = {},
): Attribution[] {
  return attributions.filter((a) => notStatementReason(text, a, facts) === null);
}

/** Words that show the text before a colon is a clause or a list lead-in, not the object of the cue. */
const NOT_AN_OBJECT = new Set(["that", "whether", "if", "to", "including", "because", "when"]);

/** Most words an object before a colon may have ("laid out one last indisputable fact:"). */
const MAX_OBJECT_WORDS = 8;

/**
 * "Davis laid out one last indisputable fact: “...”": the content is what follows the colon, not the
 * object before it. Applies when the content opens with a short unquoted object ending in a colon.
 */
export function contentAfterColon(text: string, a: Attribution): Attribution {
  const first = a.content[0];
  if (!a.cue || !first || first.start < a.cue.end) return a;
  const body = sliceSpan(text, first);
  const colon = body.indexOf(":");
  if (colon < 0 || /["“”]/u.test(body.slice(0, colon))) return a;
  const objectWords = lowerWords(body.slice(0, colon));
  if (objectWords.length === 0 || objectWords.length > MAX_OBJECT_WORDS) return a;
  if (objectWords.some((w) => NOT_AN_OBJECT.has(w))) return a;
  let start = first.start + colon + 1;
  while (start < first.end && /\s/u.test(text[start])) start++;
  if (start >= first.end) return a;
  return { ...a, content: [{ start, end: first.end }, ...a.content.slice(1)] };
}

const isMark = (text: string, span: Span | null) =>
  span !== null && !/[\p{L}\p{N}]/u.test(sliceSpan(text, span));

/** Two attributions tell the same statement when they share the source and the first content span. */
function statementKey(a: Attribution): string {
  const content = a.content[0];
  return `${a.source?.start}:${a.source?.end}|${content?.start}:${content?.end}`;
}

/**
 * Fixes inside the extractor (see the header): colon contents reshaped, compound cues dropped, and a
 * bare-colon cue dropped where a worded cue tells the same statement (keeping the higher confidence).
 */
export function fixAttributions(text: string, attributions: readonly Attribution[]): Attribution[] {
  const kept = attributions
    .map((a) => contentAfterColon(text, a))
    .filter((a) => !(a.cue && cueIsCompound(text, a.cue)));
  // Grouped by statement, so a long article costs one pass, not one comparison per pair.
  const worded = new Set<string>();
  const markConfidence = new Map<string, number | undefined>();
  for (const a of kept) {
    const key = statementKey(a);
    if (!isMark(text, a.cue)) worded.add(key);
    else if (!markConfidence.has(key)) markConfidence.set(key, a.confidence);
  }
  return kept.flatMap((a) => {
    const key = statementKey(a);
    if (isMark(text, a.cue)) return worded.has(key) ? [] : [a];
    const twin = markConfidence.get(key);
    if (twin === undefined) return [a];
    return [{ ...a, confidence: Math.max(a.confidence ?? 0, twin) }];
  });
}
