import { normalizeDate } from "../core/dates.ts";

/**
 * The small metadata header a plain-text article may start with:
 *
 *   Title: ...
 *   Outlet: ...
 *   Date: 2018-07-24
 *   URL: https://...
 *   Byline: ...
 *   <blank line>
 *
 * Only these five keys (any case) count, only at the very start of the file, and only when a blank
 * line ends them. Articles themselves can open like a header ("BYLINE: Jane Doe." on its own line,
 * then a blank line, is how some wire copy starts), so a header also needs at least two of these
 * lines, a Date that parses as a date and a URL that looks like one.
 */

export type HeaderKey = "title" | "outlet" | "date" | "url" | "byline";

export interface TextHeader {
  fields: Partial<Record<HeaderKey, string>>;
  /** Offset just past the header lines and the blank lines after them: where the body begins. */
  bodyStart: number;
}

const HEADER_LINE = /^(title|outlet|date|url|byline)[ \t]*:[ \t]*(.*?)[ \t]*\r?$/i;
const BLANK_LINE = /^[ \t]*\r?$/;
const BYTE_ORDER_MARK = "\uFEFF";
const MIN_HEADER_LINES = 2;
const URL_LIKE = /^(?:https?:\/\/)?[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?$/i;

export function parseHeader(text: string): TextHeader | null {
  const fields: Partial<Record<HeaderKey, string>> = {};
  let position = text.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
  let headerLines = 0;
  while (position < text.length) {
    const newline = text.indexOf("\n", position);
    // A header line must end with a newline: a blank line still has to follow it.
    if (newline < 0) return null;
    const line = text.slice(position, newline);
    if (BLANK_LINE.test(line)) break;
    const match = HEADER_LINE.exec(line);
    if (!match) return null;
    const key = (match[1] as string).toLowerCase() as HeaderKey;
    const value = match[2] as string;
    if (key === "date" && value && normalizeDate(value) === undefined) return null;
    if (key === "url" && value && !URL_LIKE.test(value)) return null;
    if (value && fields[key] === undefined) fields[key] = value;
    headerLines++;
    position = newline + 1;
  }
  if (headerLines < MIN_HEADER_LINES || position >= text.length) return null;
  // Swallow the blank line(s) that end the header, so the body starts at its first character.
  while (position < text.length) {
    const newline = text.indexOf("\n", position);
    const end = newline < 0 ? text.length : newline + 1;
    if (!BLANK_LINE.test(text.slice(position, newline < 0 ? text.length : newline))) break;
    position = end;
  }
  return { fields, bodyStart: position };
}
