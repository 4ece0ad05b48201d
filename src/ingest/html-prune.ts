/**
 * Boilerplate pruning around Readability. Readability finds the article container well but keeps
 * what sits inside it: photo captions and credits, "Updated 9:41 AM" stamps, bylines, "Read more"
 * link lists, inline pop-up cards. Benchmark ground truth (and our attribution extractor) wants the
 * running text only. Every rule is about a kind of page furniture, never about one site.
 */

/** The part of the DOM the pruner uses; linkedom's elements provide it. */
export interface PrunableElement {
  tagName: string;
  textContent: string | null;
  parentElement: PrunableElement | null;
  children: ArrayLike<PrunableElement>;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  querySelectorAll(selector: string): ArrayLike<PrunableElement>;
  remove(): void;
  replaceWith(...nodes: string[]): void;
}

/**
 * Class/id words of inline pop-ups (a name's hover card, a tooltip). Their text is glued into the
 * sentence by text extraction ("Rep. Jane DoeJane DoeHeadline one ..."), so they go before anything else.
 */
const POPUP_WORDS = /(?:^|[\s_-])(?:tooltip|popover|hovercard|hover-card|rollover)(?:$|[\s_-])/i;

/** Embedded posts whose words the article quotes; Readability drops their "social-embed" wrappers. */
const EMBED_CLASSES = ["twitter-tweet", "instagram-media", "tiktok-embed"];
const EMBED_SELECTOR = EMBED_CLASSES.map((name) => `blockquote.${name}`).join(", ");

/** Elements inside the article container that are never running text. */
const FURNITURE_TAGS = "figure, figcaption, picture, aside, nav";

/**
 * Class/id words of furniture inside the article container. Matched as whole words of the
 * attribute (split on spaces, "-" and "_"), so "caption" matches "video-caption" but not
 * "captioned-player"; "ad" is not looked for at all (too many sites use it for unrelated things).
 */
const FURNITURE_WORDS = new Set([
  "caption",
  "captions",
  "credit",
  "credits",
  "byline",
  "dateline",
  "timestamp",
  "newsletter",
  "signup",
  "subscribe",
  "promo",
  "related",
  "recommended",
  "recirculation",
  "outbrain",
  "taboola",
  "share",
  "sharing",
  "breadcrumb",
  "breadcrumbs",
  "toolbar",
  // Pop-ups are not listed: prepareDocument has already dealt with them, keeping the links that open them.
  "author",
  "bio",
]);

/** Before Readability: drop pop-up cards; unmask embedded posts so Readability keeps them. */
export function prepareDocument(root: PrunableElement): void {
  for (const element of Array.from(root.querySelectorAll("[class], [id]"))) {
    if (isPopup(element)) dropPopup(element);
  }
  for (const embed of Array.from(root.querySelectorAll(EMBED_SELECTOR))) {
    // A post is mostly links (its URL, the author's handle, the date): unwrapped to plain text, so
    // Readability's link-density test does not throw it out.
    for (const link of Array.from(embed.querySelectorAll("a"))) link.replaceWith(link.textContent ?? "");
    // Wrappers that hold nothing but the embed lose their class/id, which Readability reads as
    // "social"/"media" furniture; the embedded words are what the article quotes.
    const embedText = normalized(embed.textContent);
    for (let parent = embed.parentElement; parent; parent = parent.parentElement) {
      if (normalized(parent.textContent) !== embedText) break;
      parent.removeAttribute("class");
      parent.removeAttribute("id");
    }
  }
}

/**
 * Whether prepareDocument reworks the element (a pop-up, an embedded post), so that the pre-pass
 * (html-prepass.ts) must leave whatever holds it to Readability.
 */
export function reworkedByPrune(name: string, attributes: Record<string, string>): boolean {
  if (POPUP_WORDS.test(`${attributes.class ?? ""} ${attributes.id ?? ""}`)) return true;
  if (name !== "blockquote" || !attributes.class) return false;
  const classes = attributes.class.split(/\s+/);
  return EMBED_CLASSES.some((name) => classes.includes(name));
}

const isPopup = (element: PrunableElement) =>
  POPUP_WORDS.test(`${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`);

/**
 * Removes a pop-up but keeps what the reader sees in the sentence: the link that opens it. Some sites
 * wrap the name's link and its card in one element named like a pop-up ("rollover-people" around
 * "rollover-people-link" and "rollover-people-block"); removing that wrapper whole would delete the name
 * from "Gov. [Jane Doe] (R) said". Such a wrapper starts with the link and holds a pop-up after it; a
 * card that merely starts with a link (the full name on the card) still goes whole.
 */
function dropPopup(element: PrunableElement): void {
  if (element.tagName === "A" && element.parentElement && isPopup(element.parentElement)) return;
  const [first, ...rest] = Array.from(element.children);
  if (first?.tagName === "A" && rest.some(isPopup)) {
    for (const card of rest) card.remove();
    return;
  }
  element.remove();
}

/** After Readability: remove furniture elements from the article container. */
export function pruneContent(content: PrunableElement): void {
  for (const element of Array.from(content.querySelectorAll(FURNITURE_TAGS))) element.remove();
  for (const element of Array.from(content.querySelectorAll("[class], [id]"))) {
    if (isFurniture(element)) element.remove();
  }
  for (const element of Array.from(content.querySelectorAll(LINK_BLOCKS))) {
    if (isLinkBlock(element)) element.remove();
  }
  for (const list of Array.from(content.querySelectorAll("ul, ol"))) {
    const items = Array.from(list.children).filter((child) => child.tagName === "LI");
    if (items.length >= MIN_LINK_LIST_ITEMS && items.every(isLinkBlock)) list.remove();
  }
}

/** Blocks tested for being nothing but a link: promos and "more stories" headings. */
const LINK_BLOCKS = "p, h2, h3, h4, h5, h6";

/**
 * A list goes when every item is a link: "more stories" lists. A single linked item is more
 * often the article's own pointer ("Get it at the store for $20" under a product review).
 */
const MIN_LINK_LIST_ITEMS = 2;

/**
 * A short block whose text is (nearly) all link text is a pointer to another page ("Five things to
 * watch", "CLICK HERE TO GET THE APP"), not part of this one. Long linked blocks are left alone,
 * and so are sentences with a link in them.
 */
const MAX_LINK_BLOCK_LENGTH = 200;
const MIN_LINK_SHARE = 0.9;

function isLinkBlock(element: PrunableElement): boolean {
  const text = normalized(element.textContent);
  if (!text || text.length > MAX_LINK_BLOCK_LENGTH) return false;
  let linked = 0;
  for (const link of Array.from(element.querySelectorAll("a"))) linked += normalized(link.textContent).length;
  return linked / text.length >= MIN_LINK_SHARE;
}

function isFurniture(element: PrunableElement): boolean {
  const words = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`
    .toLowerCase()
    .split(/[\s_-]+/);
  return words.some((word) => FURNITURE_WORDS.has(word));
}

function normalized(text: string | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/**
 * Paragraph-level furniture that carries no telling markup: time stamps, credits, "continue
 * reading" prompts. Only short paragraphs are tested, so prose that happens to start the same way
 * survives.
 */
const FURNITURE_PARAGRAPHS: readonly RegExp[] = [
  // Time stamps: "Updated Nov 19, 9:41 AM", "Published 1 day ago", "Updated at 1:23 p.m."
  /^(?:updated|published|posted|last updated|first published)\b.{0,80}\d.{0,40}$/i,
  // Bylines: "By Jane Doe", "By Jane Doe - 11/18/19 11:04 PM EST", "By Jane Doe and Sam Roe, Reuters"
  /^[Bb]y\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}(?:\s*(?:,|\||-|–|—|and)\s*[^.!?]{0,80})?$/u,
  /^(?:advertisement|advert|continue reading(?: below| the main story)?|story continues below(?: advertisement)?)$/i,
  /^(?:skip to (?:main )?content|sign in|log in|comments?|this slideshow requires javascript\.?)$/i,
  // Photo credits and captions: "Photo: Jane Doe, AP", "© Jane Doe", "(Image: GETTY)"
  /^(?:photo|image|credit|picture|source|video)\s*:\s*[^.!?]{0,100}$/i,
  /^(?:©|\(c\)\s|copyright\s)[^.!?]{0,100}$/i,
  /\((?:AP|AFP|Reuters|Getty)?\s*(?:Photo|Image)s?\s*\/[^)]{0,80}\)$/i,
  /\bgetty images\b[^.!?]{0,40}$/i,
  /\((?:image|photo|picture)s?\s*:[^)]{0,80}\)$/i,
  /^(?:image )?\d+ of (?:\/ )?\d+$/i,
  // Section labels of link lists and widgets: "You may also like...", "Related news", "DON'T MISS"
  /^(?:you may also like|related(?: news| stories| articles| content)?|latest news|breaking news|more|read more|don['’]?t miss|highlights|loading(?: content)?|caption|close|see more|trending(?: now)?|most read|most popular|recommended(?: for you)?)\W*$/i,
  // Pointers to other stories: "Related: ...", "SEE MORE: ...", "Also: ..."
  /^(?:related|see more|read more|see also|also read|also|more)\s*:\s*\S[^.!?]{0,120}[.!?]?$/i,

  /\bcookies?\b.{0,200}\b(?:accept|consent|opt[ -]out)\b/i,
];
const MAX_FURNITURE_PARAGRAPH = 160;

export function isFurnitureParagraph(paragraph: string): boolean {
  if (paragraph.length > MAX_FURNITURE_PARAGRAPH) return false;
  return isDateLine(paragraph) || FURNITURE_PARAGRAPHS.some((pattern) => pattern.test(paragraph));
}

/** Words a date line may hold besides numbers: months, weekdays, clock and zone words. */
const DATE_WORDS =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|at|on|am|pm|a\.m|p\.m|[ecmp][sd]t|utc|gmt|bst|cet)\b/gi;
const MAX_DATE_LINE = 60;

/** A paragraph that is only a date and time ("Nov. 20, 2019 6:02 AM EST") is a time stamp. */
function isDateLine(paragraph: string): boolean {
  if (paragraph.length > MAX_DATE_LINE || !/\b(?:19|20)\d\d\b/.test(paragraph)) return false;
  return paragraph.replace(DATE_WORDS, "").replace(/[\d\s.,:/|–—-]+/g, "") === "";
}
