/**
 * Turns a pair of statements into a short numeric feature vector plus the human-readable evidence behind
 * each feature. The evidence is what the judge shows a journalist, so every feature that fires leaves a
 * sentence that can be checked against the two texts.
 */
import { AGAINST, ANTONYMS, AXES, FIRST_PERSON, FOR, NEGATORS, NORMATIVE, TOPICS } from "./lexicon.ts";
import { contentWords, numbers, type Word, words } from "./text.ts";

/**
 * Feature names, in vector order. Chosen by repeated 5-fold cross-validation on the 233 dev pairs among
 * a few groups (see the report): the form of the two statements, their relatedness, and their
 * direction on two political axes. Negation, stance-word, antonym and number cues did not raise the
 * cross-validated score (negation even lowered it: negated theses are common among unrelated pairs),
 * so they stay out of the model and are only reported as evidence.
 */
export const FEATURE_NAMES = [
  // Form: policy demand ("should/must") or description/value claim, party voice ("we"), relative length.
  "bothNormative",
  "noneNormative",
  "firstNormative",
  "secondNormative",
  "firstPersonFirst",
  "firstPersonSecond",
  "logLengthFirstOverSecond",
  // Relatedness: shared content stems and shared policy areas.
  "jaccard",
  "sharedCount",
  "topicShared",
  "topicJaccard",
  // Direction: opposite or same side of the economic or socio-cultural axis.
  "axisDisagree",
  "axisAgree",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface PairFeatures {
  values: Record<FeatureName, number>;
  /**
   * Set when both statements are about the same proposition (most content words shared): then an
   * explicit flip (negation, opposite stance word, antonym, other number) is a direct contradiction and
   * its absence a restatement, whatever the learned model says. See decide.ts.
   */
  sameProposition?: { flipped: boolean; evidence: string };
  /** Evidence sentences, strongest first; each names the words that triggered it. */
  evidence: Evidence[];
}

export interface Evidence {
  /** Which way the evidence points, so the judge can order reasons by the chosen label. */
  supports: "Inconsistent" | "Unrelated" | "Consistent" | "Related" | "Form";
  text: string;
}

/** The stance of one statement: the sign of its stance words composed, with the words that set it. */
export interface Stance {
  sign: -1 | 0 | 1;
  cues: string[];
}

/**
 * A negator flips a stance word when it stands at most this many words before it ("should not be
 * banned", "do not want to introduce"); further away it usually belongs to another clause.
 */
const NEGATION_WINDOW = 4;

/**
 * Composes stance words by multiplying their signs: "reject (−) establishing (+) rooms" is against the
 * rooms, "against (−) the abolition (−) of X" is for X. For one- or two-clause statements this is a fair
 * approximation of compositional polarity; a negator flips the next stance word within the window.
 */
export function stanceOf(text: string): Stance {
  const ws = words(text);
  let sign: -1 | 1 = 1;
  let seen = false;
  const cues: string[] = [];
  let lastNegator = Number.NEGATIVE_INFINITY;
  ws.forEach((w, i) => {
    if (NEGATORS.has(w.form)) {
      lastNegator = i;
      return;
    }
    const against = AGAINST.has(w.form);
    const forIt = FOR.has(w.form);
    if (!against && !forIt) return;
    let wordSign = against ? -1 : 1;
    let cue = w.form;
    if (i - lastNegator <= NEGATION_WINDOW) {
      wordSign = -wordSign;
      cue = `${ws[lastNegator]?.form ?? "not"} ${w.form}`;
      lastNegator = Number.NEGATIVE_INFINITY;
    }
    sign = (sign * wordSign) as -1 | 1;
    seen = true;
    cues.push(cue);
  });
  // A bare negator with no stance word ("no border controls") still makes the statement negative.
  if (!seen && lastNegator !== Number.NEGATIVE_INFINITY) {
    const negator = ws[lastNegator];
    return { sign: -1, cues: negator ? [negator.form] : [] };
  }
  // A plain assertion with no stance word ("X should become climate neutral") is a positive stance on X.
  return { sign: seen ? sign : 1, cues };
}

export interface AxisPosition {
  /** −1, 0 or 1: which pole of the axis the statement takes, after its stance sign. */
  side: number;
  /** Pole words found, as written. */
  cues: string[];
}

/** Where a statement sits on each political axis of the lexicon (see AXES). */
export function axisPositions(text: string, stanceSign: number): Record<string, AxisPosition> {
  const forms = words(text).map((w) => w.form);
  const out: Record<string, AxisPosition> = {};
  for (const [
    axis,
    {
      words: [first, second],
    },
  ] of Object.entries(AXES)) {
    const a = forms.filter((f) => first.includes(f));
    const b = forms.filter((f) => second.includes(f));
    out[axis] = { side: Math.sign(a.length - b.length) * stanceSign, cues: [...a, ...b] };
  }
  return out;
}

/** Policy areas a statement touches, with the words that placed it there. */
/** The policy areas of each word form, remembered: the mixed-message detector judges each text many times. */
const topicsOfForm = new Map<string, string[]>();

function formTopics(form: string): string[] {
  let topics = topicsOfForm.get(form);
  if (!topics) {
    topics = Object.entries(TOPICS)
      .filter(([, prefixes]) =>
        // Prefixes of three letters or fewer ("car", "eu", "tax") match only whole words and plurals,
        // otherwise "car" would claim "care" and "art" would claim "article".
        prefixes.some((p) =>
          p.length <= 3 ? form === p || form === `${p}s` || form === `${p}es` : form.startsWith(p),
        ),
      )
      .map(([topic]) => topic);
    if (topicsOfForm.size > 100_000) topicsOfForm.clear();
    topicsOfForm.set(form, topics);
  }
  return topics;
}

export function topicsOf(ws: Word[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const w of ws) {
    for (const topic of formTopics(w.form)) found.set(topic, [...(found.get(topic) ?? []), w.form]);
  }
  return found;
}

function antonymHits(a: Set<string>, b: Set<string>): string[] {
  const hits: string[] = [];
  for (const [name, left, right] of ANTONYMS) {
    // A pole word present in both statements is shared ground, not contrast.
    const only = (side: string[], mine: Set<string>, other: Set<string>) =>
      side.find((f) => mine.has(f) && !other.has(f));
    const ab = [only(left, a, b), only(right, b, a)];
    const ba = [only(right, a, b), only(left, b, a)];
    if (ab[0] && ab[1]) hits.push(`${name}: '${ab[0]}' vs '${ab[1]}'`);
    else if (ba[0] && ba[1]) hits.push(`${name}: '${ba[0]}' vs '${ba[1]}'`);
  }
  return hits;
}

const quoteList = (xs: string[]) => xs.map((x) => `'${x}'`).join(", ");
/** Stance cues for display; a statement without stance words is a plain (positive) assertion. */
const stanceCues = (s: Stance) => (s.cues.length ? quoteList(s.cues) : "plain assertion");

export function pairFeatures(a: string, b: string): PairFeatures {
  const ca = contentWords(a);
  const cb = contentWords(b);
  const stemsA = new Set(ca.map((w) => w.stem));
  const stemsB = new Set(cb.map((w) => w.stem));
  const shared = [...stemsA].filter((s) => stemsB.has(s));
  const union = new Set([...stemsA, ...stemsB]);
  const sharedForms = shared.map((s) => ca.find((w) => w.stem === s)?.form ?? s);

  const topicsA = topicsOf(ca);
  const topicsB = topicsOf(cb);
  const sharedTopics = [...topicsA.keys()].filter((t) => topicsB.has(t));
  const topicUnion = new Set([...topicsA.keys(), ...topicsB.keys()]);

  const stanceA = stanceOf(a);
  const stanceB = stanceOf(b);
  const disagree = stanceA.sign * stanceB.sign < 0;
  const agree = stanceA.sign * stanceB.sign > 0;
  const related = shared.length > 0 || sharedTopics.length > 0;

  const axesA = axisPositions(a, stanceA.sign);
  const axesB = axisPositions(b, stanceB.sign);
  const axisNames = Object.keys(AXES);
  const axesApart = axisNames.filter((x) => (axesA[x]?.side ?? 0) * (axesB[x]?.side ?? 0) < 0);
  const axesTogether = axisNames.filter((x) => (axesA[x]?.side ?? 0) * (axesB[x]?.side ?? 0) > 0);

  const formsA = new Set(words(a).map((w) => w.form));
  const formsB = new Set(words(b).map((w) => w.form));
  const negA = [...formsA].filter((f) => NEGATORS.has(f));
  const negB = [...formsB].filter((f) => NEGATORS.has(f));
  const antonyms = antonymHits(formsA, formsB);

  const numsA = numbers(a);
  const numsB = numbers(b);
  const numberMismatch = numsA.length > 0 && numsB.length > 0 && numsA.some((n) => !numsB.includes(n));

  const normA = NORMATIVE.test(a);
  const normB = NORMATIVE.test(b);

  const firstPersonA = FIRST_PERSON.test(a);
  const firstPersonB = FIRST_PERSON.test(b);
  const values: Record<FeatureName, number> = {
    bothNormative: normA && normB ? 1 : 0,
    noneNormative: !normA && !normB ? 1 : 0,
    firstNormative: normA ? 1 : 0,
    secondNormative: normB ? 1 : 0,
    firstPersonFirst: firstPersonA ? 1 : 0,
    firstPersonSecond: firstPersonB ? 1 : 0,
    logLengthFirstOverSecond: Math.log((ca.length + 1) / (cb.length + 1)),
    jaccard: union.size ? shared.length / union.size : 0,
    sharedCount: Math.log1p(shared.length),
    topicShared: sharedTopics.length > 0 ? 1 : 0,
    topicJaccard: topicUnion.size ? sharedTopics.length / topicUnion.size : 0,
    axisDisagree: axesApart.length > 0 ? 1 : 0,
    axisAgree: axesApart.length === 0 && axesTogether.length > 0 ? 1 : 0,
  };

  const evidence: Evidence[] = [];
  const about = shared.length ? ` on ${quoteList(sharedForms.slice(0, 4))}` : "";
  if (disagree) {
    evidence.push({
      supports: "Inconsistent",
      text: `opposite stance: ${stanceCues(stanceA)} vs ${stanceCues(stanceB)}${about}`,
    });
  }
  if (negA.length > 0 !== negB.length > 0) {
    const [which, neg] = negA.length ? ["first", negA] : ["second", negB];
    evidence.push({
      supports: "Inconsistent",
      text: `negation in the ${which} statement only: ${quoteList(neg)}${about}`,
    });
  }
  const pole = (axis: string, side: number) => {
    const poles = AXES[axis]?.poles ?? ["", ""];
    return side > 0 ? poles[0] : poles[1];
  };
  const axisCues = (p: AxisPosition | undefined, stance: Stance) =>
    quoteList([...(p?.cues ?? []), ...(stance.cues.length ? stance.cues : [])]);
  for (const axis of axesApart) {
    evidence.push({
      supports: "Inconsistent",
      text: `opposite political direction on the ${axis} axis: ${pole(axis, axesA[axis]?.side ?? 0)} (${axisCues(axesA[axis], stanceA)}) vs ${pole(axis, axesB[axis]?.side ?? 0)} (${axisCues(axesB[axis], stanceB)})`,
    });
  }
  if (!axesApart.length) {
    for (const axis of axesTogether) {
      evidence.push({
        supports: "Consistent",
        text: `same political direction on the ${axis} axis: ${pole(axis, axesA[axis]?.side ?? 0)} (${axisCues(axesA[axis], stanceA)} / ${axisCues(axesB[axis], stanceB)})`,
      });
    }
  }
  for (const hit of antonyms) evidence.push({ supports: "Inconsistent", text: `opposite terms (${hit})` });
  if (numberMismatch) {
    evidence.push({
      supports: "Inconsistent",
      text: `numbers differ: ${numsA.join(", ")} vs ${numsB.join(", ")}`,
    });
  }
  if (agree) {
    evidence.push({
      supports: "Consistent",
      text: `same stance direction: ${stanceCues(stanceA)} and ${stanceCues(stanceB)}${about}`,
    });
  }
  if (shared.length)
    evidence.push({ supports: "Related", text: `shared topic words: ${sharedForms.join(", ")}` });
  for (const topic of sharedTopics) {
    evidence.push({
      supports: "Related",
      text: `same policy area '${topic}': ${quoteList(topicsA.get(topic) ?? [])} / ${quoteList(topicsB.get(topic) ?? [])}`,
    });
  }
  if (!related) {
    const areas = (m: Map<string, string[]>) => (m.size ? [...m.keys()].join(", ") : "none found");
    evidence.push({
      supports: "Unrelated",
      text: `no shared content words and no shared policy area (first: ${areas(topicsA)}; second: ${areas(topicsB)})`,
    });
  }
  const form = (norm: boolean, firstPerson: boolean) =>
    `${norm ? "a policy demand" : "a description or value claim"}${firstPerson ? " in the party's own voice" : ""}`;
  evidence.push({
    supports: "Form",
    text: `form: the first statement is ${form(normA, firstPersonA)}, the second ${form(normB, firstPersonB)}`,
  });
  const overlapOfShorter = shared.length / Math.max(1, Math.min(stemsA.size, stemsB.size));
  if (shared.length < SAME_PROPOSITION_MIN_SHARED || overlapOfShorter < SAME_PROPOSITION_OVERLAP) {
    return { values, evidence };
  }
  const stanceFlip = stanceA.sign !== stanceB.sign;
  const flips: string[] = [];
  if (stanceFlip) flips.push(`${stanceCues(stanceA)} vs ${stanceCues(stanceB)}`);
  // An antonym pair that is itself the stance flip ("support" vs "oppose") would repeat it.
  else if (antonyms.length) flips.push(...antonyms);
  if (numberMismatch) flips.push(`numbers differ: ${numsA.join(", ")} vs ${numsB.join(", ")}`);
  const proposition = quoteList(sharedForms);
  const kind = stanceFlip ? "negation of the same proposition" : "contradiction on the same proposition";
  return {
    values,
    evidence,
    sameProposition: flips.length
      ? { flipped: true, evidence: `${kind}: ${flips.join("; ")} on ${proposition}` }
      : {
          flipped: false,
          evidence: `restatement of the same proposition with the same stance on ${proposition}`,
        },
  };
}

/**
 * Same proposition = at least half of the shorter statement's content stems are shared, and at least
 * two: one shared word ("schools") marks a topic, two or more ("rent control") a proposition.
 */
const SAME_PROPOSITION_OVERLAP = 0.5;
const SAME_PROPOSITION_MIN_SHARED = 2;

export function featureVector(values: Record<FeatureName, number>): number[] {
  return FEATURE_NAMES.map((name) => values[name]);
}
