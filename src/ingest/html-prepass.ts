import { Readability } from "@mozilla/readability";
import { Parser } from "htmlparser2";
import { VOID_ELEMENTS } from "./html-bounds.ts";
import { reworkedByPrune } from "./html-prune.ts";

/**
 * One streaming pass over a page before any DOM is built. Most of a news page's markup can never be
 * article text: scripts, styles, comments, <noscript>, <link>, hidden elements. Building linkedom
 * nodes for them, and walking them in Readability, was most of extraction's cost (and most of its
 * garbage), so this pass cuts them out of the HTML string and, on the way, reads every fact the
 * metadata needs (so no DOM query looks for them afterwards).
 *
 * It uses htmlparser2, the parser linkedom itself runs, so its idea of where an element ends (implied
 * closes included) is linkedom's. A dropped element is cut from the '<' of its start tag to the start
 * of the first token after it; the rest of the page is kept byte for byte, so text, entities and
 * offsets in what remains are as written. Only what Readability would itself remove before it scores
 * anything is dropped, so its choice of article is the same (see test/extraction.test.ts and the A/B in
 * bench/extraction-speed.ts).
 */

/** A `<meta>` element's attributes, as written (names not lower-cased, as linkedom keeps them). */
export type MetaAttributes = Readonly<Record<string, string>>;

/** What the metadata reader needs from a page, in document order, read wherever it sits. */
export interface PageFacts {
  /** The text of the first `<title>` element. */
  title?: string;
  /** Every `<meta>` element's attributes. */
  metas: MetaAttributes[];
  /** href of the first `<link rel="canonical">` (undefined when that element has none). */
  canonical?: string;
  /** datetime of the first `<time datetime>`. */
  time?: string;
  /** The text of every `<script type="application/ld+json">`. */
  jsonLd: string[];
}

/** Dropped with everything inside them: Readability removes them before it scores anything. */
const DROPPED_TAGS = new Set(["script", "style", "noscript"]);

/**
 * Attributes read by Readability, by html-prune.ts or by this pass; linkedom makes a node of every
 * attribute, and most of a page's attributes (data-*, on*, tracking) are read by nothing.
 */
const READ_ATTRIBUTES = new Set([
  "class",
  "id",
  "style",
  "hidden",
  "aria-hidden",
  "aria-modal",
  "role",
  "itemprop",
  "rel",
  "href",
  "src",
  "srcset",
  "poster",
  "lang",
  "dir",
  "type",
  "name",
  "property",
  "content",
  "datetime",
  "colspan",
  "rowspan",
  "datatable",
  "summary",
  "width",
  "height",
]);

/** Elements whose every attribute Readability may read (lazy images, video embeds): kept as written. */
const ALL_ATTRIBUTES_READ = new Set([
  "img",
  "picture",
  "source",
  "figure",
  "object",
  "embed",
  "iframe",
  "video",
  "audio",
  "noscript",
]);

/** A start tag with only the attributes something reads, values escaped as the parser will decode them. */
function thinnedTag(name: string, attributes: Record<string, string>, selfClosing: boolean): string {
  let tag = `<${name}`;
  for (const key in attributes) {
    if (!READ_ATTRIBUTES.has(key)) continue;
    const value = attributes[key] as string;
    tag += ` ${key}="${value.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`;
  }
  return `${tag}${selfClosing ? "/>" : ">"}`;
}

/** Whether some attribute would be thinned away (so the tag is worth rewriting). */
function hasUnreadAttribute(attributes: Record<string, string>): boolean {
  for (const key in attributes) if (!READ_ATTRIBUTES.has(key)) return true;
  return false;
}

const JSON_LD = "application/ld+json";

/** The last value `name` gets in a style attribute, split as linkedom's CSSStyleDeclaration splits it. */
function styleValue(style: string, name: string): string | undefined {
  let value: string | undefined;
  for (const rule of style.split(/\s*;\s*/)) {
    const colon = rule.indexOf(":");
    if (colon < 0) continue;
    const key = rule.slice(0, colon).trim();
    const found = rule.slice(colon + 1).trim();
    if (key === name && found) value = found;
  }
  return value;
}

/**
 * Readability's `_isProbablyVisible` and its aria-modal dialog test, on attributes: an element either
 * fails is removed with its content in Readability's first walk over the page, before any scoring.
 */
function hiddenByAttributes(attributes: Record<string, string>): boolean {
  if ("hidden" in attributes) return true;
  if (attributes["aria-hidden"] === "true" && !(attributes.class ?? "").includes("fallback-image")) {
    return true;
  }
  if (attributes["aria-modal"] === "true" && attributes.role === "dialog") return true;
  const style = attributes.style;
  if (style && /display|visibility/.test(style)) {
    if (styleValue(style, "display") === "none" || styleValue(style, "visibility") === "hidden") return true;
  }
  return false;
}

/** The root elements stay whatever they say: dropping one would leave Readability no page. */
const NEVER_DROPPED = new Set(["html", "head", "body"]);

/** Readability's own patterns, read from the library so that they stay its patterns. */
const READABILITY = (
  Readability as unknown as {
    prototype: {
      REGEXPS: { unlikelyCandidates: RegExp; okMaybeItsACandidate: RegExp; byline: RegExp };
      UNLIKELY_ROLES: string[];
    };
  }
).prototype;

/** How far up Readability looks for a table or code ancestor that protects an unlikely candidate. */
const ANCESTORS_LOOKED_AT = 4;

/**
 * Whether Readability's first walk would remove the element as an unlikely candidate (by class, id or
 * role) when it reaches it. The element must also be one that walk reaches unchanged: not a link, not
 * a heading it compares with the title, not a byline, not in a table or code block.
 */
function unlikelyCandidate(name: string, attributes: Record<string, string>, ancestors: string[]): boolean {
  if (name === "a" || name === "h1" || name === "h2") return false;
  const match = `${attributes.class ?? ""} ${attributes.id ?? ""}`;
  const byClass =
    READABILITY.REGEXPS.unlikelyCandidates.test(match) &&
    !READABILITY.REGEXPS.okMaybeItsACandidate.test(match);
  const byRole = attributes.role !== undefined && READABILITY.UNLIKELY_ROLES.includes(attributes.role);
  if (!byClass && !byRole) return false;
  if (attributes.rel === "author" || attributes.itemprop?.includes("author")) return false;
  if (READABILITY.REGEXPS.byline.test(match)) return false;
  for (let i = ancestors.length - 1; i >= Math.max(0, ancestors.length - ANCESTORS_LOOKED_AT); i--) {
    if (ancestors[i] === "table" || ancestors[i] === "code") return false;
  }
  return true;
}

/**
 * Elements whose text never reaches our output (Readability cleans footers out of the article, and
 * html-prune.ts navigation, asides and figures), left out of the reduced page with the unlikely candidates.
 */
const LEFT_OUT_OF_FIRST_ATTEMPT = new Set(["nav", "aside", "footer", "svg"]);

/** A stretch of the page to leave out: [start, end), with what stands in its place. */
interface Cut {
  start: number;
  end: number;
  replacement: string;
  /** An unlikely candidate's cut: only in the reduced page. */
  unlikely: boolean;
}

/** The page without the cuts (without the unlikely ones unless `unlikely`). */
function assemble(html: string, cuts: Cut[], unlikely: boolean): string {
  const parts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    // Cuts nest (an element inside a dropped one) but never overlap otherwise.
    if (cut.start < from || (cut.unlikely && !unlikely)) continue;
    parts.push(html.slice(from, cut.start));
    const last = html.charCodeAt(cut.start - 1);
    if (cut.replacement) parts.push(cut.replacement);
    // Two kept stretches must not join into a token neither held ("&am" + "p;", "<" + "p>").
    else if (cut.start > 0 && last !== 62 /* > */ && last > 32) parts.push("<!---->");
    from = cut.end;
  }
  parts.push(html.slice(from));
  return parts.join("");
}

export interface Prepassed {
  /** The page without what Readability removes before it looks at anything (always safe to parse). */
  html: string;
  /**
   * The page without, in addition, the unlikely candidates Readability's first walk removes; undefined
   * when there are none. Readability's first attempt on it is its first attempt on `html`; when that
   * attempt fails and Readability would retry with the candidates back, use `html` instead.
   */
  reduced?: string;
  facts: PageFacts;
}

/** Reads the metadata facts and finds what can never be article text, in one pass over `html`. */
export function prepassHtml(html: string): Prepassed {
  const facts: PageFacts = { metas: [], jsonLd: [] };
  let canonicalSeen = false;
  let titleSeen = false;
  const cuts: Cut[] = [];
  /** Open (non-void) elements, outermost first. */
  const open: string[] = [];
  /** Depth outside the element being dropped (-1: none) and where it started. */
  let dropDepth = -1;
  let dropStart = 0;
  /** Open unlikely candidates; one holding an embed or a pop-up is blocked (html-prune reworks those). */
  const candidates: { depth: number; start: number; blocked: boolean }[] = [];
  /** A dropped element that has closed: its cut ends where the next token starts. */
  let pending: { start: number; unlikely: boolean } | undefined;
  /** Depth of <head> while inside it, of the outermost <svg>/<math> while inside one (-1: outside). */
  let headDepth = -1;
  let foreignDepth = -1;
  /** Where the last implied close happened: a start tag that closed other elements is kept. */
  let impliedCloseAt = -1;
  /** Text being gathered for the first <title> or an ld+json script, and that element's depth. */
  let gathering: { kind: "title" | "jsonLd"; depth: number; parts: string[] } | undefined;

  const settle = (tokenStart: number) => {
    if (!pending) return;
    cuts.push({ start: pending.start, end: tokenStart, replacement: "", unlikely: pending.unlikely });
    pending = undefined;
  };
  const readFacts = (name: string, attributes: Record<string, string>) => {
    if (name === "meta") facts.metas.push(attributes);
    else if (name === "link" && !canonicalSeen && attributes.rel === "canonical") {
      canonicalSeen = true;
      facts.canonical = attributes.href;
    } else if (name === "time" && facts.time === undefined && "datetime" in attributes) {
      facts.time = attributes.datetime;
    }
  };

  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const start = parser.startIndex;
        settle(start);
        readFacts(name, attributes);
        const isVoid = VOID_ELEMENTS.has(name);
        if (dropDepth < 0 && impliedCloseAt !== start && !NEVER_DROPPED.has(name)) {
          const jsonLd = name === "script" && attributes.type === JSON_LD;
          const headLink = name === "link" && headDepth >= 0;
          if ((DROPPED_TAGS.has(name) && !jsonLd) || headLink || hiddenByAttributes(attributes)) {
            if (isVoid) {
              cuts.push({ start, end: parser.endIndex + 1, replacement: "", unlikely: false });
              return;
            }
            dropDepth = open.length;
            dropStart = start;
          } else {
            if (reworkedByPrune(name, attributes))
              for (const candidate of candidates) candidate.blocked = true;
            else if (
              !isVoid &&
              headDepth < 0 &&
              foreignDepth < 0 &&
              (LEFT_OUT_OF_FIRST_ATTEMPT.has(name) || unlikelyCandidate(name, attributes, open))
            ) {
              candidates.push({ depth: open.length, start, blocked: false });
            }
            if (
              !ALL_ATTRIBUTES_READ.has(name) &&
              html.charCodeAt(start) === 60 /* < */ &&
              hasUnreadAttribute(attributes)
            ) {
              const end = parser.endIndex + 1;
              const selfClosing = html.charCodeAt(end - 2) === 47; /* / */
              cuts.push({
                start,
                end,
                replacement: thinnedTag(name, attributes, selfClosing),
                unlikely: false,
              });
            }
          }
        }
        if (isVoid) return;
        open.push(name);
        if (name === "head" && headDepth < 0) headDepth = open.length;
        if ((name === "svg" || name === "math") && foreignDepth < 0) foreignDepth = open.length;
        if (gathering) return;
        if (name === "title" && !titleSeen) {
          titleSeen = true;
          gathering = { kind: "title", depth: open.length, parts: [] };
        } else if (name === "script" && attributes.type === JSON_LD) {
          gathering = { kind: "jsonLd", depth: open.length, parts: [] };
        }
      },
      onclosetag(name, isImplied) {
        if (isImplied) impliedCloseAt = parser.startIndex;
        // htmlparser2 reports a void element's close right after its start tag; it was never open.
        if (VOID_ELEMENTS.has(name)) return;
        settle(parser.startIndex);
        const depth = open.length;
        if (gathering?.depth === depth) {
          const text = gathering.parts.join("");
          if (gathering.kind === "title") facts.title = text;
          else facts.jsonLd.push(text);
          gathering = undefined;
        }
        if (depth === headDepth) headDepth = -1;
        if (depth === foreignDepth) foreignDepth = -1;
        open.pop();
        if (open.length === dropDepth) {
          dropDepth = -1;
          pending = { start: dropStart, unlikely: false };
        } else if (candidates.at(-1)?.depth === open.length) {
          const candidate = candidates.pop() as (typeof candidates)[number];
          if (!candidate.blocked) pending = { start: candidate.start, unlikely: true };
        }
      },
      ontext(text) {
        settle(parser.startIndex);
        gathering?.parts.push(text);
      },
      oncomment() {
        settle(parser.startIndex);
        // Emptied, not removed: a comment node ends a run of inline content for Readability.
        if (dropDepth < 0) {
          cuts.push({
            start: parser.startIndex,
            end: parser.endIndex + 1,
            replacement: "<!---->",
            unlikely: false,
          });
        }
      },
      onprocessinginstruction() {
        settle(parser.startIndex);
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true },
  );
  parser.end(html);
  settle(html.length);
  cuts.sort((a, b) => a.start - b.start || b.end - a.end);
  const page = assemble(html, cuts, false);
  const reduced = cuts.some((cut) => cut.unlikely) ? assemble(html, cuts, true) : undefined;
  return reduced === undefined ? { html: page, facts } : { html: page, reduced, facts };
}
