import type { Judgement } from "./judge/index.ts";
import { byDate, type StatementView, statementTopicKeys } from "./statement-view.ts";
import { topicLabel } from "./topics.ts";

/**
 * Mixed messages: pairs of one speaker's statements that contradict or walk back one another.
 *
 * Comparing every pair is quadratic, so pairs are blocked: two statements are compared only when they
 * share a topic key that is specific to the speaker (not one they mention in most statements), and each
 * statement only with its nearest neighbours in time within that topic. A pairwise judge labels each
 * pair; reporting words around the later statement ("walked back", "clarified") add evidence.
 */

/** A judge's answer for one pair: the built-in model's shape, which the language-model judge shares. */
export type Verdict = Judgement;
export type Judge = (a: string, b: string) => Verdict;

export interface MixedPair {
  earlier: StatementView;
  later: StatementView;
  /** Higher is a stronger flag; 0..~1.5. */
  score: number;
  sharedTopics: string[];
  reasons: string[];
}

/** Words reporters use when a speaker shifts position; finding one near the later statement is evidence. */
const WALK_BACK =
  /\b(backtrack\w*|walk(?:ed|s|ing)? back|clarif(?:y|ied|ies|ication)|revers\w*|retract\w*|correct(?:ed|ion|ions)|u-turn|flip-flop\w*|contradict\w*|mixed messages?|denied|denies|deny)\b/i;

/** A statement compares with this many neighbours in time within each shared topic. */
const NEIGHBOURS = 8;
/** A topic key present in more than this share of a speaker's statements is too broad to block on. */
const BROAD_TOPIC_SHARE = 0.5;
/** Pairs scoring below this (the judge's probability of Inconsistent plus evidence bonuses) are not flagged. */
const MIN_SCORE = 0.5;

interface Candidates {
  ordered: StatementView[];
  keys: Set<string>[];
  /** Index pairs into `ordered`, earlier first. */
  pairs: Array<[number, number]>;
}

export function candidatePairs(statements: readonly StatementView[]): Candidates {
  const ordered = [...statements].sort(byDate);
  const keys = ordered.map(statementTopicKeys);
  const byTopic = new Map<string, number[]>();
  keys.forEach((statementKeys, index) => {
    for (const key of statementKeys) {
      const list = byTopic.get(key) ?? [];
      list.push(index);
      byTopic.set(key, list);
    }
  });
  // How many topic keys each neighbouring pair shares (as seen from the topics they are neighbours in).
  const shared = new Map<number, number>();
  const broadLimit = Math.max(2, ordered.length * BROAD_TOPIC_SHARE);
  for (const members of byTopic.values()) {
    if (members.length < 2 || (members.length > broadLimit && ordered.length > 4)) continue;
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < Math.min(members.length, a + 1 + NEIGHBOURS); b++) {
        const id = members[a] * ordered.length + members[b];
        shared.set(id, (shared.get(id) ?? 0) + 1);
      }
    }
  }
  // Two statements that share one word of several are rarely about the same thing; ask for two shared
  // keys unless one statement has only one.
  const pairs: Array<[number, number]> = [];
  for (const [id, count] of shared) {
    const i = Math.floor(id / ordered.length);
    const j = id % ordered.length;
    if (count >= Math.min(2, keys[i].size, keys[j].size)) pairs.push([i, j]);
  }
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { ordered, keys, pairs };
}

function rank(candidates: Candidates, verdicts: Verdict[], limit: number): MixedPair[] {
  const { ordered, keys, pairs } = candidates;
  const flagged: MixedPair[] = [];
  pairs.forEach(([i, j], index) => {
    const pair = flagPair(ordered[i], ordered[j], keys[i], keys[j], verdicts[index]);
    if (pair) flagged.push(pair);
  });
  return flagged.sort((x, y) => y.score - x.score).slice(0, limit);
}

/** Cues that deny or reject their content: the claim is the opposite of the content alone. */
const NEGATING_CUE = /^(den(y|ies|ied|ying)|reject|dismiss|disput|refut|contradict)/i;

/** What the judge reads: "denied that she had called the deal dead" says the opposite of its content. */
function claimOf(statement: StatementView): string {
  return statement.cue && NEGATING_CUE.test(statement.cue)
    ? `${statement.cue} ${statement.content}`
    : statement.content;
}

export function findMixedMessages(
  statements: readonly StatementView[],
  judge: Judge,
  limit = 50,
): MixedPair[] {
  const candidates = candidatePairs(statements);
  const { ordered } = candidates;
  const verdicts = candidates.pairs.map(([i, j]) => judge(claimOf(ordered[i]), claimOf(ordered[j])));
  return rank(candidates, verdicts, limit);
}

/** The same with a judge that answers later (a language-model server); pairs are asked one at a time. */
export async function findMixedMessagesAsync(
  statements: readonly StatementView[],
  judge: (a: string, b: string) => Promise<Verdict>,
  limit = 50,
): Promise<MixedPair[]> {
  const candidates = candidatePairs(statements);
  const { ordered } = candidates;
  const verdicts: Verdict[] = [];
  for (const [i, j] of candidates.pairs) verdicts.push(await judge(claimOf(ordered[i]), claimOf(ordered[j])));
  return rank(candidates, verdicts, limit);
}

function flagPair(
  earlier: StatementView,
  later: StatementView,
  earlierKeys: Set<string>,
  laterKeys: Set<string>,
  verdict: Verdict,
): MixedPair | null {
  if (isRecap(earlier) || isRecap(later) || sameWords(earlier.content, later.content)) return null;
  // Keep the evidence for a contradiction: the judge's note on the statements' form (demand vs claim) and
  // its notes that point the other way ("same stance direction") are not.
  const reasons =
    verdict.label === "Inconsistent"
      ? verdict.reasons.filter((r) => !r.startsWith("form:") && !r.startsWith("same stance"))
      : [];
  let score = verdict.scores.Inconsistent;

  const walkBack = later.context.match(WALK_BACK);
  if (walkBack) {
    reasons.push(`reported as a shift: "${walkBack[0]}" around the later statement`);
    score += 0.35;
  }
  if (isShortAnswer(earlier.content) && isShortAnswer(later.content) && !sameAnswer(earlier, later)) {
    reasons.push(`"${earlier.content.trim()}" then "${later.content.trim()}"`);
    score += 0.5;
  }
  if (score < MIN_SCORE || reasons.length === 0) return null;
  const sharedTopics = [...earlierKeys]
    .filter((key) => laterKeys.has(key))
    .map((key) => topicLabel(key, `${earlier.content} ${earlier.context}`));
  return { earlier, later, score: Math.round(score * 1000) / 1000, sharedTopics, reasons };
}

/**
 * A reporter's recap attributed to the speaker ("capping a week in which she called the deal dead, said
 * talks had never stopped, denied ...") retells several statements at once: pairing it with each of them
 * would flag the recap, not the speaker. Two or more speech verbs inside the content mark one.
 */
const RECAP_VERBS =
  /\b(said|says|told|called|denied|denies|claimed|insisted|declared|tweeted|stated|announced)\b/gi;
const isRecap = (statement: StatementView) => (statement.content.match(RECAP_VERBS) ?? []).length >= 2;

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

const isShortAnswer = (text: string) => /^\W*(yes|no)\W*$/i.test(text);
const sameAnswer = (a: StatementView, b: StatementView) =>
  a.content.trim().toLowerCase().replace(/\W/g, "") === b.content.trim().toLowerCase().replace(/\W/g, "");
