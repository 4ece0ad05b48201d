/**
 * One job = one article record, or a batch of them, as the ingest reader produced them (text or extracted
 * HTML body plus metadata). Each record travels as a JSON string inside the job's jsonb: PostgreSQL's jsonb
 * refuses the NUL character in strings, and an article's text must reach the worker exactly as read
 * (offsets index into it), so the string keeps every character escaped.
 */
import type { RawArticle } from "../core/article.ts";
import { formatSize, tooLarge } from "../ingest/options.ts";

export interface ArticleJobData {
  /**
   * Where the record came from ("dump.jsonl:12"), readable in the queue without parsing `record`; for a
   * batch, its first and last records and their number.
   */
  origin: string;
  /** JSON of the RawArticle (a job of one article). */
  record?: string;
  /** JSON of each RawArticle, and where each came from (a job of several). */
  records?: string[];
  origins?: string[];
}

/**
 * Articles per job by default: a batch is written in one transaction and costs one fetch and one
 * completion, where one job per article made the queue and the commits most of PostgreSQL's work
 * (docs/queue.md, figures). Few enough that a batch is analysed in seconds and a retried one redoes little.
 */
export const DEFAULT_ARTICLES_PER_JOB = 25;

/** Largest batch job, in bytes of its records' JSON: a batch closes early rather than pass it. */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** The job of several records (each from jobDataOf); a job of one is that record's own. */
export function batchJobData(jobs: readonly ArticleJobData[]): ArticleJobData {
  if (jobs.length === 1) return jobs[0] as ArticleJobData;
  const first = jobs[0]?.origin ?? "";
  const last = jobs.at(-1)?.origin ?? "";
  return {
    origin: `${first} … ${last} (${jobs.length} articles)`,
    records: jobs.map((job) => job.record ?? ""),
    origins: jobs.map((job) => job.origin),
  };
}

/** One record of a job: its article, or why it is not one (named by the record's origin). */
export type JobRecord = { origin: string; article: RawArticle } | { origin: string; error: Error };

/**
 * The records a job carries, each checked on its own: in a batch, a bad record is a failure of that
 * record, named by its origin, and the others are processed. A job with no record at all throws.
 */
export function recordsOfJob(data: unknown): JobRecord[] {
  const job = data as Partial<ArticleJobData> | null;
  if (!Array.isArray(job?.records)) {
    const origin = typeof job?.origin === "string" ? job.origin : "job";
    return [{ origin, article: articleOfJob(data) }];
  }
  return job.records.map((record, i) => {
    const origin = typeof job.origins?.[i] === "string" ? job.origins[i] : `record ${i + 1} of the job`;
    try {
      return { origin, article: articleOfJob({ record }) };
    } catch (error) {
      return { origin, error: error as Error };
    }
  });
}

/**
 * Largest record put in a job, in bytes of its JSON. News articles are a few to a few hundred KB; the
 * queue's rows are read and rewritten on every state change, so megabyte jobs would slow every worker.
 */
export const DEFAULT_MAX_JOB_BYTES = 1024 * 1024;

const FORMATS: ReadonlySet<string> = new Set(["text", "html", "jsonl", "csv"]);
const OPTIONAL_FIELDS = ["title", "url", "outlet", "byline", "published"] as const;

/** The job data for a record, or a one-line reason it cannot be one (too large for a job). */
export function jobDataOf(
  article: RawArticle,
  maxBytes = DEFAULT_MAX_JOB_BYTES,
): { ok: true; data: ArticleJobData } | { ok: false; reason: string } {
  const record = JSON.stringify(article);
  const bytes = Buffer.byteLength(record);
  if (bytes > maxBytes)
    return { ok: false, reason: `${tooLarge(bytes, maxBytes, "record")} for a queue job` };
  return { ok: true, data: { origin: article.origin, record } };
}

/**
 * The article a job carries. Jobs come from a shared database that anything can write to, so the shape
 * is checked: a bad job fails with a reason naming it and goes to the dead-letter queue after its retries.
 */
export function articleOfJob(data: unknown): RawArticle {
  const record = (data as Partial<ArticleJobData> | null)?.record;
  if (typeof record !== "string") throw new Error("not an article job: no record string in its data");
  let parsed: unknown;
  try {
    parsed = JSON.parse(record);
  } catch (error) {
    throw new Error(`not an article job: its record is not JSON (${formatSize(record.length)})`, {
      cause: error,
    });
  }
  return checkedArticle(parsed);
}

function checkedArticle(value: unknown): RawArticle {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("not an article record: expected a JSON object");
  }
  const record = value as Record<string, unknown>;
  if (typeof record.origin !== "string") throw new Error("not an article record: origin is not a string");
  if (typeof record.text !== "string") throw new Error("not an article record: text is not a string");
  if (typeof record.format !== "string" || !FORMATS.has(record.format)) {
    throw new Error(`not an article record: unknown format ${JSON.stringify(record.format)}`);
  }
  for (const field of OPTIONAL_FIELDS) {
    if (record[field] !== undefined && typeof record[field] !== "string") {
      throw new Error(`not an article record: ${field} is not a string`);
    }
  }
  return record as unknown as RawArticle;
}
