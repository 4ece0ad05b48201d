/**
 * An article's provenance in the record (src/core/provenance.ts): the page by hash, the extracted text
 * (`raw_text`), the cleaned text (`text`) and the maps between them, written with the article and read
 * back whole by `Store.articleTexts`. Record queries (sql.ts), so both backends run the same code.
 */
import type { KeptSegment, TextMap } from "../core/offset-map.ts";
import { type ArticleTexts, type PageRef, pageNote } from "../core/provenance.ts";
import { get, type Query } from "./sql.ts";
import type { ProcessedArticle } from "./types.ts";

/**
 * SQLite migration 10 and PostgreSQL migration 2 (never edit: append a step). Articles stored before keep
 * NULL: their pages were not seen by the record.
 */
export const PAGE_PROVENANCE_SQL = `
  ALTER TABLE articles ADD COLUMN page_sha256 TEXT;
  ALTER TABLE articles ADD COLUMN page_length INTEGER;
  -- JSON {segments, rawLength}: extracted text → page; NULL when no map is kept (HTML, dumps).
  ALTER TABLE articles ADD COLUMN extracted_to_page TEXT;
`;

/** The page columns of an article (page_sha256, page_length, extracted_to_page), written with its row. */
export function pageValues(article: ProcessedArticle): [string | null, number | null, string | null] {
  const page = article.page ?? null;
  const map = article.extractedToPage ?? null;
  return [page?.sha256 ?? null, page?.length ?? null, map ? JSON.stringify(map) : null];
}

interface TextsRow {
  id: string;
  format: string;
  origin: string;
  raw_text: string;
  text: string;
  offset_map: string;
  page_sha256: string | null;
  page_length: number | string | null;
  extracted_to_page: string | null;
}

/** An article's texts and maps, or undefined when the id is not stored. */
export function* readArticleTexts(id: string): Query<ArticleTexts | undefined> {
  const row = yield* get<TextsRow>(
    `SELECT id, format, origin, raw_text, text, offset_map, page_sha256, page_length, extracted_to_page
     FROM articles WHERE id = ?`,
    id,
  );
  if (!row) return undefined;
  const page: PageRef | null =
    row.page_sha256 === null ? null : { sha256: row.page_sha256, length: Number(row.page_length) };
  const extractedToPage =
    row.extracted_to_page === null ? null : (JSON.parse(row.extracted_to_page) as TextMap);
  return {
    id: row.id,
    format: row.format,
    origin: row.origin,
    page,
    // A map that is the identity onto a page of the same length means the page is the extracted text.
    pageText: isIdentity(extractedToPage, row.raw_text.length) ? row.raw_text : null,
    extracted: row.raw_text,
    cleaned: row.text,
    cleanedToExtracted: cleanerMap(row),
    extractedToPage,
    pageNote: pageNote(row.format, extractedToPage, page),
  };
}

/** The cleaner's map as stored: its segments (the extracted text's length completes it). */
function cleanerMap(row: TextsRow): TextMap | null {
  const stored = JSON.parse(row.offset_map) as { segments?: KeptSegment[] } | null;
  // Early records wrote "{}" for an article without a map.
  return Array.isArray(stored?.segments)
    ? { segments: stored.segments, rawLength: row.raw_text.length }
    : null;
}

function isIdentity(map: TextMap | null, length: number): boolean {
  if (!map || map.rawLength !== length) return false;
  if (length === 0) return map.segments.length === 0;
  const [only] = map.segments;
  return map.segments.length === 1 && only?.cleanStart === 0 && only.rawStart === 0 && only.length === length;
}
