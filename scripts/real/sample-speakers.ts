/**
 * Draws the sample that labels/real/speakers.jsonl labels: stored statements whose source is a pronoun or
 * a description, from the PolNeAR train/dev documents and the extraction pages, with a fixed seed, in four
 * strata (resolved pronouns, resolved descriptions, unresolved descriptions, unresolved pronouns) so that
 * each kind of decision is read often enough. Prints each with the text before it for the labeller, and
 * writes the rows without a speaker to out/real/speakers-draft.jsonl; the labeller reads the article and
 * fills in `speaker` (or null) and `why`. Re-running on the same store draws the same statements.
 *
 * usage: node --import tsx scripts/real/sample-speakers.ts [--no-rebuild]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom, shuffled } from "../../src/core/random.ts";
import { contextFromArgs, type RealStatement, realStatements } from "./common.ts";
import type { RealContext } from "./context.ts";
import { outDir } from "./corpus.ts";

const SEED = 11;
const STRATA: { name: string; size: number; test: (s: RealStatement, pronoun: boolean) => boolean }[] = [
  { name: "pronoun, resolved", size: 60, test: (s, p) => p && s.personId !== null },
  {
    name: "description, resolved",
    size: 45,
    test: (s, p) => !p && s.resolution === "description" && s.personId !== null,
  },
  {
    name: "description, unresolved",
    size: 25,
    test: (s, p) => !p && s.resolution === "description" && s.personId === null,
  },
  { name: "pronoun, unresolved", size: 20, test: (s, p) => p && s.personId === null },
];

const PRONOUN =
  /^(?:he|she|they|it|we|i|you|who|which|that|him|her|them|us|me|his|its|their|our|my|your|this|these|those)$/i;

export function isPronounSource(text: string | null): boolean {
  return text !== null && PRONOUN.test(text.trim());
}

export function drawSample(ctx: RealContext): { stratum: string; statement: RealStatement }[] {
  const all = realStatements(ctx).filter((s) => s.source !== null && s.cue !== null && s.sourceText);
  const sample: { stratum: string; statement: RealStatement }[] = [];
  for (const stratum of STRATA) {
    const pool = all.filter((s) => {
      const pronoun = isPronounSource(s.sourceText);
      if (!pronoun && s.resolution !== "description") return false;
      return stratum.test(s, pronoun);
    });
    for (const statement of shuffled(pool, seededRandom(SEED)).slice(0, stratum.size))
      sample.push({ stratum: stratum.name, statement });
  }
  return sample;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ctx = await contextFromArgs();
  const sample = drawSample(ctx);
  const rows: string[] = [];
  sample.forEach(({ stratum, statement: s }, i) => {
    const raw = ctx.articleOf.get(s.doc)?.rawText ?? "";
    const source = s.source ?? { start: 0, end: 0 };
    const cue = s.cue ?? { start: 0, end: 0 };
    const from = Math.max(0, source.start - 700);
    const to = Math.min(raw.length, Math.max(cue.end, source.end) + 160);
    const marked = `${raw.slice(from, source.start)}[[${raw.slice(source.start, source.end)}]]${raw.slice(source.end, cue.start)}<<${raw.slice(cue.start, cue.end)}>>${raw.slice(cue.end, to)}`;
    const kind = isPronounSource(s.sourceText) ? "pronoun" : "description";
    console.log(
      `#${i} ${stratum} | ${s.doc} | stored: ${s.person ?? "(none)"}\n${marked.replace(/\s+/g, " ")}\n`,
    );
    rows.push(
      JSON.stringify({
        doc: s.doc,
        source: [source.start, source.end],
        cue: [cue.start, cue.end],
        kind,
        speaker: null,
        why: "",
      }),
    );
  });
  writeFileSync(path.join(outDir, "speakers-draft.jsonl"), `${rows.join("\n")}\n`);
  await ctx.store.close();
}
