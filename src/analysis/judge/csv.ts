/**
 * Reads statement pairs from CSV (columns id, text1, text2; label3 when present; others ignored).
 * A malformed row is reported with its line number and skipped, so one bad row never sinks a batch.
 */
import { parse } from "csv-parse/sync";
import { LABELS, type Label } from "./model.ts";

export interface StatementPair {
  id: string;
  text1: string;
  text2: string;
  /** The gold label, when the file has a valid label3 column. */
  label?: Label;
}

export interface RowProblem {
  /** 1-based line in the file where the row ends (a quoted field may span lines). */
  line: number;
  message: string;
}

export interface PairsReadResult {
  pairs: StatementPair[];
  problems: RowProblem[];
}

const REQUIRED = ["id", "text1", "text2"] as const;

export function readPairsCsv(content: string): PairsReadResult {
  const pairs: StatementPair[] = [];
  const problems: RowProblem[] = [];
  let rows: { record: Record<string, string | undefined>; info: { lines: number } }[];
  try {
    rows = parse(content, {
      columns: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    });
  } catch (error) {
    // A broken quote ruins everything after it; report where the parser stopped.
    const line = (error as { lines?: number }).lines ?? 0;
    return { pairs, problems: [{ line, message: `unreadable CSV: ${(error as Error).message}` }] };
  }
  const header = content.split(/\r?\n/, 1)[0] ?? "";
  const missingColumns = REQUIRED.filter(
    (c) => !header.split(",").some((h) => h.trim().replace(/^"|"$/g, "") === c),
  );
  if (missingColumns.length) {
    return {
      pairs,
      problems: [{ line: 1, message: `header lacks column(s): ${missingColumns.join(", ")}` }],
    };
  }
  for (const { record, info } of rows) {
    const empty = REQUIRED.filter((c) => !record[c]?.trim());
    if (empty.length) {
      problems.push({ line: info.lines, message: `missing ${empty.join(", ")}; row skipped` });
      continue;
    }
    const label = LABELS.find((l) => l === record.label3?.trim());
    pairs.push({
      id: (record.id as string).trim(),
      text1: record.text1 as string,
      text2: record.text2 as string,
      ...(label ? { label } : {}),
    });
  }
  return { pairs, problems };
}
