/**
 * Speaker resolution evaluation.
 *
 * 1. PolNeAR dev: takes the gold attributions (source, cue, content spans read from the .ann files as
 *    ../shared/tools/score-attributions.mjs reads them: first annotator in name order, brat code points
 *    converted to UTF-16 offsets), runs the speaker resolver on them, and reports, for gold sources that
 *    are pronouns or descriptions ("he", "the senator", "officials"), the share resolved to a named
 *    person. Plausibility, where it can be checked without a speaker gold: the person is also a named
 *    gold source elsewhere in the article, and a gendered pronoun agrees with a known given name.
 * 2. The sample corpus: speaker accuracy against samples/expected.json (scripts/eval-samples.ts).
 *
 * usage: npm run eval:speakers [-- --split dev|train] [-- --verbose]
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Attribution, Span } from "../src/nlp/doc.ts";
import { Doc, runPipeline } from "../src/nlp/doc.ts";
import { POSSESSIVES, PRONOUNS } from "../src/nlp/lexicon/pronouns.ts";
import { SOURCE_NOUNS } from "../src/nlp/lexicon/source-nouns.ts";
import { TITLES } from "../src/nlp/lexicon/titles.ts";
import { parseName } from "../src/nlp/names.ts";
import { quotes } from "../src/nlp/quotes.ts";
import { sentencizer } from "../src/nlp/sentencizer.ts";
import { resolveSpeakers } from "../src/nlp/speakers.ts";
import { tokenizer } from "../src/nlp/tokenizer.ts";
import { type GoldAttribution, loadSplit } from "../training/attribution/polnear.ts";
import { processSamples, type SampleCheck, scoreSamples } from "./eval-samples.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const split = process.argv.includes("--split") ? process.argv[process.argv.indexOf("--split") + 1] : "dev";
const verbose = process.argv.includes("--verbose");
const goldDir = path.resolve(repoRoot, "../shared/data/polnear", split ?? "dev");

/** Gold attributions as the pipeline's shape, each range list collapsed to one covering span. */
function asAttributions(gold: GoldAttribution[]): Attribution[] {
  const cover = (ranges: Span[] | null): Span | null =>
    ranges?.length
      ? { start: Math.min(...ranges.map((r) => r.start)), end: Math.max(...ranges.map((r) => r.end)) }
      : null;
  return gold.map((g) => ({
    source: cover(g.source),
    cue: cover(g.cue),
    content: [...g.content].sort((x, y) => x.start - y.start),
    kind: "indirect",
    speaker: null,
  }));
}

/** A person's name, not a description: capitalised words, at least one of them not a title or noun. */
function looksLikeName(name: string): boolean {
  const words = name.split(/\s+/);
  return (
    words.every((w) => /^\p{Lu}/u.test(w) || /^(van|von|de|del|da|di|la|le|bin|al)$/.test(w)) &&
    words.some((w) => !TITLES.has(w.toLowerCase()) && !SOURCE_NOUNS.has(w.toLowerCase())) &&
    !!parseName(name).last
  );
}

type SourceClass = "pronoun" | "description" | "name";

/** Pronouns; descriptions are lowercase-headed phrases ("the senator", "officials", "a spokesman"). */
function classify(text: string): SourceClass {
  const lower = text.trim().toLowerCase();
  if (PRONOUNS.has(lower) || POSSESSIVES.has(lower)) return "pronoun";
  const words = text.trim().split(/\s+/);
  const named =
    words.slice(1).some((w) => /^\p{Lu}/u.test(w)) ||
    (words.length === 1 && /^\p{Lu}/u.test(words[0]) && !SOURCE_NOUNS.has(lower));
  const head =
    lower
      .replace(/\s+(?:in|at|from|to|with|of|for|who|familiar)\s.*$/, "")
      .split(/\s+/)
      .at(-1) ?? "";
  return !named && SOURCE_NOUNS.has(head) ? "description" : "name";
}

interface Tally {
  sources: number;
  resolved: number;
  checkable: number;
  plausible: number;
}

const tally = (): Tally => ({ sources: 0, resolved: 0, checkable: 0, plausible: 0 });

function evaluatePolnear(corefModel: boolean): Record<string, Tally> | null {
  if (!existsSync(path.join(goldDir, "text"))) return null;
  const result: Record<string, Tally> = {
    "pronoun he/she": tally(),
    "pronoun other": tally(),
    "description (singular)": tally(),
    "description (plural)": tally(),
  };
  const examples: string[] = [];
  for (const article of loadSplit(goldDir)) {
    const file = `${article.name}.txt`;
    const doc = runPipeline(new Doc(article.text), [tokenizer, sentencizer, quotes]);
    doc.attributions = asAttributions(article.attributions);
    resolveSpeakers(doc, { corefModel });
    // Named gold sources of the article, as canonical keys, for the plausibility check.
    const namedSources = new Set(
      doc.attributions
        .filter((a) => a.source && classify(doc.slice(a.source)) === "name" && a.speaker?.kind === "person")
        .map((a) => a.speaker?.name),
    );
    for (const a of doc.attributions) {
      if (!a.source) continue;
      const sourceText = doc.slice(a.source).trim();
      const kind = classify(sourceText);
      if (kind === "name") continue;
      const plural = kind === "description" && /s$/.test(sourceText.split(/\s+/).at(-1) ?? "");
      const gendered = /^(he|she|his|her)$/i.test(sourceText);
      const key =
        kind === "pronoun"
          ? gendered
            ? "pronoun he/she"
            : "pronoun other"
          : plural
            ? "description (plural)"
            : "description (singular)";
      const t = result[key];
      t.sources++;
      const speaker = a.speaker;
      const resolved = speaker?.kind === "person" && !!speaker.mention && looksLikeName(speaker.name);
      if (!resolved || !speaker) continue;
      t.resolved++;
      // Checkable: the article has named gold sources; plausible: the person is one of them.
      if (namedSources.size > 0) {
        t.checkable++;
        if (namedSources.has(speaker.name)) t.plausible++;
      }
      if (verbose && examples.length < 40) examples.push(`${file}: "${sourceText}" → ${speaker.name}`);
    }
  }
  if (verbose) console.log(examples.join("\n"));
  return result;
}

async function main() {
  const pct = (n: number, d: number) => (d === 0 ? "-" : `${((100 * n) / d).toFixed(1)}%`);
  for (const corefModel of [false, true]) {
    const polnear = evaluatePolnear(corefModel);
    if (!polnear) {
      console.log(`PolNeAR ${split}: ${goldDir} absent, skipped`);
      break;
    }
    console.log(
      `PolNeAR ${split}: gold sources that are pronouns or descriptions, resolved to a named person` +
        (corefModel ? " — pronoun model as second opinion" : ""),
    );
    if (!corefModel)
      console.log(
        "  (plausible: the person is also a named gold source of the article, among articles that have one)",
      );
    const total = tally();
    for (const [kind, t] of Object.entries(polnear)) {
      for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
      console.log(
        `  ${kind.padEnd(24)} ${String(t.sources).padStart(4)} sources, resolved ${pct(t.resolved, t.sources)}` +
          `, plausible ${t.plausible}/${t.checkable} checkable`,
      );
    }
    console.log(
      `  ${"all".padEnd(24)} ${String(total.sources).padStart(4)} sources, resolved ${pct(total.resolved, total.sources)}` +
        `, plausible ${t(total)}`,
    );
  }
  const checks: SampleCheck[] = JSON.parse(
    readFileSync(path.join(repoRoot, "samples", "expected.json"), "utf8"),
  );
  const score = scoreSamples(await processSamples(), checks);
  console.log(
    `sample corpus: speaker right ${score.speaker}/${score.checks} (${pct(score.speaker, score.checks)})`,
  );
}

function t(total: Tally): string {
  return `${total.plausible}/${total.checkable} checkable`;
}

await main();
