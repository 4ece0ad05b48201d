/**
 * Article URLs come from anyone's dumps and pages and end up as links in reports. Only web addresses
 * are kept: `javascript:`, `data:`, `vbscript:` or `file:` in a record's url field would otherwise
 * become a link that runs code or reads files when the report is opened.
 */

/** The URL in canonical form when it is an absolute http(s) address; undefined otherwise. */
export function webUrl(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  // WHATWG parsing strips tabs and newlines inside the scheme ("java\tscript:"); checking the parsed
  // protocol, not the text, is what makes this sound.
  try {
    const url = new URL(trimmed);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
