/**
 * Trains the shipped judge weights on dev.csv and writes models/judge.json.
 *
 * usage: node --import tsx training/judge/train.ts [--data PATH] [--out PATH]
 * Deterministic: zero-initialised full-batch gradient descent, no sampling.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { LogisticModel } from "../../src/analysis/judge/model.ts";
import { JUDGE_TRAIN_OPTIONS, trainJudge } from "./cv.ts";
import { DEV_CSV, REPO_ROOT, readLabelledPairs } from "./data.ts";

/** Six significant digits keep the committed file small and diffs readable; predictions don't change. */
function rounded(model: LogisticModel): LogisticModel {
  const r = (v: number) => Number(v.toPrecision(6));
  return {
    ...model,
    mean: model.mean.map(r),
    scale: model.scale.map(r),
    weights: model.weights.map((row) => row.map(r)),
    bias: model.bias.map(r),
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: "string", default: DEV_CSV },
      out: { type: "string", default: path.join(REPO_ROOT, "models/judge.json") },
    },
  });
  const data = values.data as string;
  if (!existsSync(data)) {
    console.error(`training data not found: ${data}`);
    process.exit(2);
  }
  const pairs = readLabelledPairs(data);
  const model = rounded(trainJudge(pairs, JUDGE_TRAIN_OPTIONS));
  writeFileSync(values.out as string, `${JSON.stringify(model, null, 1)}\n`);
  console.log(`trained on ${pairs.length} pairs → ${path.relative(process.cwd(), values.out as string)}`);
}

main();
