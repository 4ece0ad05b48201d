import { byDate, type StatementView, statementTopicKeys } from "./statement-view.ts";

/**
 * Mixed messages: pairs of one speaker's statements that contradict or walk back one another.
 *
 * Comparing every pair is quadratic, so pairs are blocked: two statements are compared only when they
 * share a topic key that is specific to the speaker (not one they mention in most statements), and each
 * statement only with its nearest neighbours in time within that topic. A pairwise judge labels each
 * pair; reporting words around the later statement ("walked back", "clarified") add evidence.
 */

export type JudgeLabel = "Inconsistent" | "Unrelated" | "Consistent";
export interface Verdict {
  label: JudgeLabel;
  scores: Record<JudgeLabel, number>;
  reasons: string[];
}
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
const MIN_SCORE = 0.5;

export function findMixedMessages(
  statements: readonly StatementView[],
  judge: Judge,
  limit = 50,
): MixedPair[] {
  const ordered = [...statements].sort(byDate);
  const keysOf = ordered.map(statementTopicKeys);
  const byTopic = new Map<string, number[]>();
  keysOf.forEach((keys, index) => {
    for (const key of keys) {
      const list = byTopic.get(key) ?? [];
      list.push(index);
      byTopic.set(key, list);
    }
  });

  const seen = new Set<string>();
  const pairs: MixedPair[] = [];
  const broadLimit = Math.max(2, ordered.length * BROAD_TOPIC_SHARE);
  for (const [key, members] of byTopic) {
    if (members.length < 2 || (members.length > broadLimit && ordered.length > 4)) continue;
    if (!key.startsWith("issue:") && !key.startsWith("place:") && !key.startsWith("name:")) continue;
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < Math.min(members.length, a + 1 + NEIGHBOURS); b++) {
        const i = members[a];
        const j = members[b];
        const id = `${i}:${j}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const pair = judgeOnePair(ordered[i], ordered[j], keysOf[i], keysOf[j], judge);
        if (pair) pairs.push(pair);
      }
    }
  }
  return pairs.sort((x, y) => y.score - x.score).slice(0, limit);
}

function judgeOnePair(
  earlier: StatementView,
  later: StatementView,
  earlierKeys: Set<string>,
  laterKeys: Set<string>,
  judge: Judge,
): MixedPair | null {
  if (earlier.content.trim() === later.content.trim()) return null;
  const verdict = judge(earlier.content, later.content);
  const reasons = verdict.label === "Inconsistent" ? [...verdict.reasons] : [];
  let score = verdict.scores.Inconsistent;

  const walkBack = later.context.match(WALK_BACK);
  if (walkBack && later.published !== earlier.published) {
    reasons.push(`reported as a shift: "${walkBack[0]}" around the later statement`);
    score += 0.35;
  }
  if (isShortAnswer(earlier.content) && isShortAnswer(later.content) && !sameAnswer(earlier, later)) {
    reasons.push(`"${earlier.content.trim()}" then "${later.content.trim()}"`);
    score += 0.5;
  }
  if (score < MIN_SCORE || reasons.length === 0) return null;
  const sharedTopics = [...earlierKeys].filter((key) => laterKeys.has(key)).map((key) => key.split(":")[1]);
  return { earlier, later, score: Math.round(score * 1000) / 1000, sharedTopics, reasons };
}

const isShortAnswer = (text: string) => /^\W*(yes|no)\W*$/i.test(text);
const sameAnswer = (a: StatementView, b: StatementView) =>
  a.content.trim().toLowerCase().replace(/\W/g, "") === b.content.trim().toLowerCase().replace(/\W/g, "");
