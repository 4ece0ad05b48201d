import type { StatementFacts } from "../core/statement.ts";

/**
 * The statement facts (core/statement.ts) the record keeps, each in a `statements` column named as the
 * field. Writing (write-article.ts) and reading (statement-rows.ts), on both backends, go through this
 * list, so a new fact is a migration and its name here; the type check below fails until it is here.
 */
export const FACT_COLUMNS = ["kind", "confidence"] as const;

type Listed = (typeof FACT_COLUMNS)[number];
// Compile-time: every field of StatementFacts is listed, and nothing else is.
const covered: [Exclude<keyof StatementFacts, Listed>, Exclude<Listed, keyof StatementFacts>] extends [
  never,
  never,
]
  ? true
  : never = true;
void covered;

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
