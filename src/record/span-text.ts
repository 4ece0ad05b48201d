import { sliceSpan } from "../core/span.ts";
/**
 * Cutting a stored span out of its article's text. Spans count UTF-16 code units (JavaScript string
 * indices), while SQLite's substr() counts code points, so any character outside the Basic Multilingual
 * Plane (an emoji, a rare CJK ideograph, a mathematical letter) before a span would shift an SQL slice.
 * Every span is therefore sliced here, in TypeScript, never in SQL.
 */

/** The text of `[start, end)` in `text`, or null when the span is missing or does not fit the text. */
export function spanText(text: string, start: number | null, end: number | null): string | null {
  if (start === null || end === null || start < 0 || end < start || end > text.length) return null;
  return sliceSpan(text, { start, end });
}
