import type { Command } from "commander";
import { kindAndConfidence } from "../analysis/statement-view.ts";
import { exportStatements } from "../app/queries.ts";
import type { StatementFilter, StatementRecord } from "../record/store.ts";
import { addDbOption, parseCount, parseDate, parseProbability, withStore } from "./common.ts";
import { addFormatOption, type FormatFlags, formatOf, render } from "./formats.ts";
import { printError } from "./terminal.ts";

/** The store's statement filter, as flags. */
interface StatementsFlags extends FormatFlags, StatementFilter {
  db: string;
}

/** Listings stop here unless --limit says otherwise: a terminal is not a data export (use --json). */
const DEFAULT_LIMIT = 50;

/**
 * `onrecord statements`. It was `quotes`, which also named the quotation-mark spans of the pipeline; the
 * old name still works, with a one-line notice.
 */
export function registerStatements(program: Command): void {
  const command = program
    .command("statements")
    .alias("quotes")
    .description("list stored statements, oldest first, with speaker, date, outlet and character span")
    .option("--speaker <name>", "canonical name or alias, any case")
    .option("--search <text>", "words that must all occur in the statement or its speaker's name")
    .option("--since <date>", "from this publication date (YYYY-MM-DD)", parseDate)
    .option("--until <date>", "up to this publication date (YYYY-MM-DD)", parseDate)
    .option(
      "--min-confidence <p>",
      "only statements the extractor rates at least this likely to be right (0-1)",
      parseProbability,
    )
    .option("--limit <n>", `at most this many (default ${DEFAULT_LIMIT})`, parseCount);
  addDbOption(command);
  addFormatOption(command, ["text", "json", "jsonl"], "text", "json");
  command.action(async (flags: StatementsFlags, self: Command) => {
    if (self.parent?.args[0] === "quotes") printError("onrecord: `quotes` is now `statements`\n");
    const statements = await withStore(flags.db, (store) =>
      exportStatements(store, {
        // One person by the --speaker rule (an ambiguous name lists the candidates and exits 2).
        speaker: flags.speaker,
        search: flags.search,
        since: flags.since,
        until: flags.until,
        minConfidence: flags.minConfidence,
        limit: flags.limit ?? DEFAULT_LIMIT,
      }),
    );
    render(formatOf(flags), statements, {
      text: (rows) => (rows.length ? rows.map(formatStatement).join("\n") : "no statements\n"),
    });
  });
}

/** The resolved speaker, or what the article called them ("unresolved: the minister"). */
function speakerLabel(statement: StatementRecord): string {
  if (statement.speaker) {
    const term = statement.speakerTerm;
    // As of the statement's date, from a gazetteer: "Marco Rubio (senator, Republican, FL)".
    const held = term ? [term.role, term.party, term.state].filter(Boolean).join(", ") : "";
    return held ? `${statement.speaker} (${held})` : statement.speaker;
  }
  const written = statement.sourceText?.replace(/\s+/g, " ").trim();
  return written ? `(unresolved: ${written})` : "(unresolved speaker)";
}

/** Three lines: who/when/where, the words, and how to find them again (article id and span). */
export function formatStatement(statement: StatementRecord): string {
  const spans = statement.contentSpans.map((span) => `${span.start}-${span.end}`).join(",");
  return [
    `${statement.published ?? "undated"}  ${speakerLabel(statement)}  [${kindAndConfidence(statement)}]  ${statement.outlet ?? "unknown outlet"}`,
    `  ${statement.content.replace(/\s+/g, " ")}`,
    `  article ${statement.articleId} chars ${spans}${statement.paragraph ? `, paragraph ${statement.paragraph}` : ""}`,
    "",
  ].join("\n");
}
