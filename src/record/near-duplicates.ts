import type { StatementView } from "../core/statement.ts";
import { all, dialect, type Query, run } from "./sql.ts";

/**
 * The same story everywhere: a wire story run by twenty outlets is stored as twenty articles, linked here
 * to one story (the first of them stored) so that its statements count once. Near-duplicates are found
 * by MinHash over 4-word shingles: 64 minimum hashes estimate the Jaccard similarity of two articles'
 * shingle sets, and 16 bands of 4 hashes (locality-sensitive hashing) find the candidates, so a new
 * article is compared with a handful of stored ones, not all of them. SimHash was tried first: on
 * articles of a few hundred words, one added line already moves it past the usual 3-bit threshold.
 */
export const STORIES_SQL = `
  CREATE TABLE article_stories (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,                 -- the first stored article of its near-duplicate group
    minhash BLOB NOT NULL                   -- 64 unsigned 32-bit minimum hashes, little-endian
  ) STRICT;
  CREATE INDEX article_stories_by_story ON article_stories(story_id);
  CREATE TABLE story_bands (
    band_key INTEGER NOT NULL,              -- band number and the hash of its 4 values
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX story_bands_by_key ON story_bands(band_key);
`;

/**
 * SQL that counts statements with one wire story counted once: a statement in a later copy of a story
 * counts only when the story's first article has no statement of the same content. Most statements are in
 * an article of their own (or the first copy) and cost one comparison. Needs `STORY_JOIN` beside `s`.
 */
export const STATEMENT_ONCE = `sum(CASE WHEN s.id IS NULL THEN 0 WHEN st.story_id IS NULL OR st.story_id = s.article_id THEN 1
  WHEN EXISTS (SELECT 1 FROM statements o WHERE o.article_id = st.story_id AND o.content = s.content) THEN 0
  ELSE 1 END)`;
export const STORY_JOIN = "LEFT JOIN article_stories st ON st.article_id = s.article_id";

const SHINGLE_WORDS = 4;
const HASHES = 64;
const ROWS_PER_BAND = 4;
/**
 * Estimated Jaccard similarity of shingle sets from which two articles are one story. Copies of a wire
 * story differ by a dateline, a credit or a trimmed paragraph (0.8-0.95); two articles on the same event
 * written apart share few 4-word shingles (under 0.2).
 */
export const MIN_SIMILARITY = 0.7;
/** Below this many words, unrelated short texts look alike; such articles stand alone. */
const MIN_WORDS = 40;

const SEEDS = Array.from({ length: HASHES }, (_, i) => mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));

/** The MinHash signature of the text's word 4-shingles, or null when the text is too short. */
export function minHash(text: string): Uint32Array | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    const base = fnv1a(words.slice(i, i + SHINGLE_WORDS).join(" "));
    for (let k = 0; k < HASHES; k++) {
      const value = mix32(base ^ (SEEDS[k] as number));
      if (value < (signature[k] as number)) signature[k] = value;
    }
  }
  return signature;
}

/** The share of equal minimum hashes: an unbiased estimate of the Jaccard similarity. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** murmur3's finaliser: every input bit affects every output bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < HASHES / ROWS_PER_BAND; band++) {
    let h = 0x811c9dc5 ^ band;
    for (let r = 0; r < ROWS_PER_BAND; r++) h = mix32(h ^ (signature[band * ROWS_PER_BAND + r] as number));
    // Band number in the high bits keeps equal values in different bands apart; stays under 2^53.
    keys.push(band * 2 ** 32 + h);
  }
  return keys;
}

/** Links a just-stored article to the story of its most similar stored near-duplicate, or starts a story. */
export function* linkArticleStory(articleId: string, text: string): Query<string> {
  const signature = minHash(text);
  if (!signature) return articleId;
  const keys = bandKeys(signature);
  const candidates = yield* all<{ article_id: string; story_id: string; minhash: Buffer }>(
    {
      sqlite: `SELECT DISTINCT s.article_id, s.story_id, s.minhash FROM story_bands b
        JOIN article_stories s ON s.article_id = b.article_id
        WHERE b.band_key IN (SELECT value FROM json_each(?))`,
      postgres: `SELECT DISTINCT s.article_id, s.story_id, s.minhash FROM story_bands b
        JOIN article_stories s ON s.article_id = b.article_id
        WHERE b.band_key = ANY(?::bigint[]) ORDER BY s.article_id`,
    },
    (yield* dialect()) === "sqlite" ? JSON.stringify(keys) : keys,
  );
  let story = articleId;
  let best = MIN_SIMILARITY;
  for (const candidate of candidates) {
    if (candidate.article_id === articleId) continue;
    const stored = new Uint32Array(
      candidate.minhash.buffer.slice(candidate.minhash.byteOffset, candidate.minhash.byteOffset + HASHES * 4),
    );
    const score = similarity(signature, stored);
    if (score >= best) {
      best = score;
      story = candidate.story_id;
    }
  }
  const stored = yield* run(
    "INSERT OR IGNORE INTO article_stories (article_id, story_id, minhash) VALUES (?, ?, ?)",
    articleId,
    story,
    Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength),
  );
  // Linked before (a re-run, or another worker): its bands are stored already.
  if (stored === 0) return story;
  for (const key of keys)
    yield* run("INSERT INTO story_bands (band_key, article_id) VALUES (?, ?)", key, articleId);
  return story;
}

/** The story of each article (articles never fingerprinted are their own story). */
export function* storiesOfArticles(articleIds: readonly string[]): Query<Map<string, string>> {
  const ids = [...new Set(articleIds)];
  const rows = yield* all<{ article_id: string; story_id: string }>(
    {
      sqlite:
        "SELECT article_id, story_id FROM article_stories WHERE article_id IN (SELECT value FROM json_each(?))",
      postgres: "SELECT article_id, story_id FROM article_stories WHERE article_id = ANY(?::text[])",
    },
    (yield* dialect()) === "sqlite" ? JSON.stringify(ids) : ids,
  );
  return new Map(rows.map((row) => [row.article_id, row.story_id]));
}

/**
 * A statement repeated in near-duplicates of one story counts once: the first (in the given order) is
 * kept, and the outlets of the others are listed in its `alsoIn`.
 */
export function countOnce(views: readonly StatementView[], stories: Map<string, string>): StatementView[] {
  const kept = new Map<string, StatementView>();
  const result: StatementView[] = [];
  for (const view of views) {
    const story = stories.get(view.articleId) ?? view.articleId;
    const key = `${story}\u0000${view.speaker}\u0000${view.content.toLowerCase().replace(/\s+/g, " ").trim()}`;
    const first = kept.get(key);
    if (!first) {
      const copy = { ...view };
      kept.set(key, copy);
      result.push(copy);
    } else if (first.articleId !== view.articleId) {
      first.alsoIn = [...(first.alsoIn ?? []), view.outlet ?? view.url ?? view.articleId];
    }
  }
  return result;
}
