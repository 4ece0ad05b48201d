/**
 * A multiclass averaged perceptron over string features (Collins 2002; the layout follows Honnibal's
 * "A good POS tagger in about 200 lines"). Each feature owns a dense vector of class weights, so
 * scoring a token is a handful of Map look-ups and vector additions.
 *
 * Averaging is lazy: each weight remembers when it last changed, and its running total is brought up to
 * date only then, so an update costs O(features) whatever the training set size.
 */

export class AveragedPerceptron {
  readonly classes: readonly string[];
  readonly weights = new Map<string, Float64Array>();
  private readonly totals = new Map<string, Float64Array>();
  private readonly stamps = new Map<string, Float64Array>();
  private instances = 0;

  constructor(classes: readonly string[]) {
    this.classes = classes;
  }

  /** Class scores for a feature list; features never seen contribute nothing. */
  scores(features: readonly string[], out = new Float64Array(this.classes.length)): Float64Array {
    out.fill(0);
    for (const f of features) {
      const w = this.weights.get(f);
      if (!w) continue;
      for (let c = 0; c < w.length; c++) out[c] += w[c];
    }
    return out;
  }

  /** Records one training instance: moves weight from the guessed class to the gold one when they differ. */
  update(gold: number, guess: number, features: readonly string[]): void {
    this.instances++;
    if (gold === guess) return;
    for (const f of features) {
      let w = this.weights.get(f);
      if (!w) {
        const n = this.classes.length;
        w = new Float64Array(n);
        this.weights.set(f, w);
        this.totals.set(f, new Float64Array(n));
        this.stamps.set(f, new Float64Array(n));
      }
      this.bump(f, w, gold, 1);
      this.bump(f, w, guess, -1);
    }
  }

  private bump(feature: string, w: Float64Array, c: number, delta: number): void {
    const totals = this.totals.get(feature) as Float64Array;
    const stamps = this.stamps.get(feature) as Float64Array;
    totals[c] += (this.instances - stamps[c]) * w[c];
    stamps[c] = this.instances;
    w[c] += delta;
  }

  /** Replaces every weight by its average over all instances seen; call once, after the last epoch. */
  average(): void {
    for (const [f, w] of this.weights) {
      const totals = this.totals.get(f) as Float64Array;
      const stamps = this.stamps.get(f) as Float64Array;
      for (let c = 0; c < w.length; c++) {
        const total = totals[c] + (this.instances - stamps[c]) * w[c];
        w[c] = total / Math.max(1, this.instances);
      }
    }
    this.totals.clear();
    this.stamps.clear();
  }
}

/** Index of the largest score among the allowed classes (all when `allowed` is absent); ties go to the first. */
export function argmax(scores: Float64Array, allowed?: (c: number) => boolean): number {
  let best = -1;
  for (let c = 0; c < scores.length; c++) {
    if (allowed && !allowed(c)) continue;
    if (best < 0 || scores[c] > scores[best]) best = c;
  }
  return Math.max(best, 0);
}

/**
 * A compact text form: a header line of classes, then one line per feature with its non-zero weights
 * as `class:weight` pairs. Weights are scaled and rounded to integers, which loses nothing that changes
 * a decision in practice but lets gzip shrink the file several times over.
 */
export function serializeWeights(
  classes: readonly string[],
  weights: ReadonlyMap<string, Float64Array>,
  scale: number,
  minMagnitude: number,
): string {
  const lines = [classes.join(" ")];
  const keys = [...weights.keys()].sort();
  for (const key of keys) {
    const w = weights.get(key) as Float64Array;
    const pairs: string[] = [];
    for (let c = 0; c < w.length; c++) {
      const q = Math.round(w[c] * scale);
      if (Math.abs(q) >= minMagnitude) pairs.push(`${c}:${q}`);
    }
    if (pairs.length > 0) lines.push(`${key}\t${pairs.join(" ")}`);
  }
  return `${lines.join("\n")}\n`;
}

export interface LoadedWeights {
  classes: string[];
  weights: Map<string, Float64Array>;
}

export function parseWeights(text: string): LoadedWeights {
  const lines = text.split("\n");
  const classes = (lines[0] ?? "").split(" ").filter(Boolean);
  if (classes.length === 0) throw new Error("weights file has no class header");
  const weights = new Map<string, Float64Array>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const tab = line.lastIndexOf("\t");
    if (tab < 0) throw new Error(`weights line ${i + 1} has no tab`);
    const w = new Float64Array(classes.length);
    for (const pair of line.slice(tab + 1).split(" ")) {
      const colon = pair.indexOf(":");
      w[Number(pair.slice(0, colon))] = Number(pair.slice(colon + 1));
    }
    weights.set(line.slice(0, tab), w);
  }
  return { classes, weights };
}
