/** Statements for the mixed-message tests: one speaker, one outlet, each in an article of its own. */
import type { Judge } from "../src/analysis/mixed.ts";
import type { StatementView } from "../src/analysis/statement-view.ts";

let nextId = 1;
export function view(content: string, fields: Partial<StatementView> = {}): StatementView {
  const id = nextId++;
  const context = fields.context ?? content;
  const at = Math.max(0, context.indexOf(content));
  return {
    id,
    articleId: `article${id}`.padEnd(16, "0"),
    speaker: "Ada Vell",
    published: "2026-03-02",
    outlet: "Harbor Ledger",
    title: null,
    url: null,
    kind: "indirect",
    confidence: 0.9,
    content,
    span: { start: 100 + at, end: 100 + at + content.length },
    contextSpan: { start: 100, end: 100 + context.length },
    cue: "said",
    context,
    resolution: "name",
    source: "Ada Vell",
    ...fields,
  };
}

/** A judge with no opinion: what is flagged must come from the detector's own evidence. */
export const silent: Judge = () => ({
  label: "Unrelated",
  scores: { Inconsistent: 0.1, Consistent: 0.1, Unrelated: 0.8 },
  reasons: [],
});
