import { webUrl } from "../core/urls.ts";
import { markdownLink, markdownText } from "./markdown.ts";
import type { MixedPair } from "./mixed.ts";
import { dateOf, type StatementView, spanRef } from "./statement-view.ts";

/**
 * A short, sourced report of one speaker on one topic: the statements in order, then the flagged pairs.
 * Every sentence is built from stored fields and carries the span it rests on; nothing is paraphrased.
 */
export interface DigestInput {
  speaker: string;
  about: string;
  since?: string;
  until?: string;
  statements: readonly StatementView[];
  mixed: readonly MixedPair[];
}

interface Line {
  text: string;
  ref: string;
  url: string | null;
}

/** Direct quotes carry their own quote marks; other content is set in quotes as the article's words. */
const quoted = (content: string) => (/^["“‘']/.test(content) ? content : `“${content}”`);

function statementLine(s: StatementView): Line {
  const outlet = s.outlet ?? "an unknown outlet";
  const verb = s.kind === "direct" ? "quoted" : "reported";
  return {
    text: `On ${dateOf(s)}, ${outlet} ${verb} ${s.speaker}${s.cue ? ` (${s.cue})` : ""}: ${quoted(s.content)}`,
    ref: spanRef(s),
    // Stored before URLs were checked, or written by hand: only web links are ever rendered.
    url: webUrl(s.url) ?? null,
  };
}

function pairLines(pair: MixedPair): Line[] {
  return [
    {
      ...statementLine(pair.earlier),
      text: `Earlier (${dateOf(pair.earlier)}): ${quoted(pair.earlier.content)}`,
    },
    { ...statementLine(pair.later), text: `Later (${dateOf(pair.later)}): ${quoted(pair.later.content)}` },
  ];
}

function heading(input: DigestInput): string {
  const range = [input.since, input.until].filter(Boolean).join(" to ");
  return `${input.speaker} on ${input.about}${range ? `, ${range}` : ""}`;
}

/** Every stored string is text, never markup: raw HTML and Markdown syntax in a quote are escaped. */
export function digestMarkdown(input: DigestInput): string {
  const link = (line: Line) => (line.url ? markdownLink(line.ref, line.url) : markdownText(line.ref));
  const out = [
    `# ${markdownText(heading(input))}`,
    "",
    `${input.statements.length} statements, ${input.mixed.length} flagged pairs.`,
  ];
  out.push("", "## Statements", "");
  for (const s of input.statements) {
    const line = statementLine(s);
    out.push(`- ${markdownText(line.text)} — ${link(line)}`);
  }
  out.push("", "## Mixed messages", "");
  if (input.mixed.length === 0) out.push("None flagged.");
  input.mixed.forEach((pair, index) => {
    out.push(`${index + 1}. Score ${pair.score}. Why: ${markdownText(pair.reasons.join("; "))}.`);
    for (const line of pairLines(pair)) out.push(`   - ${markdownText(line.text)} — ${link(line)}`);
  });
  return `${out.join("\n")}\n`;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/**
 * The report is a static page: no script, no style from anywhere, no forms, no frames, nothing loaded.
 * Quotes are escaped already; the policy is the second wall if an escape is ever missed.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export function digestHtml(input: DigestInput): string {
  const item = (line: Line) => {
    const ref = escapeHtml(line.ref);
    const anchor = line.url ? `<a href="${escapeHtml(line.url)}" rel="noopener noreferrer">${ref}</a>` : ref;
    return `<li>${escapeHtml(line.text)} <small>${anchor}</small></li>`;
  };
  const pairs = input.mixed
    .map(
      (pair) =>
        `<li><p>Score ${escapeHtml(String(pair.score))}. Why: ${escapeHtml(pair.reasons.join("; "))}.</p><ul>${pairLines(pair).map(item).join("")}</ul></li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(heading(input))}</title></head>
<body>
<h1>${escapeHtml(heading(input))}</h1>
<p>${input.statements.length} statements, ${input.mixed.length} flagged pairs.</p>
<h2>Statements</h2>
<ul>
${input.statements.map((s) => item(statementLine(s))).join("\n")}
</ul>
<h2>Mixed messages</h2>
${input.mixed.length ? `<ol>\n${pairs}\n</ol>` : "<p>None flagged.</p>"}
</body></html>
`;
}
