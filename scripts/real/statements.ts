/**
 * Statements on the real store: of the stored statements (every stored statement passed the filter at the
 * default threshold), how many are real attributions, and how many are right on all three counts (real,
 * right speaker span, full content), on seeded random samples checked against hand labels in
 * labels/real/statements.jsonl. Each label is keyed by document name and the raw-text offsets of cue,
 * source and content, never by text.
 *
 * A sample is drawn by rank, not by shuffling: each statement's rank is a hash of the sample's seed and the
 * statement's key, and the sample is the SIZE lowest ranks. A statement that a later change leaves as it
 * was keeps its rank, so the same sample can be re-read after a change: dropped statements leave it, the
 * next ranks come in (and need labels, which the run lists), and a changed statement is a new key.
 *
 * usage: node --import tsx scripts/real/statements.ts [--no-rebuild] [--draft SAMPLE]
 *   --draft SAMPLE  prints each unlabelled statement of SAMPLE with its context, for the labeller, and
 *                   writes them to out/real/statements-draft-SAMPLE.jsonl to be filled in.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Span } from "../../src/nlp/doc.ts";
import { contextFromArgs, percent, readLabels, share } from "./common.ts";
import type { RealContext } from "./context.ts";
import { outDir } from "./corpus.ts";

/** The samples, each with its seed. `baseline` was drawn and labelled on main before the statement checks. */
export const SAMPLES = [
  { name: "baseline", seed: 1101 },
  { name: "heldout", seed: 1102 },
] as const;
export const SAMPLE_SIZE = 150;

/**
 * labels/real/statements.jsonl, one a line. `real`: is it an attribution a reader would accept (someone
 * said, wrote, claimed or announced the content)? `speaker`: does the source span name the one who said it
 * (a pronoun or description that refers to them counts; no source when the sentence names them does not)?
 * `content`: is the content the whole of what was said, neither cut nor run into the writer's words?
 * `cause`: for a statement that is wrong on a count, a short cause from CAUSES.
 */
export interface StatementLabel {
  doc: string;
  cue: [number, number] | null;
  source: [number, number] | null;
  content: [number, number][];
  real: boolean;
  speaker: boolean | null;
  content_ok: boolean | null;
  cause?: string;
  why?: string;
}

/** A stored statement with its raw-text spans (what labels index into). */
export interface SampledStatement {
  id: number;
  doc: string;
  cue: Span | null;
  source: Span | null;
  content: Span[];
  confidence: number | null;
  person: string | null;
}

const pair = (s: Span | null): [number, number] | null => (s ? [s.start, s.end] : null);

/** The key a label is found by: document and offsets of cue, source and content. */
export function statementKey(s: {
  doc: string;
  cue: [number, number] | null;
  source: [number, number] | null;
  content: [number, number][];
}): string {
  const span = (p: [number, number] | null) => (p ? `${p[0]}-${p[1]}` : "none");
  return `${s.doc}|cue ${span(s.cue)}|source ${span(s.source)}|content ${s.content.map(span).join(",")}`;
}

function keyOf(s: SampledStatement): string {
  return statementKey({
    doc: s.doc,
    cue: pair(s.cue),
    source: pair(s.source),
    content: s.content.map((c) => [c.start, c.end]),
  });
}

/** Every stored statement of an article that maps to a document. */
export function storedStatements(ctx: RealContext): SampledStatement[] {
  const rows = ctx.sql
    .prepare(
      `SELECT s.id, s.article_id, s.raw_source_start, s.raw_source_end, s.raw_cue_start, s.raw_cue_end,
         s.raw_content_spans, s.confidence, p.name AS person
       FROM statements s LEFT JOIN persons p ON p.id = s.person_id ORDER BY s.article_id, s.ordinal`,
    )
    .all() as {
    id: number;
    article_id: string;
    raw_source_start: number | null;
    raw_source_end: number | null;
    raw_cue_start: number | null;
    raw_cue_end: number | null;
    raw_content_spans: string;
    confidence: number | null;
    person: string | null;
  }[];
  const span = (start: number | null, end: number | null): Span | null =>
    start === null || end === null ? null : { start, end };
  const out: SampledStatement[] = [];
  for (const row of rows) {
    const doc = ctx.docOf.get(row.article_id);
    if (!doc) continue;
    out.push({
      id: row.id,
      doc,
      cue: span(row.raw_cue_start, row.raw_cue_end),
      source: span(row.raw_source_start, row.raw_source_end),
      content: JSON.parse(row.raw_content_spans) as Span[],
      confidence: row.confidence,
      person: row.person,
    });
  }
  return out;
}

/** The `size` statements with the lowest rank under `seed` (see the header). */
export function drawSample(statements: readonly SampledStatement[], seed: number, size: number) {
  const rank = (s: SampledStatement) =>
    createHash("sha256")
      .update(`${seed}|${keyOf(s)}`)
      .digest("hex")
      .slice(0, 12);
  return statements
    .map((s) => ({ s, rank: rank(s) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, size)
    .map(({ s }) => s);
}

export interface SampleScore {
  sampled: number;
  labelled: number;
  real: number;
  allThree: number;
  causes: Map<string, number>;
  unlabelled: SampledStatement[];
}

export function scoreSample(sample: readonly SampledStatement[], labels: Map<string, StatementLabel>) {
  const score: SampleScore = {
    sampled: sample.length,
    labelled: 0,
    real: 0,
    allThree: 0,
    causes: new Map(),
    unlabelled: [],
  };
  for (const s of sample) {
    const label = labels.get(keyOf(s));
    if (!label) {
      score.unlabelled.push(s);
      continue;
    }
    score.labelled++;
    if (label.real) score.real++;
    if (label.real && label.speaker && label.content_ok) score.allThree++;
    else {
      const cause = label.cause ?? (label.real ? "unspecified (real)" : "unspecified (not real)");
      score.causes.set(cause, (score.causes.get(cause) ?? 0) + 1);
    }
  }
  return score;
}

export function readStatementLabels(): Map<string, StatementLabel> {
  const labels = new Map<string, StatementLabel>();
  for (const label of readLabels<StatementLabel>("statements.jsonl")) labels.set(statementKey(label), label);
  return labels;
}

export function run(ctx: RealContext): Record<string, number> {
  const statements = storedStatements(ctx);
  const labels = readStatementLabels();
  const figures: Record<string, number> = { stored: statements.length, labels: labels.size };
  console.log(`stored statements: ${statements.length}; labels: ${labels.size}`);
  for (const { name, seed } of SAMPLES) {
    const score = scoreSample(drawSample(statements, seed, SAMPLE_SIZE), labels);
    console.log(
      `sample ${name} (seed ${seed}): ${score.labelled}/${score.sampled} labelled; real ${score.real} (${percent(score.real, score.labelled)}); right on all three ${score.allThree} (${percent(score.allThree, score.labelled)})`,
    );
    const causes = [...score.causes].sort((a, b) => b[1] - a[1]);
    if (causes.length) console.log(`  errors by cause: ${causes.map(([c, n]) => `${c} ${n}`).join("; ")}`);
    if (score.unlabelled.length)
      console.log(
        `  unlabelled: ${score.unlabelled.length} (label them: node --import tsx scripts/real/statements.ts --no-rebuild --draft ${name})`,
      );
    figures[`${name}Labelled`] = score.labelled;
    figures[`${name}Unlabelled`] = score.unlabelled.length;
    figures[`${name}Precision`] = share(score.real, score.labelled);
    figures[`${name}AllThree`] = share(score.allThree, score.labelled);
  }
  return figures;
}

/** Prints the unlabelled statements of a sample with their context and writes a draft label file. */
function draft(ctx: RealContext, name: string): void {
  const sample = SAMPLES.find((s) => s.name === name);
  if (!sample)
    throw new Error(`--draft: unknown sample "${name}" (known: ${SAMPLES.map((s) => s.name).join(", ")})`);
  const labels = readStatementLabels();
  const score = scoreSample(drawSample(storedStatements(ctx), sample.seed, SAMPLE_SIZE), labels);
  const rows: string[] = [];
  score.unlabelled.forEach((s, i) => {
    const raw = ctx.articleOf.get(s.doc)?.rawText ?? "";
    const marks: { at: number; mark: string }[] = [];
    const mark = (span: Span | null, open: string, close: string) => {
      if (!span) return;
      marks.push({ at: span.start, mark: open }, { at: span.end, mark: close });
    };
    mark(s.source, "[[", "]]");
    mark(s.cue, "<<", ">>");
    for (const c of s.content) mark(c, "{{", "}}");
    const all = [s.source, s.cue, ...s.content].filter((x): x is Span => x !== null);
    const from = Math.max(0, Math.min(...all.map((x) => x.start)) - 400);
    const to = Math.min(raw.length, Math.max(...all.map((x) => x.end)) + 200);
    marks.sort((a, b) => b.at - a.at);
    let text = raw.slice(from, to);
    for (const m of marks) text = text.slice(0, m.at - from) + m.mark + text.slice(m.at - from);
    console.log(
      `#${i} ${s.doc} conf ${s.confidence} → ${s.person ?? "(none)"}\n${text.replace(/\s+/g, " ")}\n`,
    );
    rows.push(
      JSON.stringify({
        doc: s.doc,
        cue: pair(s.cue),
        source: pair(s.source),
        content: s.content.map((c) => [c.start, c.end]),
        real: null,
        speaker: null,
        content_ok: null,
        cause: "",
        sample: name,
      }),
    );
  });
  writeFileSync(
    path.join(outDir, `statements-draft-${name}.jsonl`),
    rows.length ? `${rows.join("\n")}\n` : "",
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ctx = await contextFromArgs();
  const at = process.argv.indexOf("--draft");
  if (at >= 0) draft(ctx, process.argv[at + 1] ?? "");
  else run(ctx);
  await ctx.store.close();
}
