/**
 * CSV and JSON Lines export of any statement query (the search filters), streamed a page at a time so a
 * million statements never sit in memory. CSV cells that a spreadsheet would run as a formula (=, +, -,
 * @ first) get a leading apostrophe: scraped text must not become a formula on a journalist's machine.
 */
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { Static } from "typebox";
import type { StatementQuery } from "../app/explore.ts";
import { STATEMENT_FACTS } from "../core/statement.ts";
import type { StatementRecord } from "../record/store.ts";
import * as S from "./schemas.ts";

const COLUMNS = [
  "id",
  "articleId",
  "speaker",
  "sourceText",
  "published",
  "outlet",
  ...STATEMENT_FACTS,
  "content",
  "contentSpans",
  "title",
  "url",
] as const;

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(statement: StatementRecord): string {
  const spans = statement.contentSpans.map((span) => `${span.start}-${span.end}`).join(";");
  const row: Partial<Record<(typeof COLUMNS)[number], unknown>> = { ...statement, contentSpans: spans };
  return `${COLUMNS.map((column) => csvCell(row[column])).join(",")}\r\n`;
}

export function registerExport(
  app: FastifyInstance,
  queryOf: (filters: Record<string, string | undefined>) => Promise<StatementQuery>,
  records: (query: StatementQuery) => AsyncGenerator<StatementRecord>,
): void {
  app.get(
    "/api/statements/export",
    {
      schema: {
        summary: "Every statement a search matches, as CSV or JSON Lines (newest first)",
        querystring: S.ExportQuery,
        produces: ["text/csv", "application/x-ndjson"],
      },
    },
    async (request, reply) => {
      const { format = "jsonl", ...filters } = request.query as Static<typeof S.ExportQuery>;
      const query = await queryOf(filters);
      const csv = format === "csv";
      async function* lines(): AsyncGenerator<string> {
        if (csv) yield `${COLUMNS.join(",")}\r\n`;
        for await (const statement of records(query))
          yield csv ? csvRow(statement) : `${JSON.stringify(statement)}\n`;
      }
      return reply
        .type(csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
        .header("content-disposition", `attachment; filename="statements.${csv ? "csv" : "jsonl"}"`)
        .send(Readable.from(lines()));
    },
  );
}
