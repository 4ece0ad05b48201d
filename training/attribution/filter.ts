import { seededRandom, shuffled } from "../../src/core/random.ts";
import type { Candidate } from "../../src/nlp/attribution-ensemble.ts";
import { attributionFeatures, FILTER_FORMAT, type FilterModel } from "../../src/nlp/attribution-filter.ts";
import type { Span } from "../../src/nlp/doc.ts";
import type { GoldArticle } from "./polnear.ts";

/**
 * Training of the attribution filter (src/nlp/attribution-filter.ts) from out-of-fold predictions:
 * each predicted attribution is labelled right or wrong with the maintainers' matching rule, and a
 * logistic regression learns which whole attributions to keep.
 */

/** The candidates of one article, predicted by an extractor that did not see the article in training. */
export interface ArticleCandidates {
  article: GoldArticle;
  candidates: Candidate[];
}

interface Example {
  article: number;
  features: string[];
  right: boolean;
}

/** Start offsets of the \w+ tokens inside the spans, as score-attributions.mjs counts them. */
function scorerTokens(text: string, spans: readonly Span[] | null): Set<number> {
  const found = new Set<number>();
  for (const span of spans ?? []) {
    const word = /\w+/gu;
    word.lastIndex = span.start;
    for (let m = word.exec(text); m && m.index < span.end; m = word.exec(text))
      if (m.index + m[0].length <= span.end) found.add(m.index);
  }
  return found;
}

function shared(a: Set<number>, b: Set<number>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/**
 * Which candidates the scorer counts as right: content token F1 ≥ 0.5, a shared cue token (or both
 * cues without words), a shared source token (or both without source), matched one-to-one greedily by
 * content F1, exactly as ../shared/tools/score-attributions.mjs does.
 */
export function scorerMatches({ article, candidates }: ArticleCandidates): boolean[] {
  const { text } = article;
  const gold = article.attributions.map((g) => ({
    content: scorerTokens(text, g.content),
    cue: scorerTokens(text, g.cue),
    source: scorerTokens(text, g.source),
    hasSource: g.source !== null,
  }));
  const predicted = candidates.map(({ attribution: a }) => ({
    content: scorerTokens(text, a.content),
    cue: scorerTokens(text, a.cue ? [a.cue] : null),
    source: scorerTokens(text, a.source ? [a.source] : null),
    hasSource: a.source !== null,
  }));
  const pairs: Array<[number, number, number]> = [];
  predicted.forEach((p, i) => {
    gold.forEach((g, j) => {
      const overlap = shared(p.content, g.content);
      if (!overlap) return;
      const f1 = (2 * overlap) / (p.content.size + g.content.size);
      if (f1 < 0.5) return;
      if (g.cue.size ? shared(p.cue, g.cue) === 0 : p.cue.size > 0) return;
      if (g.hasSource ? shared(p.source, g.source) === 0 : p.hasSource) return;
      pairs.push([f1, i, j]);
    });
  });
  pairs.sort((a, b) => b[0] - a[0]);
  const right = new Array<boolean>(predicted.length).fill(false);
  const usedGold = new Set<number>();
  for (const [, i, j] of pairs) {
    if (right[i] || usedGold.has(j)) continue;
    right[i] = true;
    usedGold.add(j);
  }
  return right;
}

function examplesOf(articles: readonly ArticleCandidates[]): Example[] {
  return articles.flatMap((entry, article) => {
    const right = scorerMatches(entry);
    return entry.candidates.map((c, i) => ({
      article,
      features: attributionFeatures(entry.article.text, c.attribution, c.origin),
      right: right[i],
    }));
  });
}

const EPOCHS = 6;
const LEARNING_RATE = 0.1;
/** Light L2: the features are few and mostly frequent; it only keeps one-off cue words from dominating. */
const L2 = 1e-4;
const SEED = 20161108;

/** Logistic regression by AdaGrad over a seeded shuffle: the same examples always give the same weights. */
function fitWeights(examples: readonly Example[]): Map<string, number> {
  const weights = new Map<string, number>();
  const squaredGradients = new Map<string, number>();
  const random = seededRandom(SEED);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const example of shuffled(examples, random)) {
      let z = 0;
      for (const name of example.features) z += weights.get(name) ?? 0;
      const error = 1 / (1 + Math.exp(-z)) - (example.right ? 1 : 0);
      for (const name of example.features) {
        const w = weights.get(name) ?? 0;
        const gradient = error + L2 * w;
        const sum = (squaredGradients.get(name) ?? 1e-8) + gradient * gradient;
        squaredGradients.set(name, sum);
        weights.set(name, w - (LEARNING_RATE * gradient) / Math.sqrt(sum));
      }
    }
  }
  return weights;
}

function predict(weights: Map<string, number>, features: readonly string[]): number {
  let z = 0;
  for (const name of features) z += weights.get(name) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

const THRESHOLDS = [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4];
const FOLDS = 5;

export interface FilterReport {
  threshold: number;
  /** Attribution F1 over all articles, before and after filtering, with the filter cross-validated. */
  before: number;
  after: number;
  dropped: number;
}

/**
 * Each candidate's probability from a filter trained on the other folds' articles, and the threshold
 * that maximises attribution F1 over those probabilities.
 */
function crossValidate(articles: readonly ArticleCandidates[]) {
  const examples = examplesOf(articles);
  const goldCount = articles.reduce((n, a) => n + a.article.attributions.length, 0);
  const probabilities = new Array<number>(examples.length);
  for (let k = 0; k < FOLDS; k++) {
    const weights = fitWeights(examples.filter((e) => e.article % FOLDS !== k));
    examples.forEach((e, i) => {
      if (e.article % FOLDS === k) probabilities[i] = predict(weights, e.features);
    });
  }
  // Kept candidates that the scorer counts right, over all kept and all gold (the scorer's F1; dropping a
  // wrong candidate never unmatches a right one, so this equals it up to rare greedy re-pairings).
  const f1At = (threshold: number) => {
    let kept = 0;
    let right = 0;
    examples.forEach((e, i) => {
      if (probabilities[i] < threshold) return;
      kept++;
      if (e.right) right++;
    });
    return { threshold, f1: (2 * right) / (kept + goldCount), dropped: examples.length - kept };
  };
  const best = THRESHOLDS.map(f1At).reduce((a, b) => (b.f1 > a.f1 ? b : a));
  const report: FilterReport = {
    threshold: best.threshold,
    before: f1At(0).f1,
    after: best.f1,
    dropped: best.dropped,
  };
  return { examples, probabilities, report };
}

/** Out-of-fold keep decisions per article and candidate, for scoring the filtered extractor in CV. */
export function crossValidatedKeep(articles: readonly ArticleCandidates[]): {
  keep: boolean[][];
  threshold: number;
} {
  const { probabilities, report } = crossValidate(articles);
  let next = 0;
  const keep = articles.map((a) => a.candidates.map(() => probabilities[next++] >= report.threshold));
  return { keep, threshold: report.threshold };
}

/** The filter trained on all candidates, with the threshold chosen by cross-validation. */
export function trainFilter(
  articles: readonly ArticleCandidates[],
  trainedOn: string,
): { model: FilterModel; report: FilterReport } {
  const { examples, report } = crossValidate(articles);
  const weights: Record<string, number> = {};
  for (const [name, w] of [...fitWeights(examples)].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    if (Math.abs(w) >= 1e-3) weights[name] = Math.round(w * 1e4) / 1e4;
  return { model: { format: FILTER_FORMAT, trainedOn, threshold: report.threshold, weights }, report };
}
