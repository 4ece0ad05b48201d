/**
 * Sources that say something but name no one the record can hold: documents and figures ("a new poll",
 * "the report", "FEC records"), shares of a poll ("Six in 10"), and common plurals written with a capital
 * at a sentence start ("Investors", "Demonstrators", "The Saudis"). Issue 11 found each kind stored as a
 * person or an organisation that pools every article's "Poll" or "voters".
 */

import { DOCUMENT_HEADS, NUMBER_WORDS } from "./lexicon/name-words.ts";
import { ORGANIZATION_NAMES } from "./lexicon/organizations.ts";
import { bareWord, isLeadingGlue } from "./name-edges.ts";
import { isPlaceWord } from "./names.ts";
import { speakerNounKind } from "./roles.ts";

/** Bodies named by a common noun, not a name ("Police said"). */
const COMMON_BODIES = new Set(["police"]);

/**
 * A source headed by a document or figure word. Lowercase, the word is the thing ("a Quinnipiac
 * University poll", "the report"); capitalised, only when nothing but glue or "New"/"Latest" comes before
 * it ("Poll", "New Poll Shows ..."), since "Rasmussen Reports" and "Pew Research Center" are pollsters.
 */
export function isDocumentSource(text: string): boolean {
  const head = text.split(/,\s|\s(?:[—–-]|--)\s/)[0];
  const words = head.split(/\s+/);
  return words.some((word, i) => {
    if (!DOCUMENT_HEADS.has(bareWord(word))) return false;
    if (/^\p{Ll}/u.test(word)) return true;
    return words.slice(0, i).every((w) => isLeadingGlue(w) || /^(?:the|a|an|new|latest)$/i.test(w));
  });
}

/** "Six in 10", "About four in 10 voters", "Nearly nine out of 10": a share, not a speaker. */
export function isShareOfPeople(text: string): boolean {
  const words = text.toLowerCase().split(/\s+/);
  const at = words.findIndex((w, i) => (w === "in" || (w === "out" && words[i + 1] === "of")) && i > 0);
  if (at < 0) return false;
  const lead = words.slice(0, at);
  return (
    lead.every((w) => NUMBER_WORDS.has(w) || /^\d+(?:\.\d+)?%?$/.test(w)) &&
    /\d|ten/.test(words.slice(at).join(" "))
  );
}

/**
 * A capitalised plural that is a common noun ("Investors", "The Saudis", "African-Americans"): a plural
 * of a demonym or of a people noun, or a word the article also writes in lowercase. Organisations named
 * by a plural ("Reuters") are not written in lowercase.
 */
export function isCommonPlural(
  text: string,
  usedInLowercase: (word: string) => boolean,
  capitalizedMidSentence: (word: string) => boolean,
): boolean {
  const bare = text.replace(/^the\s+/i, "");
  const lower = bare.toLowerCase();
  // "Police said": a one-word people noun, capitalised only by its place.
  if (
    !/\s/.test(bare) &&
    /^\p{Lu}\p{Ll}+$/u.test(bare) &&
    (COMMON_BODIES.has(lower) || speakerNounKind(lower) === "person")
  )
    return !capitalizedMidSentence(bare);
  if (/\s/.test(bare) || !/^\p{Lu}[\p{Ll}-]+s$/u.test(bare) || /(?:ss|us|is)$/.test(bare)) return false;
  if (ORGANIZATION_NAMES.has(lower)) return false;
  // "Millennials", "Demonstrators": a plural the article never capitalises mid-sentence.
  if (!capitalizedMidSentence(bare)) return true;
  if (isPlaceWord(bare.slice(0, -1)) || isPlaceWord(bare.replace(/es$/, ""))) return true;
  return speakerNounKind(lower) === "group" || usedInLowercase(lower);
}
