/** Whether a name as written is an organisation's, and its name without article or possessive. */
import { FIRST_NAME_GENDER } from "./lexicon/given-names.ts";
import { ORGANIZATION_HEADS, ORGANIZATION_NAMES } from "./lexicon/organizations.ts";
import { HEAD_TITLES } from "./lexicon/titles.ts";
import { GOVERNMENT_PLACES } from "./names.ts";
import { isRoleHead, speakerNounKind } from "./roles.ts";

export function organizationLike(text: string): boolean {
  const bare = text.replace(/^the\s+/i, "").replace(/['’]s$/, "");
  const lowerText = bare.toLowerCase();
  if (ORGANIZATION_NAMES.has(lowerText)) return true;
  const bareWords = bare.split(/\s+/);
  const words = lowerText.split(/\s+/);
  const capitalized = bareWords.every((w) => /^[\p{Lu}\d(&]/u.test(w) || /^(of|for|and|on|the)$/.test(w));
  // "Officials at the Ministry of Trade", "Ministers in the governing Liberal Union": people described by
  // the body they belong to. ("Friends of the Earth" is a name: "of" does not count here.)
  const [first, second] = words;
  if (
    ["person", "group"].includes(speakerNounKind(first) ?? "") &&
    /^(?:in|at|from|with|for)$/.test(second ?? "")
  )
    return false;
  // "NASA", "VW", "CBS DFW": acronyms name agencies, firms and outlets; people are not written in capitals.
  if (bareWords.every((w) => /^[A-Z][A-Z0-9&]+$/.test(w.replace(/\./g, "")) && w.length > 1)) return true;
  // "China said", "Washington had concluded": a country or capital speaks for its government.
  if (GOVERNMENT_PLACES.has(bare) && !FIRST_NAME_GENDER.has(lowerText)) return true;
  // "The Marlow Brothers", "the Harbour Daily", "The Northern Front": a person's name takes no article,
  // so "the" before capitalised words names an organisation, unless a title makes it a role
  // ("the Senate Majority Leader").
  if (/^the\s/i.test(text) && bare.length > 0) {
    // A possessive title names the body's owner, not a person ("the U.S. Attorney’s Office").
    const role = bareWords.some((w) => !/['’]s$/.test(w) && isRoleHead(w));
    // "The Democrats" are party members, a group rather than an organisation's name.
    const members = speakerNounKind(words[words.length - 1]) === "group";
    if (capitalized && !role && !members) return true;
  }
  // "Senate Intelligence Committee" ends with its kind; "Ministry of Finance" starts with it.
  if (words.length > 2 && words[1] === "of" && ORGANIZATION_HEADS.has(words[0])) return true;
  const personal = words.some((w) => FIRST_NAME_GENDER.has(w) || HEAD_TITLES.has(w));
  // "Committee for a Balanced Harbour Budget", "Institute on Tide Studies": a kind of body and its remit.
  if (
    !personal &&
    words.some((w, i) => ORGANIZATION_HEADS.has(w) && /^(of|for|on)$/.test(words[i + 1] ?? ""))
  )
    return true;
  if (words.length > 0 && ORGANIZATION_HEADS.has(words[words.length - 1])) return true;
  // "the Roper Center for Public Opinion Research": an organisation word inside a capitalised name,
  // unless the name is a person's ("House Speaker Paul Ryan" has a known given name).
  return capitalized && !personal && words.some((w) => ORGANIZATION_HEADS.has(w));
}

/** An organisation's name as written, without an article or a possessive ending ("the Guild's"). */
export function organizationName(text: string): string {
  return text
    .replace(/^(the|a|an)\s+/i, "")
    .replace(/['’]s$/, "")
    .trim();
}
