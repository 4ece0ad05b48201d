import { stem } from "../nlp/stem.ts";
import { stanceOf } from "./judge/features.ts";
import type { Judgement } from "./judge/index.ts";
import { disownedReversal } from "./mixed/disowned.ts";
import { NEGATING_CUE, NEGATORS, PAST_TIME_MARKERS, REVERSAL_WORDS, SUPPORT_STEMS } from "./mixed/lexicon.ts";
import { type ReporterSignal, reporterSignal } from "./mixed/reporter-signal.ts";
import { type Profile, profileOf, type Sameness, sameness, WordWeights } from "./mixed/similarity.ts";
import { identityProblem } from "./mixed/speaker-identity.ts";
import { backingReversal, isDenial, type Reversal, stanceReversal } from "./mixed/stance.ts";
import { isShortAnswer, propositionProblem } from "./mixed/statement-quality.ts";
import { byDate, type StatementView } from "./statement-view.ts";

/**
 * Mixed messages: pairs of one speaker's statements that contradict or walk back one another, as an
 * editor would print them.
 *
 * 1. Only statements that surely are the speaker's (speaker-identity.ts) and state something
 *    (statement-quality.ts) take part; a bare "yes" or "no" takes part as an answer.
 * 2. Two statements are compared when they share a telling word (an inverted index over content words and
 *    the names around them), and kept when they are about the same thing (similarity.ts).
 * 3. Evidence that they disagree: a reversal on their words (stance.ts), the reporter's own words that the
 *    later one is a shift (reporter-signal.ts), opposite answers, and the pairwise judge's verdict.
 *    Pairs from one article need the reporter's words: without them they are mostly a recap.
 * 4. Pairs are ranked by the sum of the evidence, and near-copies of a ranked pair (the same two remarks
 *    quoted by another outlet) are dropped.
 */

/** A judge's answer for one pair: the built-in model's shape, which the language-model judge shares. */
export type Verdict = Judgement;
export type Judge = (a: string, b: string) => Verdict;

export interface PairEvidence {
  /** How much the two are about the same thing, and the words they share. */
  sameness: Sameness;
  /** Opposite sides on their words, or null. */
  reversal: Reversal | null;
  /** The reporter's words that one of the two is a shift, and which one, or null. */
  reporter: SideSignal | null;
  /** "yes" then "no" (or the reverse) to the same question, or null. */
  answers: string | null;
  judge: { label: Verdict["label"]; inconsistent: number };
  sameArticle: boolean;
}

export interface MixedPair {
  earlier: StatementView;
  later: StatementView;
  /** The sum of the evidence; higher is a stronger flag (about 0.3 to 2.5). */
  score: number;
  /** The content words both statements share, most telling first. */
  sharedTopics: string[];
  /** The evidence in words, strongest first. */
  reasons: string[];
  evidence: PairEvidence;
}

/** What was looked at, so that "nothing found" can say why. */
export interface MixedReport {
  pairs: MixedPair[];
  statements: number;
  /** Statements that took part: surely the speaker's, with a proposition (or a yes/no answer). */
  eligible: number;
  /** Why the others did not, with counts. */
  skipped: Record<string, number>;
  /** Pairs about the same thing that were weighed for evidence. */
  compared: number;
}

export interface MixedOptions {
  /** Word weights over the store (IDF); without them every word weighs the same. */
  weights?: WordWeights;
  /** How many ranked pairs to return. */
  limit?: number;
  /** The judge's probability of "inconsistent" from which its verdict alone flags a pair. */
  judgeAlone?: number;
}

/** Statement contents the word weights (IDF) are counted on: enough for stable weights, quick to read. */
export const WEIGHT_SAMPLE = 20_000;
/** Below this sameness two statements are not about the same thing (tuned on the real-news labels). */
export const MIN_SAMENESS = 0.25;
/**
 * Content words two statements must share to be about the same thing (answers share their question
 * instead; a later statement the reporter calls a shift needs one).
 */
const MIN_SHARED_WORDS = 2;
/**
 * Disowned words another statement of the speaker's says (disowned.ts): across articles at least this
 * many; two ("pay", "fees") are common ground between unrelated remarks. Within one article two do.
 */
const MIN_DISOWNED_SHARED = 3;
/** Without the reporter's words, a reversal counts only between statements this much about one thing. */
const MIN_REVERSAL_SAMENESS = 0.35;
/**
 * The built-in judge never flags a pair alone: on real news its confident "inconsistent" was mostly the
 * same remark quoted twice. A language-model judge may (`judgeAlone` in the options).
 */
const JUDGE_ALONE_DEFAULT = Number.POSITIVE_INFINITY;
/** A word in more than this many of the speaker's statements is too common to pair on. */
const MAX_POSTINGS = 100;
/** Evidence weights in the score. */
const WEIGHT = { reporter: 1, answers: 0.5, judge: 0.15 } as const;
/** Two pairs whose sides are this alike are one pair quoted twice. */
const SAME_REMARK = 0.8;

interface Prepared {
  ordered: StatementView[];
  profiles: Profile[];
  signals: (ReporterSignal | null)[];
  answers: boolean[];
  /** Statements with a word of backing ("back", "endorse") in their cue or content. */
  backs: boolean[];
  skipped: Record<string, number>;
  weights: WordWeights;
  judgeAlone: number;
}

/** Why a statement does not take part, or null when it does. */
export function exclusionOf(statement: StatementView): string | null {
  const identity = identityProblem(statement);
  if (identity) return identity;
  return isShortAnswer(statement.content) ? null : propositionProblem(statement.content, statement.cue);
}

/** The reason without the particular source quoted in it, for counting. */
const reasonKind = (reason: string) => reason.replace(/"[^"]*"/g, "…");

function prepare(statements: readonly StatementView[], options: MixedOptions): Prepared {
  const skipped: Record<string, number> = {};
  const ordered: StatementView[] = [];
  for (const statement of [...statements].sort(byDate)) {
    const problem = exclusionOf(statement);
    if (problem) {
      const kind = reasonKind(problem);
      skipped[kind] = (skipped[kind] ?? 0) + 1;
    } else ordered.push(statement);
  }
  return {
    ordered,
    profiles: ordered.map(profileOf),
    signals: ordered.map(reporterSignal),
    answers: ordered.map((s) => isShortAnswer(s.content)),
    backs: ordered.map(hasBacking),
    skipped,
    weights: options.weights ?? new WordWeights(),
    judgeAlone: options.judgeAlone ?? JUDGE_ALONE_DEFAULT,
  };
}

/** Index pairs (earlier first) that share a telling word: content words, and names in the sentence around. */
function candidates(prepared: Prepared): Array<[number, number]> {
  const postings = new Map<string, number[]>();
  prepared.profiles.forEach((profile, index) => {
    const keys = new Set(profile.content.keys());
    for (const [stem, term] of profile.context) if (term.named) keys.add(stem);
    // Backing refused and given share a name, not a word ("back Ortiz" / "endorses Ortiz"); a name alone
    // is too common a key, so it is paired with the act.
    if (prepared.backs[index])
      for (const [stem, term] of profile.content) if (term.named) keys.add(`backing:${stem}`);
    for (const key of keys) {
      const list = postings.get(key) ?? [];
      list.push(index);
      postings.set(key, list);
    }
  });
  const seen = new Set<number>();
  const n = prepared.ordered.length;
  const pairs: Array<[number, number]> = [];
  for (const members of postings.values()) {
    if (members.length < 2 || members.length > MAX_POSTINGS) continue;
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const id = members[a] * n + members[b];
        if (seen.has(id)) continue;
        seen.add(id);
        pairs.push([members[a], members[b]]);
      }
    }
  }
  // A statement the reporter marks as a shift is also weighed against every statement of its article:
  // the reporter's sentence, not a shared word, may be what ties them ("initially defended his vote, but
  // ... announced he supported legislation to repeal the bill").
  const byArticle = new Map<string, number[]>();
  prepared.ordered.forEach((s, index) => {
    const list = byArticle.get(s.articleId) ?? [];
    list.push(index);
    byArticle.set(s.articleId, list);
  });
  prepared.signals.forEach((signal, index) => {
    if (!signal) return;
    for (const other of byArticle.get(prepared.ordered[index].articleId) ?? []) {
      if (other === index) continue;
      const [a, b] = other < index ? [other, index] : [index, other];
      if (seen.has(a * n + b)) continue;
      seen.add(a * n + b);
      pairs.push([a, b]);
    }
  });
  return pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

interface Weighed {
  i: number;
  j: number;
  sameness: Sameness;
  /** Kept below the sameness threshold because the reporter's words point from `j` back at `i`. */
  pointsBack?: boolean;
}

/** Candidate pairs about the same thing, with their sameness; restatements of one remark are dropped. */
function sameThingPairs(prepared: Prepared): Weighed[] {
  const out: Weighed[] = [];
  for (const [i, j] of candidates(prepared)) {
    const [a, b] = [prepared.ordered[i], prepared.ordered[j]];
    if (sameWords(a.content, b.content) && !(prepared.answers[i] && prepared.answers[j])) continue;
    let same = sameness(prepared.profiles[i], prepared.profiles[j], prepared.weights);
    if (prepared.answers[i] !== prepared.answers[j]) continue;
    // Two answers have no words of their own: the question, in the sentence around them, is what they share.
    if (prepared.answers[i]) same = { ...same, score: contextOnly(prepared, i, j) };
    // One shared word ("problem", "hope", "win") is a coincidence; two or more make a subject.
    // The reporter saying one of them is a shift makes one shared telling word enough, and in one article
    // the reporter's sentences around them may supply it ("Clinton, who once praised the pact, said she
    // would not allow it to pass").
    const signal = signalOf(prepared, i, j);
    const sameArticle = a.articleId === b.articleId;
    const sharedWords = same.sharedUnits + (signal && sameArticle ? same.contextShared.length : 0);
    // Two statements of backing on one named person or measure are about the same thing whatever else they say.
    const backing = prepared.backs[i] && prepared.backs[j] && same.names.length > 0;
    // "A few days later, he reversed himself yet again, telling ...": the reporter's words on the later
    // statement point back at the remark the article reported just before it, whatever words they share.
    const marked = prepared.signals[j];
    const pointsBack =
      justBefore(prepared, i, j) &&
      marked !== null &&
      (REVERSAL_WORDS.test(marked.words) || marked.pointsBackOnly === true);
    if (backing || pointsBack) {
      out.push({ i, j, sameness: same, pointsBack });
      continue;
    }
    if (!prepared.answers[i] && sharedWords < (signal ? 1 : MIN_SHARED_WORDS)) continue;
    // "The endorsement comes three days after he said ...": the reporter names the act the earlier
    // position is set against, and a statement of that act on the same subject is its partner.
    if (same.score >= MIN_SAMENESS || signal?.against) out.push({ i, j, sameness: same });
  }
  return out;
}

function contextOnly(prepared: Prepared, i: number, j: number): number {
  const a = { content: prepared.profiles[i].context, context: prepared.profiles[i].context };
  const b = { content: prepared.profiles[j].context, context: prepared.profiles[j].context };
  return sameness(a, b, prepared.weights).score;
}

/** What the judge reads: "denied that she had called the deal dead" says the opposite of its content. */
function claimOf(statement: StatementView): string {
  return statement.cue && NEGATING_CUE.test(statement.cue)
    ? `${statement.cue} ${statement.content}`
    : statement.content;
}

function weigh(prepared: Prepared, pair: Weighed, verdict: Verdict): MixedPair | null {
  const earlier = prepared.ordered[pair.i];
  const later = prepared.ordered[pair.j];
  const backing =
    prepared.backs[pair.i] && prepared.backs[pair.j]
      ? backingReversal(earlier, later, pair.sameness.names)
      : null;
  const reversal = prepared.answers[pair.i]
    ? null
    : (stanceReversal(earlier, later, pair.sameness.shared, {
        sameness: pair.sameness.content,
        named: pair.sameness.names,
        telling: (stem) => prepared.weights.telling(stem),
      }) ??
      backing ??
      disownedReversal(earlier, later, {
        minShared: earlier.articleId === later.articleId ? 2 : MIN_DISOWNED_SHARED,
        telling: (stem) => prepared.weights.telling(stem),
        isDenial,
      }));
  // Backing paired on a name alone needs a backing reversal.
  if (!backing && !pair.pointsBack && pair.sameness.score < MIN_SAMENESS) return null;
  const reporter = signalOf(prepared, pair.i, pair.j);
  const answers =
    prepared.answers[pair.i] && !sameAnswer(earlier, later)
      ? `"${earlier.content.trim()}" then "${later.content.trim()}"`
      : null;
  // A reversal on the words alone needs the two to be closely about the same thing.
  if (
    reversal &&
    !reversal.backing &&
    !reversal.disowned &&
    !reporter &&
    !answers &&
    pair.sameness.score < MIN_REVERSAL_SAMENESS
  ) {
    return null;
  }
  const inconsistent = verdict.label === "Inconsistent" ? verdict.scores.Inconsistent : 0;
  const sameArticle = earlier.articleId === later.articleId;
  const judgeAlone = inconsistent >= prepared.judgeAlone;
  if (!reversal && !reporter && !answers && !judgeAlone) return null;
  // Two statements of one article with no reporter's words are mostly the reporter's recap of one position.
  // Backing refused and given in one article, one of them placed in the past ("at the time", "the following
  // morning"), is the article telling a former position against the present one.
  const toldAsPast = reversal?.backing && (toldInPast(earlier) || toldInPast(later));
  // A saying disowned beside the words that say it is the article setting the two against each other.
  if (sameArticle && !reporter && !answers && !toldAsPast && !reversal?.disowned) return null;
  // "Now says she opposes the deal" set against her own "I oppose it now" is the new position twice.
  if (reporter && !reversal && !answers && sameStance(earlier.content, later.content)) return null;
  // The reporter's words alone tie the later statement to the earlier one it most resembles, not to any;
  // and names alone ("Obama", "United States") are what the speaker talks about all the time: the two must
  // share a word of what is said of them ("born", "scandal").
  const sharesClaimWord = pair.sameness.shared.length > pair.sameness.names.length;
  if (
    reporter &&
    !reversal &&
    !answers &&
    !sameArticle &&
    (pair.sameness.sharedUnits < MIN_SHARED_WORDS || !sharesClaimWord)
  ) {
    return null;
  }

  const score =
    pair.sameness.score +
    (reversal?.strength ?? 0) +
    (reporter ? WEIGHT.reporter : 0) +
    (answers ? WEIGHT.answers : 0) +
    WEIGHT.judge * inconsistent;
  const reasons = [
    pair.pointsBack && pair.sameness.score < MIN_SAMENESS
      ? `the remark reported just before the reporter's words (about the same thing: ${pair.sameness.score.toFixed(2)})`
      : `about the same thing: ${pair.sameness.score.toFixed(2)} (${sharedNote(pair.sameness)})`,
    ...(reversal?.evidence ?? []),
    ...(reporter
      ? [`reported as a shift: "${reporter.words}" (${WHERE[reporter.where]} the ${reporter.side} statement)`]
      : []),
    ...(answers ? [answers] : []),
    ...(inconsistent > 0 ? [`judge: inconsistent, ${inconsistent.toFixed(2)}${judgeNotes(verdict)}`] : []),
  ];
  return {
    earlier,
    later,
    score: Math.round(score * 1000) / 1000,
    sharedTopics: pair.sameness.shared.slice(0, 6),
    reasons,
    evidence: {
      sameness: pair.sameness,
      reversal,
      reporter,
      answers,
      judge: { label: verdict.label, inconsistent: Math.round(inconsistent * 1000) / 1000 },
      sameArticle,
    },
  };
}

function sharedNote(same: Sameness): string {
  if (same.shared.length) return `shared: ${same.shared.slice(0, 6).join(", ")}`;
  if (same.contextShared.length) return `shared around them: ${same.contextShared.slice(0, 6).join(", ")}`;
  return "the question around them";
}

const WHERE: Record<ReporterSignal["where"], string> = {
  content: "the reported act of",
  before: "the reporter, in the clause of",
  after: "the reporter, right after",
};

/**
 * The reporter's words on either side: "walked back" before the later statement, or "once praised" as
 * the cue of the earlier one, when the later one is what it is set against.
 */
function signalOf(prepared: Prepared, i: number, j: number): SideSignal | null {
  const later = prepared.signals[j];
  if (later && fitsAct(later, prepared.ordered[i]) && (!later.pointsBackOnly || justBefore(prepared, i, j))) {
    return { ...later, side: "later" };
  }
  const earlier = prepared.signals[i];
  return earlier && !earlier.pointsBackOnly && fitsAct(earlier, prepared.ordered[j])
    ? { ...earlier, side: "earlier" }
    : null;
}

/** Is `i` the speaker's statement reported just before `j` in the same article? */
function justBefore(prepared: Prepared, i: number, j: number): boolean {
  return i === j - 1 && prepared.ordered[i].articleId === prepared.ordered[j].articleId;
}

/** A signal that names the act it sets the statement against fits only a partner stating that act. */
function fitsAct(signal: ReporterSignal, partner: StatementView): boolean {
  if (!signal.against) return true;
  const stems = new Set(
    `${partner.cue ?? ""} ${partner.content}`
      .toLowerCase()
      .match(/\p{L}+/gu)
      ?.map((w) => stem(w)),
  );
  return stems.has(signal.against);
}

export type SideSignal = ReporterSignal & { side: "earlier" | "later" };

/** The judge's own evidence for a contradiction, without notes on form or on agreement. */
function judgeNotes(verdict: Verdict): string {
  const notes = verdict.reasons
    .filter((r) => !r.startsWith("form:") && !r.startsWith("same stance"))
    .slice(0, 2);
  return notes.length ? `: ${notes.join("; ")}` : "";
}

/** Ranks by score and drops a pair whose two sides repeat the two sides of a pair ranked above it. */
function rank(flagged: MixedPair[], prepared: Prepared, limit: number): MixedPair[] {
  flagged.sort((x, y) => y.score - x.score || x.earlier.id - y.earlier.id || x.later.id - y.later.id);
  const index = new Map(prepared.ordered.map((s, i) => [s.id, i]));
  const alike = (a: StatementView, b: StatementView) =>
    a.id === b.id ||
    sameWords(a.content, b.content) ||
    sameness(
      prepared.profiles[index.get(a.id) ?? 0],
      prepared.profiles[index.get(b.id) ?? 0],
      prepared.weights,
    ).content >= SAME_REMARK;
  const kept: MixedPair[] = [];
  for (const pair of flagged) {
    if (kept.length >= limit) break;
    const repeat = kept.some(
      (k) =>
        (alike(k.earlier, pair.earlier) && alike(k.later, pair.later)) ||
        (alike(k.earlier, pair.later) && alike(k.later, pair.earlier)),
    );
    if (!repeat) kept.push(pair);
  }
  return kept;
}

/**
 * A reporter's "walked back" names one other remark: of several statements in one article that the
 * marked statement is paired with on the reporter's words alone, only the most alike stays.
 */
function bestPartners(flagged: MixedPair[]): MixedPair[] {
  const best = new Map<string, MixedPair>();
  const rest: MixedPair[] = [];
  for (const pair of flagged) {
    const e = pair.evidence;
    // A reporter who names the act ("the endorsement comes three days after") points at every statement of it.
    if (!e.reporter || e.reversal || e.answers || e.reporter.against) {
      rest.push(pair);
      continue;
    }
    const [marked, other] =
      e.reporter.side === "later" ? [pair.later, pair.earlier] : [pair.earlier, pair.later];
    const key = `${marked.id} ${other.articleId}`;
    const known = best.get(key);
    if (!known || e.sameness.score > known.evidence.sameness.score) best.set(key, pair);
  }
  return [...rest, ...best.values()];
}

export function mixedReport(
  statements: readonly StatementView[],
  judge: Judge,
  options: MixedOptions = {},
): MixedReport {
  const prepared = prepare(statements, options);
  const same = sameThingPairs(prepared);
  const flagged: MixedPair[] = [];
  for (const pair of same) {
    const verdict = judge(claimOf(prepared.ordered[pair.i]), claimOf(prepared.ordered[pair.j]));
    const weighed = weigh(prepared, pair, verdict);
    if (weighed) flagged.push(weighed);
  }
  return finish(prepared, statements.length, same.length, flagged, options);
}

/** The same with a judge that answers later (a language-model server); pairs are asked one at a time. */
export async function mixedReportAsync(
  statements: readonly StatementView[],
  judge: (a: string, b: string) => Promise<Verdict>,
  options: MixedOptions = {},
): Promise<MixedReport> {
  const prepared = prepare(statements, options);
  const same = sameThingPairs(prepared);
  const flagged: MixedPair[] = [];
  for (const pair of same) {
    const verdict = await judge(claimOf(prepared.ordered[pair.i]), claimOf(prepared.ordered[pair.j]));
    const weighed = weigh(prepared, pair, verdict);
    if (weighed) flagged.push(weighed);
  }
  return finish(prepared, statements.length, same.length, flagged, options);
}

/** Each statement's best partner, ranked, cut to the limit, with what was looked at. */
function finish(
  prepared: Prepared,
  statements: number,
  compared: number,
  flagged: MixedPair[],
  options: MixedOptions,
): MixedReport {
  return report(prepared, statements, compared, rank(bestPartners(flagged), prepared, options.limit ?? 50));
}

function report(prepared: Prepared, statements: number, compared: number, pairs: MixedPair[]): MixedReport {
  return { pairs, statements, eligible: prepared.ordered.length, skipped: prepared.skipped, compared };
}

export function findMixedMessages(
  statements: readonly StatementView[],
  judge: Judge,
  limit = 50,
  weights?: WordWeights,
): MixedPair[] {
  return mixedReport(statements, judge, { limit, weights }).pairs;
}

export async function findMixedMessagesAsync(
  statements: readonly StatementView[],
  judge: (a: string, b: string) => Promise<Verdict>,
  limit = 50,
  weights?: WordWeights,
): Promise<MixedPair[]> {
  return (await mixedReportAsync(statements, judge, { limit, weights })).pairs;
}

/**
 * Both use one stance word, un-negated ("oppose" / "opposes"): the same side said twice. Signs composed
 * over several sentences are not trusted here, only the shared word.
 */
function sameStance(a: string, b: string): boolean {
  const plainCues = (text: string) =>
    new Set(
      stanceOf(text)
        .cues.filter((cue) => !cue.includes(" ") && !negatedFarther(text, cue))
        .map((cue) => cue.slice(0, 5)),
    );
  const x = plainCues(a);
  return [...plainCues(b)].some((cue) => x.has(cue));
}

/** A word of backing in the cue or the content. */
function hasBacking(statement: StatementView): boolean {
  const words = `${statement.cue ?? ""} ${statement.content}`.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.some((w) => SUPPORT_STEMS.has(stem(w)));
}

/** Does the statement's sentence, outside its content, place it in the past ("at the time")? */
function toldInPast(statement: StatementView): boolean {
  return PAST_TIME_MARKERS.test(statement.context.replace(statement.content, " "));
}

/** How far back a negator still denies a stance word for sameStance ("not quite there yet on supporting"). */
const STANCE_NEGATION_REACH = 6;

/** Is the stance word denied by a negator a few words before it, beyond the judge's narrow window? */
function negatedFarther(text: string, cue: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  return words.some(
    (word, i) =>
      word === cue &&
      words
        .slice(Math.max(0, i - STANCE_NEGATION_REACH), i)
        .some((w) => NEGATORS.has(w) || w.endsWith("n't")),
  );
}

/** The same words in the same order: a statement quoted again in a later article, not a new one. */
function sameWords(a: string, b: string): boolean {
  const normal = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const [x, y] = [normal(a), normal(b)];
  return x.includes(y) || y.includes(x);
}

const sameAnswer = (a: StatementView, b: StatementView) =>
  a.content.trim().toLowerCase().replace(/\W/g, "") === b.content.trim().toLowerCase().replace(/\W/g, "");

export { WordWeights };
