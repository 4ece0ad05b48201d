/**
 * What the record says of one speaker, as the CLI, `watch --alert` and a server ask for it: their
 * statements in timeline order (one wire story in many outlets counted once) and their mixed messages.
 * Callers resolve the speaker first (record/speaker-lookup.ts) and pass the person's key.
 */
import { judgePair } from "../analysis/judge/index.ts";
import { type LlmConfig, llmJudge } from "../analysis/llm-judge.ts";
import {
  type MixedReport,
  mixedReport,
  mixedReportAsync,
  WEIGHT_SAMPLE,
  WordWeights,
} from "../analysis/mixed.ts";
import { buildTimeline } from "../analysis/timeline.ts";
import type { StatementView } from "../core/statement.ts";
import { countOnce } from "../record/near-duplicates.ts";
import type { Store } from "../record/store.ts";

export interface SpeakerQuery {
  since?: string;
  until?: string;
  /** Topic keys (analysis/topics.ts topicQuery) the statements must carry. */
  topicKeys?: string[];
}

/** The speaker's statements narrowed in SQL (dates, topic keys), in timeline order, each story once. */
export async function speakerStatements(
  store: Store,
  personKey: string,
  query: SpeakerQuery = {},
): Promise<StatementView[]> {
  const ordered = buildTimeline(await store.statementViews(personKey, query));
  const stories = await store.stories(ordered.map((view) => view.articleId));
  return countOnce(ordered, new Map(Object.entries(stories)));
}

export interface MixedQuery extends SpeakerQuery {
  /** The topic as the user wrote it, echoed in the report. */
  about?: string;
  limit: number;
  /** A language-model server to judge pairs with; the built-in judge when absent. */
  llm?: LlmConfig;
  /** Word rarity over the store (storeWordWeights); callers asking many times reuse one. */
  weights?: WordWeights;
  /**
   * The speaker's statements in the date range as speakerStatements gives them, when the caller has
   * them already (the person page shows the timeline too): read again otherwise.
   */
  statements?: StatementView[];
}

/** Word rarity from a sample of the store's statements: stemming 20,000 contents, so worth reusing. */
export async function storeWordWeights(store: Store): Promise<WordWeights> {
  return new WordWeights(await store.contentSample(WEIGHT_SAMPLE));
}

export type SpeakerMixed = MixedReport & { about?: string };

/** A language-model judge this sure of "inconsistent" flags a pair on its own verdict. */
const LLM_JUDGE_ALONE = 0.8;

/**
 * Pairs are found and ranked over all the speaker's statements in the date range; a topic then keeps the
 * ranked pairs with a side on it, so a topic never loses a pair the unfiltered list ranks.
 */
export async function speakerMixed(
  store: Store,
  personKey: string,
  query: MixedQuery,
): Promise<SpeakerMixed> {
  const range = { since: query.since, until: query.until };
  const all = query.statements ?? (await speakerStatements(store, personKey, range));
  const weights = query.weights ?? (await storeWordWeights(store));
  const options = { weights, limit: query.topicKeys ? Number.MAX_SAFE_INTEGER : query.limit };
  const llm = query.llm;
  const found = llm
    ? await mixedReportAsync(all, (a, b) => llmJudge(llm, a, b, store), {
        ...options,
        judgeAlone: LLM_JUDGE_ALONE,
      })
    : mixedReport(all, judgePair, options);
  if (!query.topicKeys) return found;
  const onTopic = new Set(
    (await store.statementViews(personKey, { ...range, topicKeys: query.topicKeys })).map((s) => s.id),
  );
  const pairs = found.pairs
    .filter((p) => onTopic.has(p.earlier.id) || onTopic.has(p.later.id))
    .slice(0, query.limit);
  return { ...found, pairs, about: query.about };
}
