import type { Span } from "../core/span.ts";

/**
 * Inline "hover cards": some news sites (The Hill, for one) render a pop-up card after each linked
 * person name; a text scrape glues the card's content straight onto the name:
 *
 *   <linked name><full name><headline> <headline> ... MORE<rest of the sentence>
 *
 * e.g. "Sen. Jane DoeJane (Janie) Q. DoeFirst headline Second headline MORE said ...".
 *
 * The rule, in three checks that ordinary text almost never passes together:
 *  1. a junction: a lowercase letter immediately followed by an uppercase letter, no space ("DoeJane").
 *     Names end in a lowercase letter; all-caps words ("BREAKING NEWS") would be junctions everywhere;
 *  2. the surname that ends before the junction reappears right after it, preceded by one to six
 *     capitalised name words or a parenthesised nickname (the card's full name, "Jane (Janie) Q. Doe"),
 *     and is not followed by a lowercase letter (the first headline may be glued on: "DoeFirst");
 *  3. the card closes with " MORE" (a whole word) within the same paragraph, not too far away.
 * "McConnell" or "iPhone" have a junction but "Mc"/"i" never reappears as a name; glued headline
 * lists without a repeated surname and a closing MORE are left alone.
 * The linked name is kept; the span from the junction through "MORE" is removed, so the sentence
 * reads "Sen. Jane Doe said ...".
 */

/** Also after a generational suffix: "Donald Smith Jr.Donald (Don) Smith Jr.Headline ... MORE". */
const JUNCTION = /(?:\p{Ll}|\b(?:Jr|Sr)\.)\p{Lu}/gu;
const SUFFIX_BEFORE = /\s(?:Jr|Sr)\.$/;

/** Letters, apostrophes and hyphens make up a surname ("O'Rourke", "Ocasio-Cortez"). */
const SURNAME_CHAR = /[\p{L}\p{M}'’-]/u;

/** Surnames shorter than this ("i" of iPhone) are not names. */
const MIN_SURNAME_LENGTH = 2;

/**
 * The full name on the card: up to six words before the surname repeats. Six covers
 * "Christopher (Chris) Van Hollen" and long Hispanic or noble names; more would reach into prose.
 */
const MAX_NAME_WORDS = 6;

/** A card lists three or four headlines; 1,000 characters is generous and keeps runaway matches out. */
const MAX_CARD_LENGTH = 1000;

/** Six name words fit in this many characters; the surname must reappear within it. */
const MAX_NAME_LENGTH = 120;

const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}\p{M}'’.-]*|\([^()\n]{1,40}\)|["“][^"”\n]{1,30}["”])`;

const CARD_END = /[ \u00a0]MORE(?![\p{L}\p{N}])/u;

export function findHoverCards(text: string): Span[] {
  const cards: Span[] = [];
  JUNCTION.lastIndex = 0;
  for (let match = JUNCTION.exec(text); match; match = JUNCTION.exec(text)) {
    const junction = match.index + match[0].length - 1;
    const card = hoverCardAt(text, junction);
    if (!card) {
      // Step back one character so that a junction overlapping this one is still tried.
      JUNCTION.lastIndex = junction;
      continue;
    }
    cards.push(card);
    JUNCTION.lastIndex = card.end;
  }
  return cards;
}

function hoverCardAt(text: string, junction: number): Span | null {
  // A suffix ("Jr.") belongs with the surname: both must reappear on the card.
  const suffix = SUFFIX_BEFORE.exec(text.slice(Math.max(0, junction - 4), junction))?.[0] ?? "";
  const nameEnd = junction - suffix.length;
  let surnameStart = nameEnd;
  while (surnameStart > 0 && SURNAME_CHAR.test(text[surnameStart - 1] as string)) surnameStart--;
  const surname = text.slice(surnameStart, nameEnd).replace(/^['’-]+/, "") + suffix;
  if (surname.length < MIN_SURNAME_LENGTH || !/^\p{Lu}/u.test(surname)) return null;

  // Cheap test first: most junctions (all-caps words, "McCain") never see their surname again nearby.
  const repeat = text.indexOf(surname, junction);
  if (repeat < 0 || repeat - junction > MAX_NAME_LENGTH) return null;
  const fullName = fullNamePattern(surname);
  fullName.lastIndex = junction;
  const name = fullName.exec(text);
  if (!name) return null;
  const afterName = junction + name[0].length;

  // The card runs to " MORE" within the same paragraph.
  let limit = Math.min(text.length, afterName + MAX_CARD_LENGTH);
  const newline = text.indexOf("\n", afterName);
  if (newline >= 0 && newline < limit) limit = newline;
  const tail = text.slice(afterName, limit);
  const end = CARD_END.exec(tail);
  if (!end) return null;
  return { start: junction, end: afterName + end.index + end[0].length };
}

/**
 * The full name a hover card gives for the name it follows ("Jane (Janie) Q. Doe"), with the raw span
 * of the linked surname right before the card, so the name in the prose can borrow the full name.
 */
export function hoverCardName(text: string, card: Span): { surname: Span; fullName: string } | null {
  const junction = card.start;
  const suffix = SUFFIX_BEFORE.exec(text.slice(Math.max(0, junction - 4), junction))?.[0] ?? "";
  const nameEnd = junction - suffix.length;
  let surnameStart = nameEnd;
  while (surnameStart > 0 && SURNAME_CHAR.test(text[surnameStart - 1] as string)) surnameStart--;
  const surname = text.slice(surnameStart, nameEnd).replace(/^['’-]+/, "") + suffix;
  if (surname.length < MIN_SURNAME_LENGTH) return null;
  const pattern = fullNamePattern(surname);
  pattern.lastIndex = junction;
  const name = pattern.exec(text);
  if (!name) return null;
  return { surname: { start: nameEnd - (surname.length - suffix.length), end: junction }, fullName: name[0] };
}

const MAX_CACHED_PATTERNS = 2000;
const fullNamePatterns = new Map<string, RegExp>();

/** The card's full name ending in `surname`, compiled once per surname. */
function fullNamePattern(surname: string): RegExp {
  let pattern = fullNamePatterns.get(surname);
  if (!pattern) {
    pattern = new RegExp(
      `(?:${NAME_WORD}\\s+){1,${MAX_NAME_WORDS}}?${escapeRegExp(surname)}(?![\\p{Ll}\\p{M}'’-])`,
      "uy",
    );
    // Bound the cache: a long batch meets many surnames, each compiled pattern is cheap to redo.
    if (fullNamePatterns.size >= MAX_CACHED_PATTERNS) fullNamePatterns.clear();
    fullNamePatterns.set(surname, pattern);
  }
  return pattern;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
