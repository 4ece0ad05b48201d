/**
 * Builds models/gap-names.json, a first-name → gender guess, from gap-development.tsv.
 *
 * Source: GAP pairs every pronoun with two names of the pronoun's gender (that is how the corpus was
 * built), so the first word of every multi-word candidate name is a first name used for that gender.
 * Only names seen at least twice and with one gender at least 90% of the time are kept. The list is for
 * callers that must drop gender-mismatched candidates (news speakers); the GAP ranker never reads it.
 *
 * usage: node --import tsx training/gap/names.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pronounGender } from "../../src/nlp/coref/features.ts";
import { parseGap } from "../../src/nlp/coref/gap-file.ts";

const MIN_COUNT = 2;
const MIN_PURITY = 0.9;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { examples } = parseGap(
  readFileSync(path.resolve(repoRoot, "../shared/data/gap/gap-development.tsv"), "utf8"),
);
const counts = new Map<string, { M: number; F: number }>();
for (const e of examples) {
  const gender = pronounGender(e.pronoun);
  if (!gender) continue;
  for (const name of [e.a, e.b]) {
    const words = name.split(/\s+/);
    // A single word is as often a surname as a first name: it tells nothing about gender.
    if (words.length < 2 || !/^\p{Lu}\p{Ll}+$/u.test(words[0])) continue;
    const c = counts.get(words[0]) ?? { M: 0, F: 0 };
    c[gender]++;
    counts.set(words[0], c);
  }
}
const names: Record<string, "M" | "F"> = {};
for (const [name, c] of [...counts].sort(([x], [y]) => (x < y ? -1 : 1))) {
  const total = c.M + c.F;
  if (total < MIN_COUNT) continue;
  if (c.M / total >= MIN_PURITY) names[name] = "M";
  else if (c.F / total >= MIN_PURITY) names[name] = "F";
}
const out = path.join(repoRoot, "models/gap-names.json");
writeFileSync(out, `${JSON.stringify(names)}\n`);
const values = Object.values(names);
console.log(
  `wrote ${path.relative(repoRoot, out)}: ${values.length} names (${values.filter((g) => g === "F").length} F, ${values.filter((g) => g === "M").length} M)`,
);
