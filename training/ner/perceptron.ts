import { seededRandom } from "../../src/core/random.ts";
import { emissionScores, TAG_COUNT, viterbi } from "../../src/nlp/ner/decoder.ts";

export { seededRandom };

/** One training sentence: feature ids per token and gold BILOU tag indices. */
export interface TrainingSentence {
  features: Int32Array[];
  gold: Int32Array;
}

export interface TrainedWeights {
  /** featureCount × TAG_COUNT emission weights, averaged. */
  weights: Float64Array;
  /** (TAG_COUNT + 1) × TAG_COUNT transition weights (last row: sentence start), averaged. */
  transitions: Float64Array;
}

/**
 * Averaged structured perceptron (Collins 2002): decode each sentence with the current weights and, where
 * the best sequence differs from the gold one, add the gold features and subtract the predicted ones.
 * Averaging (the lazy `w - u/c` form) is what makes the perceptron generalise like a regularised model.
 */
export function trainPerceptron(
  sentences: readonly TrainingSentence[],
  featureCount: number,
  options: { epochs: number; seed: number; log?: (message: string) => void },
): TrainedWeights {
  const weights = new Float64Array(featureCount * TAG_COUNT);
  const weightSums = new Float64Array(featureCount * TAG_COUNT);
  const transitions = new Float64Array((TAG_COUNT + 1) * TAG_COUNT);
  const transitionSums = new Float64Array((TAG_COUNT + 1) * TAG_COUNT);
  const random = seededRandom(options.seed);
  const order = sentences.map((_, i) => i);
  let step = 1;

  const updateToken = (ids: Int32Array, tag: number, delta: number) => {
    for (const id of ids) {
      const k = id * TAG_COUNT + tag;
      weights[k] += delta;
      weightSums[k] += step * delta;
    }
  };
  const updateTransition = (previous: number, next: number, delta: number) => {
    const k = previous * TAG_COUNT + next;
    transitions[k] += delta;
    transitionSums[k] += step * delta;
  };

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    let tokens = 0;
    for (const index of order) {
      const { features, gold } = sentences[index];
      const predicted = viterbi(emissionScores(features, weights), features.length, transitions);
      tokens += features.length;
      for (let t = 0; t < features.length; t++) {
        const previousGold = t === 0 ? TAG_COUNT : gold[t - 1];
        const previousPredicted = t === 0 ? TAG_COUNT : predicted[t - 1];
        if (gold[t] !== predicted[t]) {
          errors++;
          updateToken(features[t], gold[t], 1);
          updateToken(features[t], predicted[t], -1);
        }
        if (gold[t] !== predicted[t] || previousGold !== previousPredicted) {
          updateTransition(previousGold, gold[t], 1);
          updateTransition(previousPredicted, predicted[t], -1);
        }
      }
      step++;
    }
    options.log?.(`epoch ${epoch + 1}: token error rate ${(errors / tokens).toFixed(4)}`);
  }
  for (let k = 0; k < weights.length; k++) weights[k] -= weightSums[k] / step;
  for (let k = 0; k < transitions.length; k++) transitions[k] -= transitionSums[k] / step;
  return { weights, transitions };
}
