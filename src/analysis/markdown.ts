/**
 * Markdown from stored text. Quotes and outlets come from anyone's pages: raw HTML in them would be
 * rendered by most Markdown viewers (`<img onerror=…>`), and `[x](javascript:…)` would become a link,
 * so every stored string is escaped to show as the characters it is.
 */

/** Backslash-escapes Markdown syntax and turns HTML's special characters into entities. */
export function markdownText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, " ");
}

/** A link to a URL already checked to be http(s); brackets and spaces are percent-encoded. */
export function markdownLink(label: string, url: string): string {
  const target = url.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${markdownText(label)}](${target})`;
}
