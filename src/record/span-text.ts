/**
 * Cutting a stored span out of its article's text. Spans count UTF-16 code units (JavaScript string
 * indices), while SQLite's substr() counts code points, so any character outside the Basic Multilingual
 * Plane (an emoji, a rare CJK ideograph, a mathematical letter) before a span would shift an SQL slice.
 * Every span is therefore sliced here, in TypeScript, never in SQL.
 */
import type Database from "better-sqlite3";

/** The text of `[start, end)` in `text`, or null when the span is missing or does not fit the text. */
export function spanText(text: string, start: number | null, end: number | null): string | null {
  if (start === null || end === null || start < 0 || end < start || end > text.length) return null;
  return text.slice(start, end);
}

/**
 * Slices spans from articles' cleaned text, reading each article once per call (a speaker's thousands of
 * statements come from far fewer articles, and a query never pulls an article's text per row).
 */
export function cleanedTextSlicer(
  db: Database.Database,
): (articleId: string, start: number | null, end: number | null) => string | null {
  const read = db.prepare("SELECT text FROM articles WHERE id = ?").pluck();
  const texts = new Map<string, string>();
  return (articleId, start, end) => {
    if (start === null || end === null) return null;
    let text = texts.get(articleId);
    if (text === undefined) {
      text = (read.get(articleId) as string | undefined) ?? "";
      texts.set(articleId, text);
    }
    return spanText(text, start, end);
  };
}
