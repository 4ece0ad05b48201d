/**
 * A guess at a person's gender from their first name or honorific, for dropping candidates a gendered
 * pronoun cannot refer to ("she said" after a quote cannot be "Mr. Smith"). The first-name list is built
 * from GAP development names by training/gap/names.ts; unknown names give null and are never dropped.
 */
import { modelUrl, readModelJson } from "../../core/models.ts";
import { pronounGender } from "./features.ts";

export type Gender = "M" | "F";

const HONORIFICS: Record<string, Gender> = {
  "Mr.": "M",
  Mr: "M",
  "Mrs.": "F",
  Mrs: "F",
  "Ms.": "F",
  Ms: "F",
  Miss: "F",
  Sir: "M",
  Lady: "F",
  Lord: "M",
  King: "M",
  Queen: "F",
};

let firstNames: Record<string, Gender> | undefined;

function loadFirstNames(): Record<string, Gender> {
  firstNames ??= readModelJson<Record<string, Gender>>(modelUrl("gap-names.json"));
  return firstNames;
}

export function guessGender(name: string): Gender | null {
  const words = name.trim().split(/\s+/);
  if (words.length === 0) return null;
  const honorific = HONORIFICS[words[0]];
  if (honorific) return honorific;
  // A single word is usually a surname in news ("Smith said"), which says nothing about gender.
  if (words.length < 2) return null;
  return loadFirstNames()[words[0]] ?? null;
}

/** False only when both genders are known and differ. */
export function genderCompatible(pronoun: string, name: string): boolean {
  const p = pronounGender(pronoun);
  const n = guessGender(name);
  return p === null || n === null || p === n;
}
