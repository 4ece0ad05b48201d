/**
 * Bounds on markup before it reaches the DOM parser and Readability. Readability's cost grows about
 * with the cube of nesting depth (2,000 nested divs took 66 s) and the recursive walks over the tree
 * overflow the stack near 10,000 levels, so a page past either bound is not parsed at all: its tags
 * are stripped in one linear pass (block tags become paragraph breaks) and the article is stored
 * from that flat text, with a warning. Real news pages nest a few dozen levels and hold a few
 * thousand elements, far inside both bounds.
 */

/** Deepest element nesting parsed as a DOM. */
export const MAX_HTML_DEPTH = 256;
/** Most elements parsed as a DOM. */
export const MAX_HTML_ELEMENTS = 100_000;
/**
 * Longest tag (name and attributes) given to the parser as written. Readability copies attributes
 * several times: one 8 MB attribute cost 800 MB of memory. A longer tag keeps its name and loses its
 * attributes (an inline image's data: URL, a tracking blob); no article text lives there.
 */
export const MAX_TAG_CHARS = 64 * 1024;

export interface BoundedHtml {
  /** The page as given, or (when flattened) its text with paragraphs separated by blank lines. */
  html: string;
  flattened: boolean;
  /** Why the page was flattened, for the warning. */
  reason?: string;
  /** Tags longer than MAX_TAG_CHARS whose attributes were dropped. */
  attributesDropped?: number;
}

/** A stretch of the page to replace before parsing: [start, end, replacement]. */
type Replacement = [number, number, string];

/**
 * Elements that never have content (no closing tag): htmlparser2's void elements (its isVoidElement is not
 * public), so this scan and the pre-pass (html-prepass.ts) agree with the parser on where elements end.
 */
export const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

/** Elements whose content is raw text up to their closing tag (never markup, never article text). */
const RAW_TEXT_TAGS = new Set([
  "script",
  "style",
  "textarea",
  "title",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
]);

/** Elements an HTML parser closes when the same element opens again (`<p>a<p>b`, `<li>a<li>b`). */
const SELF_CLOSING_SIBLINGS = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup"]);

/** Block elements: an open `<p>` ends where one of them starts; in flat text they separate paragraphs. */
const BLOCK_TAGS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tr",
  "ul",
]);

const TAG_NAME = /^<\/?([a-zA-Z][a-zA-Z0-9:-]*)/;

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Index just past the tag's ">". */
  end: number;
}

/** Reads the tag starting at `start` ("<"); null when it is not a tag (a stray "<" in text). */
function readTag(html: string, start: number): Tag | null {
  const match = TAG_NAME.exec(html.slice(start, start + 64));
  if (!match) return null;
  const name = (match[1] as string).toLowerCase();
  // Attribute values may hold ">"; skip quoted runs. Each character is looked at once.
  let quote = "";
  let i = start + match[0].length;
  for (; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") break;
  }
  if (i >= html.length) return { name, closing: match[0][1] === "/", selfClosing: false, end: html.length };
  return { name, closing: match[0][1] === "/", selfClosing: html[i - 1] === "/", end: i + 1 };
}

/** Where a comment, doctype or processing instruction starting at `start` ends; -1 if it is none. */
function skipMarkupDeclaration(html: string, start: number): number {
  const next = html[start + 1];
  if (next === "!" && html.startsWith("<!--", start)) {
    const end = html.indexOf("-->", start + 4);
    return end < 0 ? html.length : end + 3;
  }
  if (next === "!" || next === "?") {
    const end = html.indexOf(">", start);
    return end < 0 ? html.length : end + 1;
  }
  return -1;
}

/** Where the raw text of `<name>` (script, style…) ends, past its closing tag. */
function skipRawText(html: string, from: number, name: string): number {
  const lower = `</${name}`;
  // A case-insensitive search without lower-casing the whole page each time.
  const pattern = new RegExp(`</${name}[\\s>/]`, "ig");
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  if (!match) return html.length;
  const close = html.indexOf(">", match.index + lower.length);
  return close < 0 ? html.length : close + 1;
}

/**
 * Measures nesting depth and element count in one linear pass, modelling the few implied closes
 * an HTML parser applies (`<p>` before a block, repeated `<li>`), and stops as soon as a bound is
 * passed. The open-element stack never holds more than MAX_HTML_DEPTH + 1 names, so matching a
 * closing tag costs at most that many steps.
 */
export function htmlOverBound(html: string, oversized: Replacement[] = []): string | undefined {
  const stack: string[] = [];
  let elements = 0;
  let at = html.indexOf("<");
  while (at >= 0 && at < html.length) {
    const skipped = skipMarkupDeclaration(html, at);
    if (skipped >= 0) {
      at = html.indexOf("<", skipped);
      continue;
    }
    const tag = readTag(html, at);
    if (!tag) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    let next = tag.end;
    if (tag.end - at > MAX_TAG_CHARS) {
      oversized.push([
        at,
        tag.end,
        tag.closing ? `</${tag.name}>` : `<${tag.name}${tag.selfClosing ? " /" : ""}>`,
      ]);
    }
    if (tag.closing) {
      const index = stack.lastIndexOf(tag.name);
      if (index >= 0) stack.length = index;
    } else {
      elements++;
      if (elements > MAX_HTML_ELEMENTS) return `more than ${MAX_HTML_ELEMENTS.toLocaleString("en")} elements`;
      const top = stack[stack.length - 1];
      if (top === "p" && BLOCK_TAGS.has(tag.name)) stack.pop();
      else if (top === tag.name && SELF_CLOSING_SIBLINGS.has(tag.name)) stack.pop();
      if (RAW_TEXT_TAGS.has(tag.name) && !tag.selfClosing) next = skipRawText(html, next, tag.name);
      else if (!VOID_ELEMENTS.has(tag.name) && !tag.selfClosing) {
        stack.push(tag.name);
        if (stack.length > MAX_HTML_DEPTH) return `elements nested more than ${MAX_HTML_DEPTH} deep`;
      }
    }
    at = html.indexOf("<", next);
  }
  return undefined;
}

/** Skipped wholesale in flat text, as the DOM path skips them. */
const SKIPPED_CONTENT_TAGS = new Set([...RAW_TEXT_TAGS, "head", "svg", "math", "template", "noscript"]);

/**
 * The text of a page in one linear pass: tags removed, block tags turned into paragraph breaks,
 * script/style/head content dropped, common entities decoded, whitespace collapsed.
 */
export function flattenHtml(html: string): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const paragraph = decodeEntities(current.join(""))
      .replace(/[ \t\f\r\n\u00a0\u200b]+/g, " ")
      .trim();
    if (paragraph) paragraphs.push(paragraph);
    current = [];
  };
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    if (lt < 0) {
      current.push(html.slice(at));
      break;
    }
    current.push(html.slice(at, lt));
    const skipped = skipMarkupDeclaration(html, lt);
    if (skipped >= 0) {
      at = skipped;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      current.push("<");
      at = lt + 1;
      continue;
    }
    at = tag.end;
    if (BLOCK_TAGS.has(tag.name)) flush();
    else if (tag.name === "td" || tag.name === "th") current.push(" ");
    if (!tag.closing && !tag.selfClosing && SKIPPED_CONTENT_TAGS.has(tag.name)) {
      at = skipRawText(html, at, tag.name);
    }
  }
  flush();
  return paragraphs.join("\n\n");
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  mdash: "\u2014",
  ndash: "\u2013",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  hellip: "\u2026",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (entity, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/**
 * The page to hand to the DOM parser: unchanged when inside the bounds, its flat text otherwise.
 * Every HTML path (files, dump records, stdin) goes through readPage, which calls this.
 */
export function boundHtml(html: string): BoundedHtml {
  const oversized: Replacement[] = [];
  const reason = htmlOverBound(html, oversized);
  if (reason) return { html: flattenHtml(html), flattened: true, reason };
  if (oversized.length === 0) return { html, flattened: false };
  const parts: string[] = [];
  let from = 0;
  for (const [start, end, replacement] of oversized) {
    parts.push(html.slice(from, start), replacement);
    from = end;
  }
  parts.push(html.slice(from));
  return { html: parts.join(""), flattened: false, attributesDropped: oversized.length };
}
