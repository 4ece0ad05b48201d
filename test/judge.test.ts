import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { predictionLines } from "../scripts/predict-inconsistency.ts";
import { readPairsCsv } from "../src/analysis/judge/csv.ts";
import { pairFeatures, stanceOf } from "../src/analysis/judge/features.ts";
import { judgePair, LABELS, loadJudgeModel } from "../src/analysis/judge/index.ts";
import { type Label, predictProba, trainLogistic } from "../src/analysis/judge/model.ts";
import { stratifiedFolds, trainJudge } from "../training/judge/cv.ts";
import { DEV_CSV, readLabelledPairs } from "../training/judge/data.ts";

// All statements below are invented for these tests (fictional town, port operator and parties).

test("a negated proposition is judged Inconsistent, with the negation as the first reason", () => {
  const j = judgePair("We will raise taxes on diesel fuel.", "We will not raise taxes on diesel fuel.");
  assert.equal(j.label, "Inconsistent");
  assert.match(j.reasons[0] ?? "", /^negation of the same proposition: 'raise' vs 'not raise' on .*'taxes'/);
  assert.ok(j.reasons.some((r) => r.startsWith("negation in the second statement only: 'not'")));
});

test("opposite stance verbs on the same object are Inconsistent", () => {
  const j = judgePair("We support the Kestrel port deal.", "We oppose the Kestrel port deal.");
  assert.equal(j.label, "Inconsistent");
  assert.match(j.reasons[0] ?? "", /'support' vs 'oppose' on 'kestrel', 'port', 'deal'/);
});

test("different numbers for the same demand are Inconsistent and the numbers are quoted", () => {
  const j = judgePair("Teachers in Marlow should earn 5% more.", "Teachers in Marlow should earn 12% more.");
  assert.equal(j.label, "Inconsistent");
  assert.ok(j.reasons.some((r) => r.includes("numbers differ: 5% vs 12%")));
});

test("a paraphrase with the same stance is Consistent", () => {
  const j = judgePair(
    "The Kestrel port deal will create hundreds of local jobs.",
    "The port deal with Kestrel is good for local jobs.",
  );
  assert.equal(j.label, "Consistent");
  assert.match(
    j.reasons[0] ?? "",
    /^restatement of the same proposition with the same stance on .*'kestrel'/,
  );
  assert.ok(j.reasons.some((r) => r.startsWith("shared topic words: kestrel, port, deal")));
});

test("two policy demands on different subjects are Unrelated", () => {
  const j = judgePair(
    "The city should build more protected bike lanes.",
    "Pension contributions for farmers must be lowered.",
  );
  assert.equal(j.label, "Unrelated");
  assert.match(j.reasons[0] ?? "", /^no shared content words and no shared policy area/);
});

test("scores are probabilities and the label is their argmax; empty input does not crash", () => {
  for (const [a, b] of [
    ["We support the Kestrel port deal.", "We oppose the Kestrel port deal."],
    ["", ""],
    ["!!!", "12"],
  ] as const) {
    const j = judgePair(a, b);
    const total = LABELS.reduce((s, l) => s + j.scores[l], 0);
    assert.ok(Math.abs(total - 1) < 1e-9, `scores sum to ${total}`);
    assert.ok(LABELS.every((l) => j.scores[l] <= j.scores[j.label]));
    assert.ok(j.reasons.length > 0);
  }
});

test("stance composes stance words and negators", () => {
  assert.equal(stanceOf("Fishing in the bay must be banned.").sign, -1);
  assert.equal(stanceOf("Fishing in the bay must not be banned.").sign, 1);
  assert.equal(stanceOf("We reject the abolition of the harbour fee.").sign, 1);
  assert.equal(stanceOf("The harbour fee should rise.").sign, 1);
  assert.deepEqual(stanceOf("We don't support the tunnel.").cues, ["n't support"]);
});

test("political axes: opposite economic directions are reported as evidence", () => {
  const f = pairFeatures(
    "Marlow hospitals should stay public.",
    "Marlow hospitals should be run by private companies.",
  );
  assert.equal(f.values.axisDisagree, 1);
  assert.ok(f.evidence.some((e) => e.text.startsWith("opposite political direction on the economic axis")));
});

test("CSV reader reports a row missing text2 with its line and keeps reading", () => {
  const csv = [
    "id,text1,text2,label3",
    'a1,"First, with a comma.","Second.",Consistent',
    'a2,"Only one text here."',
    'a3,"A quoted field',
    'over two lines.","Other text.",Nonsense',
    "a4,,Missing first text.,Unrelated",
  ].join("\n");
  const { pairs, problems } = readPairsCsv(csv);
  assert.deepEqual(
    pairs.map((p) => [p.id, p.text1, p.label]),
    [
      ["a1", "First, with a comma.", "Consistent"],
      ["a3", "A quoted field\nover two lines.", undefined],
    ],
  );
  assert.deepEqual(problems, [
    { line: 3, message: "missing text2; row skipped" },
    { line: 6, message: "missing text1; row skipped" },
  ]);
});

test("CSV reader rejects a header without the required columns and an unterminated quote", () => {
  assert.deepEqual(readPairsCsv("id,first,second\n1,a,b\n").problems, [
    { line: 1, message: "header lacks column(s): text1, text2" },
  ]);
  const broken = readPairsCsv('id,text1,text2\n1,"never closed,b\n');
  assert.equal(broken.pairs.length, 0);
  assert.match(broken.problems[0]?.message ?? "", /^unreadable CSV/);
});

test("prediction output is exactly one 'id<TAB>label' line per valid row, in input order", () => {
  const warnings: string[] = [];
  const lines = predictionLines(
    [
      "text2,id,text1,extra",
      '"We will not raise taxes on diesel fuel.",p7,"We will raise taxes on diesel fuel.",x',
      ",p8,Nothing to compare,y",
      '"Pension contributions for farmers must be lowered.",p9,"The city should build more protected bike lanes.",z',
    ].join("\n"),
    (w) => warnings.push(w),
  );
  assert.deepEqual(lines, ["p7\tInconsistent", "p9\tUnrelated"]);
  assert.deepEqual(warnings, ["line 3: missing text2; row skipped"]);
});

test("logistic regression learns a separable toy problem, deterministically", () => {
  const rows = [
    [0, 0],
    [0.1, 0.2],
    [3, 0],
    [3.2, 0.1],
    [0, 3],
    [0.2, 3.1],
  ];
  const labels: Label[] = [
    "Inconsistent",
    "Inconsistent",
    "Unrelated",
    "Unrelated",
    "Consistent",
    "Consistent",
  ];
  const model = trainLogistic(["x", "y"], rows, labels, { l2: 0.001, iterations: 500 });
  rows.forEach((row, i) => {
    const p = predictProba(model, row);
    const best = LABELS.reduce((a, b) => (p[b] > p[a] ? b : a));
    assert.equal(best, labels[i]);
  });
  assert.deepEqual(trainLogistic(["x", "y"], rows, labels, { l2: 0.001, iterations: 500 }), model);
});

test("stratified folds keep each label spread over every fold", () => {
  const labels: Label[] = [
    ...Array(10).fill("Inconsistent"),
    ...Array(5).fill("Unrelated"),
    ...Array(5).fill("Consistent"),
  ];
  let seed = 3;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const fold = stratifiedFolds(labels, 5, random);
  for (let f = 0; f < 5; f++) {
    const inFold = labels.filter((_, i) => fold[i] === f);
    assert.equal(inFold.length, 4);
    assert.equal(inFold.filter((l) => l === "Inconsistent").length, 2);
  }
});

test("a model file that does not match the features is refused with a clear message", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "judge-"));
  const file = path.join(dir, "judge.json");
  writeFileSync(
    file,
    JSON.stringify({ features: ["x"], mean: [0], scale: [1], weights: [[1]], bias: [0], l2: 0 }),
  );
  assert.throws(() => loadJudgeModel(new URL(`file://${file}`)), /does not match the feature set/);
  assert.throws(() => loadJudgeModel(new URL(`file://${dir}/absent.json`)), /cannot read judge model/);
});

test("the committed weights are what training on dev.csv produces", {
  skip: existsSync(DEV_CSV) ? false : "../shared/data absent",
}, () => {
  const shipped = JSON.parse(readFileSync(new URL("../models/judge.json", import.meta.url), "utf8"));
  const trained = trainJudge(readLabelledPairs(DEV_CSV));
  assert.deepEqual(shipped.features, trained.features);
  trained.weights.forEach((row, k) => {
    row.forEach((w, j) => {
      assert.ok(
        Math.abs(w - shipped.weights[k][j]) < 1e-4,
        `weight ${k},${j}: ${w} vs ${shipped.weights[k][j]}`,
      );
    });
  });
});
