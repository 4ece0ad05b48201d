/**
 * Cross-validation experiments on gap-development (never validation), averaged over three fold splits
 * (SEEDS=7,8,9,10 for more).
 * usage: node --import tsx training/gap/experiment.ts MODE [ARGS]
 *   settings            grid over l2, epochs, learning rate (L2S=0.01,0.1 for l2 only)
 *   ablate [SUBSTR...]  all features, then without features whose name contains each SUBSTR
 *   only [REGEX...]     only features matching each REGEX (plus the "none" bias)
 *   breakdown           out-of-fold accuracy by URL match, pronoun role, direction, sentence distance
 *   errors [N]          N out-of-fold errors with the names and pronoun marked (SD00=1: same-sentence only)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FeatureMap, OptionFeatures } from "../../src/nlp/coref/features.ts";
import { gapGold, gapOptions, predictionFromChoice } from "../../src/nlp/coref/gap.ts";
import { parseGap } from "../../src/nlp/coref/gap-file.ts";
import { DEFAULT_TRAIN_OPTIONS, decide, type TrainOptions } from "../../src/nlp/coref/model.ts";
import { formatScore, scoreGap } from "./metrics.ts";
import { crossValidatedScores } from "./train.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { examples } = parseGap(
  readFileSync(path.resolve(repoRoot, "../shared/data/gap/gap-development.tsv"), "utf8"),
);
const base = examples.map((example) => ({ example, options: gapOptions(example), gold: gapGold(example) }));

function run(label: string, options: TrainOptions, filter?: (key: string) => boolean) {
  const strip = (f: FeatureMap): FeatureMap => (filter ? new Map([...f].filter(([k]) => filter(k))) : f);
  const data = base.map((d) => ({
    ...d,
    options: { candidates: d.options.candidates.map(strip), none: strip(d.options.none) } as OptionFeatures,
  }));
  const seeds = process.env.SEEDS ? process.env.SEEDS.split(",").map(Number) : [7, 8, 9];
  const results = seeds.map((seed) => {
    const scores = crossValidatedScores(data, options, seed);
    const predictions = data.map((d, i) =>
      predictionFromChoice(d.example.id, decide({ weights: {}, noneOffset: 0 }, scores[i])),
    );
    return scoreGap(examples, predictions);
  });
  const mean = (k: "f1" | "masculine" | "feminine" | "ratio") =>
    results.reduce((s, r) => s + r[k], 0) / results.length;
  console.log(
    `${label.padEnd(40)} ${formatScore({ f1: mean("f1"), masculine: mean("masculine"), feminine: mean("feminine"), ratio: mean("ratio") })}`,
  );
}

const mode = process.argv[2] ?? "settings";
if (mode === "settings" && process.env.L2S) {
  for (const l2 of process.env.L2S.split(",").map(Number)) run(`l2=${l2}`, { ...DEFAULT_TRAIN_OPTIONS, l2 });
} else if (mode === "settings") {
  for (const l2 of [1e-2, 3e-2, 0.1]) {
    for (const epochs of [5, 10, 20]) {
      for (const learningRate of [0.02, 0.05]) {
        run(`l2=${l2} epochs=${epochs} lr=${learningRate}`, {
          ...DEFAULT_TRAIN_OPTIONS,
          l2,
          epochs,
          learningRate,
        });
      }
    }
  }
} else {
  run("all", DEFAULT_TRAIN_OPTIONS);
  const groups = process.argv.slice(3);
  for (const g of groups) run(`without ${g}`, DEFAULT_TRAIN_OPTIONS, (k) => !k.includes(g));
}
if (mode === "errors") {
  const scores = crossValidatedScores(base, DEFAULT_TRAIN_OPTIONS);
  let shown = 0;
  const confusion = new Map<string, number>();
  base.forEach((d, i) => {
    const choice = decide({ weights: {}, noneOffset: 0 }, scores[i]);
    const key = `gold ${d.gold} pred ${choice}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    if (
      choice !== d.gold &&
      shown < Number(process.argv[3] ?? 15) &&
      i % 5 === 1 &&
      (!process.env.SD00 ||
        [...d.options.candidates[0].keys(), ...d.options.candidates[1].keys()].filter(
          (k) => k === "sentdist=0",
        ).length === 2)
    ) {
      shown++;
      const e = d.example;
      const t = e.text;
      const mark = [
        [e.aOffset, `[A:`],
        [e.aOffset + e.a.length, `]`],
        [e.bOffset, `[B:`],
        [e.bOffset + e.b.length, `]`],
        [e.pronounOffset, `<<`],
        [e.pronounOffset + e.pronoun.length, `>>`],
      ].sort((x, y) => (y[0] as number) - (x[0] as number)) as [number, string][];
      let s = t;
      for (const [o, m] of mark) s = s.slice(0, o) + m + s.slice(o);
      console.log(`\n${e.id} gold ${d.gold} pred ${choice} ${e.url}\n${s}`);
    }
  });
  console.log(confusion);
}
if (mode === "breakdown") {
  const scores = crossValidatedScores(base, DEFAULT_TRAIN_OPTIONS);
  const table = new Map<string, [number, number]>();
  const count = (key: string, ok: boolean) => {
    const t = table.get(key) ?? [0, 0];
    t[0] += ok ? 1 : 0;
    t[1]++;
    table.set(key, t);
  };
  base.forEach((d, i) => {
    const choice = decide({ weights: {}, noneOffset: 0 }, scores[i]);
    const ok = choice === d.gold;
    const f = d.options.candidates;
    const url = f.map((m) => (m.has("url-full") || m.has("url-last") ? "U" : "-")).join("");
    const role = [...f[0].keys()].find((k) => k.startsWith("parallel:"))?.split(/[:~]/)[1] ?? "?";
    const dirs = f.map((m) => (m.has("anaphoric") ? "b" : "a")).join("");
    const sd = f.map((m) => [...m.keys()].find((k) => k.startsWith("sentdist="))?.slice(-1)).join("");
    count(`url ${url}`, ok);
    count(`role ${role}`, ok);
    count(`dir ${dirs}`, ok);
    count(`sd ${sd}`, ok);
    count(`gold ${d.gold}`, ok);
  });
  for (const [k, [ok, n]] of [...table].sort()) console.log(k.padEnd(12), n, (ok / n).toFixed(3));
}
if (mode === "chain") {
  const { extractFeatures, pronounGender } = await import("../../src/nlp/coref/features.ts");
  const { train, optionScores, softmax } = await import("../../src/nlp/coref/model.ts");
  // Other pronouns of the same gender before the target, nearest first.
  const previous = base.map((d) => {
    const e = d.example;
    const g = pronounGender(e.pronoun);
    const out: { start: number; end: number }[] = [];
    for (const m of e.text.matchAll(/\b(he|she|his|her|him|hers)\b/gi)) {
      const i = m.index ?? 0;
      if (i < e.pronounOffset && pronounGender(m[0]) === g) out.push({ start: i, end: i + m[0].length });
    }
    return out.reverse().slice(0, 2);
  });
  const cands = base.map((d) => [
    { start: d.example.aOffset, end: d.example.aOffset + d.example.a.length, name: d.example.a },
    { start: d.example.bOffset, end: d.example.bOffset + d.example.b.length, name: d.example.b },
  ]);
  const prevFeatures = base.map((d, i) =>
    previous[i].map((q) => extractFeatures(d.example.text, q, cands[i], { url: d.example.url })),
  );
  const stage1 = train(base, DEFAULT_TRAIN_OPTIONS);
  const augmented = base.map((d, i) => {
    const options = {
      candidates: d.options.candidates.map((f) => new Map(f)),
      none: new Map(d.options.none),
    };
    prevFeatures[i].forEach((pf, k) => {
      const probs = softmax(optionScores(stage1, pf));
      options.candidates.forEach((f, c) => {
        f.set(`chain${k}-prob`, probs[c]);
        if (probs[c] === Math.max(...probs)) f.set(`chain${k}-argmax`, 1);
      });
    });
    if (prevFeatures[i].length === 0) options.none.set("no-previous-pronoun", 1);
    return { ...d, options };
  });
  for (const seed of [7, 8]) {
    const scores = crossValidatedScores(augmented, DEFAULT_TRAIN_OPTIONS, seed);
    const predictions = augmented.map((d, i) =>
      predictionFromChoice(d.example.id, decide({ weights: {}, noneOffset: 0 }, scores[i])),
    );
    console.log("chain", formatScore(scoreGap(examples, predictions)));
  }
}
if (mode === "only") {
  for (const pattern of process.argv.slice(3)) {
    const re = new RegExp(pattern);
    run(`only ${pattern}`, DEFAULT_TRAIN_OPTIONS, (k) => re.test(k) || k === "none");
  }
}
