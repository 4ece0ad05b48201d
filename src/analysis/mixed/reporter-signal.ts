/**
 * A reporter's own words that the speaker shifted ("walked back", "reversed himself", "contradicting
 * her earlier"). They are evidence for a pair only when they are about this speaker and this statement:
 * in the statement's own sentence, in the clause that reports it, with the speaker (by name or pronoun)
 * as their subject, or opening the reported content itself ("attempted to backtrack on those remarks").
 * The same words inside the speaker's own content ("would deny millions the right to vote"), in another
 * sentence, or about someone else are not a report that this speaker shifted.
 */
import { sliceSpan } from "../../core/span.ts";
import { stem } from "../../nlp/stem.ts";
import type { StatementView } from "../statement-view.ts";
import { EARLIER_POSITION_SIGNALS, REVISION_SIGNALS, SHIFT_SIGNALS, SUBJECT_PRONOUNS } from "./lexicon.ts";

/** A signal may open the content by at most this many characters ("to backtrack on ..."). */
const OPENS_CONTENT_WITHIN = 25;
/** A signal before the content must be this close to it (one clause, not the paragraph). */
const MAX_BEFORE = 160;
/** A signal after the content ("..., reversing his earlier stance") must follow within this many characters. */
const MAX_AFTER = 60;

/** What may stand before a shift word opening the content: nothing, "to", or "(that) he (had)". */
const REPORTED_ACT_LEAD = /^\s*(?:to\s+|(?:that\s+)?(?:he|she|they)\s+(?:had\s+|has\s+|would\s+)?)?$/i;

export interface ReporterSignal {
  /** The reporter's words, as written. */
  words: string;
  /** Where they stand: opening the content, before it in its clause, or right after it. */
  where: "content" | "before" | "after";
  /**
   * For words that make this statement the earlier position ("the endorsement comes three days after"),
   * the stem of what the reporter sets it against ("endors"): only a statement of that act is its partner.
   */
  against?: string;
  /**
   * For words that say the statement revises another ("revised his withdrawal plans, saying ..."): they tie
   * it only to the remark the article reported just before it. Elsewhere they paired the new position with
   * other statements of that same new position.
   */
  pointsBackOnly?: true;
}

interface Located {
  start: number;
  end: number;
}

/** Where the content sits in the statement's context, or null when it cannot be found there. */
function contentInContext(statement: StatementView): Located | null {
  const { context, contextSpan, span } = statement;
  if (contextSpan && span.start >= contextSpan.start && span.end <= contextSpan.end) {
    return { start: span.start - contextSpan.start, end: span.end - contextSpan.start };
  }
  const head = statement.content.split(" … ")[0].slice(0, 40);
  const at = head ? context.indexOf(head) : -1;
  if (at < 0) return null;
  const tail = statement.content.split(" … ").at(-1)?.slice(-40) ?? "";
  const tailAt = tail ? context.indexOf(tail, at) : -1;
  return { start: at, end: tailAt >= 0 ? tailAt + tail.length : at + statement.content.length };
}

/** The sentence of `text` around `at`: from the last sentence end before it to the next one after. */
function sentenceAround(text: string, at: number): Located {
  const ends = [...text.matchAll(/[.!?]["”’)]*\s+(?=["“‘(]?\p{Lu})/gu)].map(
    (m) => (m.index ?? 0) + m[0].length,
  );
  const start = ends.filter((e) => e <= at).at(-1) ?? 0;
  const end = ends.find((e) => e > at) ?? text.length;
  return { start, end };
}

function nameWords(speaker: string): string[] {
  return speaker
    .split(/\s+/)
    .filter((w) => w.length > 2 && /^\p{Lu}/u.test(w))
    .map((w) => w.replace(/[.,]$/, ""));
}

/** Does the clause before a signal have the speaker (or a pronoun for them) as its subject? */
function aboutSpeaker(clause: string, statement: StatementView): boolean {
  if (statement.source && clause.includes(statement.source)) return true;
  if (nameWords(statement.speaker).some((w) => new RegExp(`\\b${w}\\b`, "u").test(clause))) return true;
  return SUBJECT_PRONOUNS.test(clause);
}

/**
 * "comes three days after Trump told the paper | he was not there yet": words that make this statement
 * the earlier position. The speaker must be the subject right after them, before the content, with no
 * clause break between ("after Ortiz said so; Vell said ..." is not about Vell).
 */
function earlierPositionSignal(
  statement: StatementView,
  text: string,
  content: Located,
): ReporterSignal | null {
  const sentence = sentenceAround(text, content.start);
  const before = text.slice(sentence.start, content.start);
  for (const pattern of EARLIER_POSITION_SIGNALS) {
    const global = new RegExp(pattern.source, "gi");
    for (const match of before.matchAll(global)) {
      const end = sentence.start + (match.index ?? 0) + match[0].length;
      if (content.start - end > MAX_BEFORE) continue;
      const between = text.slice(end, content.start);
      if (/[;.!?]/.test(between)) continue;
      // The first words after "after" are the subject: the speaker's name, their source's words or a pronoun.
      const subject = between.trim().split(/\s+/).slice(0, 3).join(" ");
      if (!aboutSpeaker(subject, statement)) continue;
      // What comes after the earlier position: the last word before "comes" ("The endorsement comes").
      const lead = text.slice(sentence.start, sentence.start + (match.index ?? 0));
      const act = lead.match(/([\p{L}]{4,})\W*$/u)?.[1];
      if (!act) continue;
      return { words: match[0], where: "before", against: stem(act.toLowerCase()) };
    }
  }
  return null;
}

/** The reporter's words that this statement is a shift, or null when there are none about it. */
export function reporterSignal(statement: StatementView): ReporterSignal | null {
  const content = contentInContext(statement);
  if (!content) return null;
  const text = statement.context;
  const earlier = earlierPositionSignal(statement, text, content);
  if (earlier) return earlier;
  const sentence = sentenceAround(text, content.start);
  const inSentence = sliceSpan(text, sentence);
  for (const pattern of [...SHIFT_SIGNALS, ...REVISION_SIGNALS]) {
    const revision = REVISION_SIGNALS.includes(pattern);
    const global = new RegExp(pattern.source, "gi");
    for (const match of inSentence.matchAll(global)) {
      const start = sentence.start + (match.index ?? 0);
      const end = start + match[0].length;
      if (start >= content.start && start < content.end) {
        // Inside the content: only when it opens a reported act ("to backtrack on those remarks"), never
        // the speaker's own words (a quote, or "Joe initially endorsed Jeb" said by the speaker).
        const lead = text.slice(content.start, start);
        if (start - content.start <= OPENS_CONTENT_WITHIN && REPORTED_ACT_LEAD.test(lead)) {
          return { words: match[0], where: "content", ...(revision && { pointsBackOnly: true }) };
        }
        continue;
      }
      if (end <= content.start) {
        if (content.start - end > MAX_BEFORE) continue;
        const between = text.slice(end, content.start);
        if (/[;]/.test(between)) continue;
        // The clause that holds the signal: from the last clause break before it.
        const clauseStart = Math.max(
          sentence.start,
          ...[...text.slice(sentence.start, start).matchAll(/[;:]|,\s(?:but|while|whereas|although)\s/g)].map(
            (m) => sentence.start + (m.index ?? 0) + m[0].length,
          ),
        );
        if (aboutSpeaker(text.slice(clauseStart, end), statement))
          return { words: match[0], where: "before", ...(revision && { pointsBackOnly: true }) };
        continue;
      }
      if (start >= content.end && start - content.end <= MAX_AFTER) {
        const between = text.slice(content.end, start);
        // "..., reversing his earlier stance": a participle or clause right after, with no new subject named.
        if (!/[;.]/.test(between) && !/\p{Lu}\p{Ll}+/u.test(between.replace(/^\W+/, ""))) {
          return { words: match[0], where: "after", ...(revision && { pointsBackOnly: true }) };
        }
      }
    }
  }
  return null;
}
