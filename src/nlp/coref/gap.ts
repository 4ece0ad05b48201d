/** Glue between GAP examples and the ranker: features, gold option, and TRUE/FALSE predictions. */
import { extractFeatures, type OptionFeatures } from "./features.ts";
import type { GapExample, GapPrediction } from "./gap-file.ts";
import { decide, optionScores, type RankerModel } from "./model.ts";

export function gapOptions(example: GapExample): OptionFeatures {
  return extractFeatures(
    example.text,
    { start: example.pronounOffset, end: example.pronounOffset + example.pronoun.length },
    [
      { start: example.aOffset, end: example.aOffset + example.a.length, name: example.a },
      { start: example.bOffset, end: example.bOffset + example.b.length, name: example.b },
    ],
    { url: example.url },
  );
}

/** 0 for A, 1 for B, -1 for neither (GAP never marks both). */
export function gapGold(example: GapExample): number {
  if (example.aCoref) return 0;
  if (example.bCoref) return 1;
  return -1;
}

export function predictionFromChoice(id: string, choice: number): GapPrediction {
  return { id, aCoref: choice === 0, bCoref: choice === 1 };
}

export function predictGap(model: RankerModel, example: GapExample): GapPrediction {
  return predictionFromChoice(example.id, decide(model, optionScores(model, gapOptions(example))));
}
