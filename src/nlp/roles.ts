/** Roles and descriptions: which nouns name a role, and whether a description fits a person's roles. */

import { SOURCE_NOUNS } from "./lexicon/source-nouns.ts";
import { GENERIC_HEADS, KINSHIP, PARTY_WORDS, ROLE_SYNONYMS } from "./lexicon/speaker-words.ts";
import { HEAD_TITLES } from "./lexicon/titles.ts";
import type { ParsedName } from "./names.ts";
import type { Entity } from "./speaker-types.ts";
import { isStateTag, stateIn } from "./us-states.ts";

export function roleWords(role: string): string[] {
  return role
    .toLowerCase()
    .split(/\s+/)
    .map((w) => ROLE_SYNONYMS[w] ?? w);
}

/**
 * Evidence that a parsed name is a person's: a title that heads a role ("Sen.", "President", "Mr.");
 * qualifiers such as "North American" or "former" alone are not.
 */
export function hasHeadTitle(parsed: ParsedName): boolean {
  return parsed.roles.some((role) => role.split(" ").some((w) => HEAD_TITLES.has(w.toLowerCase())));
}

/**
 * The kind of speaker a noun names (see SOURCE_NOUNS); a plural of a person noun ("ministers",
 * "diplomats" after "diplomat") names a group. The lexicon lists the common plurals only, and it is shared
 * with the attribution rules, so the plural is worked out here rather than added there.
 */
export function speakerNounKind(word: string): "person" | "group" | "organization" | undefined {
  const kind = SOURCE_NOUNS.get(word);
  if (kind || !word.endsWith("s")) return kind;
  return SOURCE_NOUNS.get(word.slice(0, -1)) === "person" ? "group" : undefined;
}

/** A word that can head a role phrase: a title ("minister", "Sen.") or a person noun ("economist"). */
export function isRoleHead(word: string): boolean {
  const lower = word.toLowerCase();
  return !KINSHIP.has(lower) && (HEAD_TITLES.has(lower) || speakerNounKind(lower) === "person");
}

/**
 * True when a description ("the minister", "the guild leader") fits one of the entity's roles: its head
 * noun is a word of the role, or a generic head's modifier is ("guild" in "president of the ... Guild").
 */
export function sameRole(entity: Entity, noun: string, modifiers: readonly string[] = []): boolean {
  const wanted = ROLE_SYNONYMS[noun] ?? noun;
  if (otherParty(entity, modifiers)) return false;
  if (otherState(entity, modifiers)) return false;
  // "The Wisconsin Republican": a party noun as head fits the party tag ("(R-Wis.)").
  const partyHead = PARTY_WORDS[wanted];
  if (partyHead && entity.party?.charAt(0).toUpperCase() === partyHead) return true;
  // "The former president" is not the president, nor the reverse.
  const former = modifiers.includes("former");
  for (const role of entity.roles) {
    const words = roleWords(role).map((w) => w.replace(/['’]s?$/, ""));
    if (words.includes("former") !== former) continue;
    if (words.includes(wanted)) return true;
    if (GENERIC_HEADS.has(wanted) && modifiers.some((m) => words.includes(m))) return true;
  }
  return false;
}

/**
 * How well a description fits an entity's roles: 0 not at all, 1 with words the description does not
 * give ("Russian President" for "the president"), 2 exactly ("President", "Sen." for "the senator").
 */
export function roleFit(entity: Entity, noun: string, modifiers: readonly string[] = []): number {
  if (!sameRole(entity, noun, modifiers)) return 0;
  const wanted = ROLE_SYNONYMS[noun] ?? noun;
  const given = new Set([wanted, "former", ...modifiers]);
  const exact = [...entity.roles].some((role) => {
    const words = roleWords(role).map((w) => w.replace(/['’]s?$/, ""));
    return words.includes(wanted) && words.every((w) => given.has(w));
  });
  return exact ? 2 : 1;
}

/**
 * "The Wisconsin Republican" is not a Republican from elsewhere: a state named in the description rules
 * out a person whose party tag gives another state, or who has no tag and no role naming that state.
 */
function otherState(entity: Entity, modifiers: readonly string[]): boolean {
  const state = stateIn(modifiers);
  if (!state) return false;
  if (entity.state) return !isStateTag(state, entity.state);
  return ![...entity.roles].some((role) => role.toLowerCase().includes(state));
}

/**
 * "The Democratic nominee" is not the Republican nominee: a party word in the description that differs
 * from the entity's party tag or from a party word in its roles rules the entity out.
 */
export function otherParty(entity: Entity, modifiers: readonly string[]): boolean {
  const wanted = modifiers.map((m) => PARTY_WORDS[m]).find(Boolean);
  if (!wanted) return false;
  const held = new Set<string>();
  if (entity.party) held.add(entity.party.charAt(0).toUpperCase());
  for (const role of entity.roles)
    for (const word of roleWords(role)) {
      const letter = PARTY_WORDS[word.toLowerCase()];
      if (letter) held.add(letter);
    }
  return held.size > 0 && !held.has(wanted);
}
