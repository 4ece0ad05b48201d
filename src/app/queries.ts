/**
 * The questions the CLI asks the record, as functions returning plain data: `onrecord statements`, `people`,
 * `person`, `topics`, `summary`, `timeline`, `mixed` and `digest` parse their flags, call one of these and
 * render; an HTTP server calls the same functions. A name that finds no one, or several people, is a
 * SpeakerError carrying the candidates, never a guess.
 */
import type { DigestInput } from "../analysis/digest.ts";
import type { LlmConfig } from "../analysis/llm-judge.ts";
import { topicQuery } from "../analysis/topics.ts";
import { sliceSpan } from "../core/span.ts";
import type { StatementView } from "../core/statement.ts";
import type { PersonLink } from "../record/identity.ts";
import type {
  PersonRecord,
  PersonSummary,
  SpeakerCandidate,
  StatementFilter,
  StatementRecord,
  Store,
  StoreStats,
  TopicSummary,
} from "../record/store.ts";
import { type SpeakerMixed, speakerMixed, speakerStatements } from "./speaker-record.ts";

/** A request's fault that the caller can fix: no such speaker, several, or a topic with no words. */
export class QueryError extends Error {}

/** `--speaker NAME` matched no one or several people; `candidates` lists who it could mean. */
export class SpeakerError extends QueryError {
  constructor(
    readonly query: string,
    readonly candidates: readonly SpeakerCandidate[],
  ) {
    super(
      candidates.length === 0
        ? `no speaker named ${JSON.stringify(query)}`
        : ambiguityMessage(query, candidates),
    );
  }
}

/** The one person `query` means by the --speaker rule (record/speaker-lookup.ts). */
export async function findSpeaker(store: Store, query: string): Promise<SpeakerCandidate> {
  const lookup = await store.lookupSpeaker(query);
  if ("found" in lookup) return lookup.found;
  throw new SpeakerError(query, "ambiguous" in lookup ? lookup.ambiguous : []);
}

function ambiguityMessage(query: string, candidates: readonly SpeakerCandidate[]): string {
  const width = Math.min(40, Math.max(...candidates.map((c) => c.name.length)));
  const lines = candidates.map(
    (c) =>
      `  ${c.name.padEnd(width)}  id ${String(c.id).padStart(5)}  ${String(c.statements).padStart(5)} statements${c.qid ? `  ${c.qid}` : ""}`,
  );
  return [
    `${JSON.stringify(query)} names ${candidates.length} people; give a full name or an id (--speaker ID):`,
    ...lines,
  ].join("\n");
}

/** The person key the store's queries take, or undefined when no speaker is asked for. */
async function speakerKey(store: Store, speaker: string | undefined): Promise<string | undefined> {
  return speaker === undefined ? undefined : String((await findSpeaker(store, speaker)).id);
}

/** Stored statements, oldest first, by the filter (the speaker by the --speaker rule): `statements`. */
export async function exportStatements(
  store: Store,
  filter: StatementFilter = {},
): Promise<StatementRecord[]> {
  return store.statements({ ...filter, speaker: await speakerKey(store, filter.speaker) });
}

export function people(store: Store): Promise<PersonSummary[]> {
  return store.people();
}

export interface PersonReport {
  record: PersonRecord;
  /** Why each name was linked to the person (rule and evidence). */
  links: PersonLink[];
}

export async function person(store: Store, name: string): Promise<PersonReport> {
  const id = String((await findSpeaker(store, name)).id);
  const record = await store.person(id);
  if (!record) throw new SpeakerError(name, []);
  return { record, links: await store.personLinks(id) };
}

export async function topics(
  store: Store,
  query: { speaker?: string; limit?: number },
): Promise<TopicSummary[]> {
  return store.topics({ speaker: await speakerKey(store, query.speaker), limit: query.limit });
}

export interface RecordSummary {
  stats: StoreStats;
  /** A statement to check by hand: a full-sentence direct quote of the most quoted speaker when there is one. */
  example: StatementRecord | undefined;
  /** The example's content spans read back from the stored article text. */
  exampleText: (string | undefined)[];
}

/** Statements scanned for a good example; the first few hundred in date order always hold one. */
const EXAMPLE_CANDIDATES = 500;
/** A quote this long is a full sentence rather than a fragment ("the first stone"). */
const EXAMPLE_MIN_LENGTH = 60;

export async function summary(store: Store): Promise<RecordSummary> {
  const stats = await store.stats();
  // The example comes from the most quoted speaker when possible: the statement a reader would check.
  const top = stats.topSpeakers[0];
  const example =
    (top && pickExample(await store.statements({ speaker: top.name, limit: EXAMPLE_CANDIDATES }))) ??
    pickExample(await store.statements({ limit: EXAMPLE_CANDIDATES }));
  const article = example ? await store.article(example.articleId) : undefined;
  return {
    stats,
    example,
    // Read back from the stored article text, to show the span really points at the words.
    exampleText: (example?.contentSpans ?? []).map((span) =>
      article ? sliceSpan(article.text, span) : undefined,
    ),
  };
}

/** A full-sentence direct quote with a named speaker reads best; fall back to any statement with a speaker. */
function pickExample(statements: StatementRecord[]): StatementRecord | undefined {
  const named = statements.filter((s) => s.speaker !== null && s.contentSpans.length > 0);
  const direct = named.filter(
    (s) => s.kind === "direct" && (s.resolution === "name" || s.resolution === "alias"),
  );
  return direct.find((s) => s.content.length >= EXAMPLE_MIN_LENGTH) ?? direct[0] ?? named[0];
}

/** One speaker, optionally on one topic and between two days (inclusive, YYYY-MM-DD). */
export interface SpeakerRequest {
  speaker: string;
  about?: string;
  since?: string;
  until?: string;
}

/** The topic keys `about` asks for (all must match), or undefined when no topic is asked for. */
function aboutKeys(about: string | undefined): string[] | undefined {
  const keys = about ? topicQuery(about) : undefined;
  if (about && keys?.length === 0) {
    throw new QueryError(`topic "${about}" has no words to match on; name a place, person or issue`);
  }
  return keys;
}

/** The speaker's statements on the request's dates and topic, in timeline order, each story once. */
export async function timeline(store: Store, request: SpeakerRequest): Promise<StatementView[]> {
  const key = String((await findSpeaker(store, request.speaker)).id);
  return speakerStatements(store, key, {
    since: request.since,
    until: request.until,
    topicKeys: aboutKeys(request.about),
  });
}

export interface MixedRequest extends SpeakerRequest {
  limit: number;
  /** A language-model server to judge pairs with; the built-in judge when absent. */
  llm?: LlmConfig;
}

/** Pairs of the speaker's statements that contradict or walk back one another, with the evidence. */
export async function mixed(store: Store, request: MixedRequest): Promise<SpeakerMixed> {
  const topicKeys = aboutKeys(request.about);
  const key = String((await findSpeaker(store, request.speaker)).id);
  return speakerMixed(store, key, {
    since: request.since,
    until: request.until,
    topicKeys,
    about: request.about,
    limit: request.limit,
    llm: request.llm,
  });
}

/** Pairs a digest lists at most. */
const DIGEST_PAIRS = 50;

/** What a digest reports (analysis/digest.ts renders it as Markdown or HTML). */
export async function digest(
  store: Store,
  request: SpeakerRequest & { about: string; llm?: LlmConfig },
): Promise<DigestInput> {
  const statements = await timeline(store, request);
  const { pairs } = await mixed(store, { ...request, limit: DIGEST_PAIRS });
  return {
    speaker: request.speaker,
    about: request.about,
    since: request.since,
    until: request.until,
    statements,
    mixed: pairs,
  };
}
