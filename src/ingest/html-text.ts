/**
 * Turns an element's content into plain text with one paragraph per block element, separated by
 * a blank line, and inline whitespace collapsed. `textContent` would glue "end of one paragraph" to
 * "Start of the next" and keep the page's indentation; readers and the sentence splitter need
 * paragraphs.
 */

/** Elements that start a new paragraph. */
const BLOCK_TAGS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "CENTER",
  "DD",
  "DETAILS",
  "DIALOG",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HGROUP",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "SUMMARY",
  "TABLE",
  "TBODY",
  "THEAD",
  "TFOOT",
  "TR",
  "UL",
  "BR",
  "CAPTION",
]);

/** Elements whose content is never article text. */
const SKIPPED_TAGS = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "SVG",
  "IFRAME",
  "OBJECT",
  "EMBED",
  "BUTTON",
  "SELECT",
  "INPUT",
  "TEXTAREA",
  "CANVAS",
  "VIDEO",
  "AUDIO",
  "MATH",
  "HEAD",
  "TITLE",
  "META",
  "LINK",
]);

/** Table cells stay on their row's line, apart by a space. */
const CELL_TAGS = new Set(["TD", "TH"]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** The subset of the DOM used here, satisfied by both linkedom and browsers. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}

export function blockText(root: DomNode): string {
  const paragraphs: string[] = [];
  let current = "";
  const flush = () => {
    const paragraph = current.replace(/[ \t\f\r\n\u00a0\u200b]+/g, " ").trim();
    if (paragraph) paragraphs.push(paragraph);
    current = "";
  };
  const visit = (node: DomNode, inPre: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      current += node.nodeValue ?? "";
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === "PRE" && !inPre) {
      flush();
      const pre = preText(node);
      if (pre) paragraphs.push(pre);
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    if (CELL_TAGS.has(tag)) current += " ";
    for (const child of Array.from(node.childNodes)) visit(child, inPre);
    if (block) flush();
    if (CELL_TAGS.has(tag)) current += " ";
  };
  visit(root, false);
  flush();
  return paragraphs.join("\n\n");
}

/** Preformatted text keeps its line breaks; only trailing spaces and blank edges go. */
function preText(node: DomNode): string {
  let text = "";
  const collect = (child: DomNode) => {
    if (child.nodeType === TEXT_NODE) text += child.nodeValue ?? "";
    else if (child.nodeType === ELEMENT_NODE && !SKIPPED_TAGS.has(child.nodeName.toUpperCase())) {
      if (child.nodeName.toUpperCase() === "BR") text += "\n";
      for (const grandchild of Array.from(child.childNodes)) collect(grandchild);
    }
  };
  for (const child of Array.from(node.childNodes)) collect(child);
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\r\u00a0]+$/, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}
