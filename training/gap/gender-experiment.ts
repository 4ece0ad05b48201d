/**
 * Gender balance experiments, by cross-validation on gap-development only (never validation): 5 folds,
 * fold splits 7, 8, 9, tree seeds 17 and 18. For each variant the out-of-fold predictions of every
 * (split, tree seed) are scored at every tree share and "none" offset; the setting with the best mean F1
 * is reported with its masculine and feminine F1 and their ratio, as train.ts would choose it.
 *
 * Variants (any of them, in order, as arguments; default all):
 *   base      the shipped recipe
 *   swap      train on each training fold plus its gender-swapped copies (swap.ts); folds are assigned
 *             per original, and only the held-out originals are scored
 *   tta       as swap, and each held-out example is scored as the mean of its own and its swapped copy's
 *             probabilities
 *   swap-half as swap, with each pronoun at half weight in the trees and half the linear epochs
 *   tta-half  tta with the same halving
 *   neutral   gendered words in the lexical features renamed to their pair ("lex-prev:husband/wife")
 *   swap+neutral  both
 *   canon     features read off the text with every feminine pronoun made masculine, for training and
 *             scoring alike: the ranker sees one pronoun vocabulary whatever the gender
 *   canon+neutral  both
 * usage: [SEEDS=7,8,9] [TREESEEDS=17,18] node --import tsx training/gap/gender-experiment.ts [VARIANT...]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OptionFeatures } from "../../src/nlp/coref/features.ts";
import { gapGold, gapOptions } from "../../src/nlp/coref/gap.ts";
import { type GapExample, parseGap } from "../../src/nlp/coref/gap-file.ts";
import { DEFAULT_TRAIN_OPTIONS, optionScores, softmax, train } from "../../src/nlp/coref/model.ts";
import { boostedScores, DEFAULT_BOOST_OPTIONS, trainBoosted } from "../../src/nlp/coref/trees.ts";
import { type GapScore, scoreGap } from "./metrics.ts";
import { genderNeutral, masculinizeGapExample, nameSwap, swapGapExample } from "./swap.ts";
import { blendedPredictions, foldAssignment } from "./train.ts";

interface Prepared {
  example: GapExample;
  options: OptionFeatures;
  gold: number;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { examples } = parseGap(
  readFileSync(path.resolve(repoRoot, "../shared/data/gap/gap-development.tsv"), "utf8"),
);
const names = nameSwap(JSON.parse(readFileSync(path.join(repoRoot, "models/gap-names.json"), "utf8")));
const prepare = (example: GapExample): Prepared => ({
  example,
  options: gapOptions(example),
  gold: gapGold(example),
});
let started = Date.now();
const originalsAsIs = examples.map(prepare);
const copiesAsIs = examples.map((e) => prepare(swapGapExample(e, names)));
const masculinized = process.argv.some((v) => v.startsWith("canon"))
  ? examples.map((e) => prepare(masculinizeGapExample(e)))
  : [];
console.log(`features of originals and copies: ${((Date.now() - started) / 1000).toFixed(0)} s`);

const list = (name: string, fallback: number[]) =>
  process.env[name] ? (process.env[name] as string).split(",").map(Number) : fallback;
const foldSeeds = list("SEEDS", [7, 8, 9]);
const treeSeeds = list("TREESEEDS", [17, 18]);
const BLENDS = [0, 0.25, 0.5, 0.75, 0.9, 1];
const OFFSETS = [-0.75, -0.5, -0.25, 0, 0.25, 0.5];

/** Mean of the probabilities of an example and its swapped copy, as log scores for blendScores/decide. */
function averaged(x: readonly number[], y: readonly number[]): number[] {
  const p = softmax(x);
  const q = softmax(y);
  return p.map((v, i) => Math.log((v + q[i]) / 2));
}

/** The lexical features with gendered words renamed to their neutral pair ("lex-prev:husband/wife"). */
function neutralLexical(d: Prepared): Prepared {
  const rename = (f: Map<string, number>) =>
    new Map(
      [...f].map(([k, v]): [string, number] => {
        const match = /^(lex-(?:prev|next):)(.*)$/.exec(k);
        return [match ? match[1] + genderNeutral(match[2]) : k, v];
      }),
    );
  return { ...d, options: { candidates: d.options.candidates.map(rename), none: rename(d.options.none) } };
}

function runVariant(variant: string) {
  const augment = variant.startsWith("swap") || variant.startsWith("tta");
  const testTime = variant.startsWith("tta");
  const half = variant.includes("half");
  const neutral = variant.endsWith("neutral");
  const plain = variant.startsWith("canon") ? masculinized : originalsAsIs;
  const originals = neutral ? plain.map(neutralLexical) : plain;
  const copies = neutral ? copiesAsIs.map(neutralLexical) : copiesAsIs;
  // runs[r] = out-of-fold [linear, trees] scores of every original, for one (fold split, tree seed).
  const runs: { linear: number[][]; trees: number[][] }[] = [];
  for (const foldSeed of foldSeeds) {
    started = Date.now();
    const fold = foldAssignment(originals.length, foldSeed);
    const linear: number[][] = new Array(originals.length);
    const treesBySeed = treeSeeds.map(() => new Array<number[]>(originals.length));
    for (let k = 0; k < 5; k++) {
      const training = originals.filter((_, i) => fold[i] !== k);
      if (augment) training.push(...copies.filter((_, i) => fold[i] !== k));
      // "half": the copies double the data, so each pronoun weighs half in the trees and the linear
      // ranker takes half the epochs: the same amount of training as without copies.
      const linearModel = train(training, {
        ...DEFAULT_TRAIN_OPTIONS,
        epochs: half ? DEFAULT_TRAIN_OPTIONS.epochs / 2 : DEFAULT_TRAIN_OPTIONS.epochs,
      });
      const weighted = half ? training.map((d) => ({ ...d, weight: 0.5 })) : training;
      const treeModels = treeSeeds.map((seed) => trainBoosted(weighted, { ...DEFAULT_BOOST_OPTIONS, seed }));
      originals.forEach((d, i) => {
        if (fold[i] !== k) return;
        const score = (f: (o: OptionFeatures) => number[]) =>
          testTime ? averaged(f(d.options), f(copies[i].options)) : f(d.options);
        linear[i] = score((o) => optionScores(linearModel, o));
        treeModels.forEach((m, t) => {
          treesBySeed[t][i] = score((o) => boostedScores(m, o));
        });
      });
    }
    for (const trees of treesBySeed) runs.push({ linear, trees });
    console.log(`  ${variant} split ${foldSeed}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const predictionsOf = (run: (typeof runs)[number], blend: number, offset: number) =>
    blendedPredictions(originals, run, blend, offset);
  let best = { label: "", f1: -1, spread: 0, scores: [] as GapScore[], blend: 0, offset: 0 };
  for (const blend of BLENDS) {
    for (const offset of OFFSETS) {
      const scores = runs.map((run) => scoreGap(examples, predictionsOf(run, blend, offset)));
      const f1s = scores.map((s) => s.f1);
      const f1 = f1s.reduce((x, y) => x + y, 0) / f1s.length;
      if (f1 > best.f1) {
        const spread = (Math.max(...f1s) - Math.min(...f1s)) / 2;
        best = { label: `blend ${blend} offset ${offset}`, f1, spread, scores, blend, offset };
      }
    }
  }
  if (process.env.BY_PRONOUN) {
    // F1 by pronoun form at the chosen setting, pooled over the runs: where the genders differ.
    const formOf = (i: number) => {
      const parallel = [...originals[i].options.candidates.flatMap((f) => [...f.keys()])].find((k) =>
        k.startsWith("parallel:"),
      );
      return `${examples[i].pronoun.toLowerCase()}:${parallel?.split(/[:~]/)[1] ?? "?"}`;
    };
    const forms = [...new Set(examples.map((_, i) => formOf(i)))].sort();
    const line = forms.map((form) => {
      const subset = examples.filter((_, i) => formOf(i) === form);
      const f1s = runs.map((run) => scoreGap(subset, predictionsOf(run, best.blend, best.offset)));
      return `${form} ${subset.length} ${(f1s.reduce((x, y) => x + y.f1, 0) / f1s.length).toFixed(3)}`;
    });
    console.log(`  by pronoun: ${line.join(", ")}`);
  }
  const mean = (k: keyof GapScore) => best.scores.reduce((s, x) => s + x[k], 0) / best.scores.length;
  console.log(
    `${variant.padEnd(8)} ${best.label.padEnd(24)} F1 ${best.f1.toFixed(4)} ±${best.spread.toFixed(4)}  M ${mean("masculine").toFixed(4)}  F ${mean("feminine").toFixed(4)}  F/M ${mean("ratio").toFixed(3)} (${Math.min(...best.scores.map((x) => x.ratio)).toFixed(3)}–${Math.max(...best.scores.map((x) => x.ratio)).toFixed(3)})`,
  );
}

const variants = process.argv.slice(2);
for (const variant of variants.length > 0 ? variants : ["base", "swap", "tta"]) runVariant(variant);
