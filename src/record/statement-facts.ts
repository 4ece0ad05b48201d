import { STATEMENT_FACTS, type StatementFacts } from "../core/statement.ts";

/**
 * How the record keeps a statement's facts (core/statement.ts): each in a `statements` column named as
 * the field. Writing (write-article.ts) and reading (statement-rows.ts), on both backends, go through
 * here, so a new fact needs a migration and nothing else in the record.
 */
export const FACT_COLUMNS = STATEMENT_FACTS;

/** Each fact's PostgreSQL type, for the array a batch of statements is written from (article-rows.ts). */
export const FACT_PG_TYPES: Record<(typeof FACT_COLUMNS)[number], string> = {
  kind: "text",
  confidence: "float8",
  paragraph: "int",
};

/** The facts columns, qualified for a query over `statements s`. */
export const FACT_SELECT = FACT_COLUMNS.map((column) => `s.${column}`).join(", ");

/** A row's facts, as the field names say (a column added by a later migration reads NULL on old rows). */
export function factsOf(row: StatementFacts): StatementFacts {
  return Object.fromEntries(
    FACT_COLUMNS.map((column) => [column, row[column] ?? null]),
  ) as unknown as StatementFacts;
}

/** A statement's facts as values for FACT_COLUMNS, in order. */
export function factValues(statement: StatementFacts): unknown[] {
  return FACT_COLUMNS.map((column) => statement[column] ?? null);
}
