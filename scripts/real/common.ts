/**
 * Small helpers shared by the parts of the real-news evaluation: reading a label file, the stored
 * statements of the real store with their raw spans, and running a part on its own.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Span } from "../../src/nlp/doc.ts";
import { spanText } from "../../src/record/span-text.ts";
import { openRealContext, type RealContext } from "./context.ts";
import { outDir, realDataPresent, repoRoot } from "./corpus.ts";

export const labelsDir = path.join(repoRoot, "labels/real");

/** Reads labels/real/NAME one JSON object a line, naming the file and line of a bad one. */
export function readLabels<T>(name: string): T[] {
  const file = path.join(labelsDir, name);
  if (!existsSync(file)) return [];
  const rows: T[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        rows.push(JSON.parse(line) as T);
      } catch (error) {
        throw new Error(`${file}:${i + 1}: ${(error as Error).message}`);
      }
    });
  return rows;
}

/** A stored statement with its spans in the article's raw text (what labels index into). */
export interface RealStatement {
  id: number;
  articleId: string;
  doc: string;
  person: string | null;
  personId: number | null;
  personKind: string | null;
  resolution: string | null;
  source: Span | null;
  cue: Span | null;
  /** The source as written in the raw text. */
  sourceText: string | null;
}

/** Every stored statement of an article that maps to a document, in text order. */
export function realStatements(ctx: RealContext): RealStatement[] {
  const rows = ctx.sql
    .prepare(
      `SELECT s.id, s.article_id, s.person_id, p.name AS person, p.kind AS person_kind, s.resolution,
         s.raw_source_start, s.raw_source_end, s.raw_cue_start, s.raw_cue_end
       FROM statements s LEFT JOIN persons p ON p.id = s.person_id ORDER BY s.article_id, s.ordinal`,
    )
    .all() as {
    id: number;
    article_id: string;
    person_id: number | null;
    person: string | null;
    person_kind: string | null;
    resolution: string | null;
    raw_source_start: number | null;
    raw_source_end: number | null;
    raw_cue_start: number | null;
    raw_cue_end: number | null;
  }[];
  const out: RealStatement[] = [];
  for (const row of rows) {
    const doc = ctx.docOf.get(row.article_id);
    if (!doc) continue;
    const raw = ctx.articleOf.get(doc)?.rawText ?? "";
    const span = (start: number | null, end: number | null): Span | null =>
      start === null || end === null ? null : { start, end };
    out.push({
      id: row.id,
      articleId: row.article_id,
      doc,
      person: row.person,
      personId: row.person_id,
      personKind: row.person_kind,
      resolution: row.resolution,
      source: span(row.raw_source_start, row.raw_source_end),
      cue: span(row.raw_cue_start, row.raw_cue_end),
      sourceText: spanText(raw, row.raw_source_start, row.raw_source_end),
    });
  }
  return out;
}

export function overlaps(a: Span | null, b: Span | null): boolean {
  return a !== null && b !== null && a.start < b.end && b.start < a.end;
}

export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`;
}

/**
 * The context for a part run alone: `--no-rebuild` reuses out/real/real.db when it exists, otherwise the
 * store is built first (about a minute). Exits with a clear message when ../shared/data is absent.
 */
export function contextFromArgs(argv: string[] = process.argv): Promise<RealContext> {
  if (!realDataPresent()) {
    console.error(
      "../shared/data (PolNeAR and the article-extraction pages) not found: cannot evaluate on real news",
    );
    process.exit(2);
  }
  const reuse = argv.includes("--no-rebuild") && existsSync(path.join(outDir, "real.db"));
  return openRealContext(!reuse);
}
