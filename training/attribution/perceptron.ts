import type { Teacher } from "../../src/nlp/attribution-model/decoder.ts";
import { emptyModel, type LinearModel } from "../../src/nlp/attribution-model/model.ts";

/**
 * Averaged perceptron over a hashed weight table (Collins 2002; the averaging trick of Daumé's thesis):
 * `totals` accumulates each update times the step it happened at, so the average is
 * weights - totals / steps without touching every weight at every step.
 */
export class AveragedPerceptron {
  readonly model: LinearModel;
  private readonly totals: Float64Array;
  private steps = 1;

  constructor(bits: number, labels: number) {
    this.model = emptyModel(bits, labels);
    this.totals = new Float64Array(this.model.weights.length);
  }

  teacher(gold: Uint8Array): Teacher {
    return {
      gold,
      learn: (features, count, goldLabel, predicted) => {
        this.steps++;
        if (goldLabel === predicted) return;
        const { weights, mask, labels } = this.model;
        const step = this.steps;
        for (let k = 0; k < count; k++) {
          const base = (features[k] & mask) * labels;
          weights[base + goldLabel] += 1;
          this.totals[base + goldLabel] += step;
          weights[base + predicted] -= 1;
          this.totals[base + predicted] -= step;
        }
      },
    };
  }

  averaged(): LinearModel {
    const { weights } = this.model;
    const average = new Float64Array(weights.length);
    for (let i = 0; i < weights.length; i++) average[i] = weights[i] - this.totals[i] / this.steps;
    return { ...this.model, weights: average };
  }
}

export { seededRandom, shuffled as shuffle } from "../../src/core/random.ts";
