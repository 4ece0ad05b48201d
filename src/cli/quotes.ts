import type { Command } from "commander";
import { kindAndConfidence } from "../analysis/statement-view.ts";
import type { StatementRecord } from "../record/store.ts";
import {
  addDbOption,
  addJsonOption,
  parseCount,
  parseDate,
  parseProbability,
  printJson,
  withStore,
} from "./common.ts";
import { resolveSpeaker } from "./speaker.ts";
import { printText } from "./terminal.ts";

interface QuotesFlags {
  db: string;
  json?: boolean;
  speaker?: string;
  search?: string;
  since?: string;
  until?: string;
  minConfidence?: number;
  limit?: number;
}

/** Listings stop here unless --limit says otherwise: a terminal is not a data export (use --json). */
const DEFAULT_LIMIT = 50;

export function registerQuotes(program: Command): void {
  const command = program
    .command("quotes")
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
  addJsonOption(command);
  command.action(async (flags: QuotesFlags) => {
    const statements = await withStore(flags.db, async (store) =>
      store.statements({
        // One person by the --speaker rule (an ambiguous name lists the candidates and exits 2).
        speaker:
          flags.speaker === undefined
            ? undefined
            : String((await resolveSpeaker(store, flags.speaker, flags.db)).id),
        search: flags.search,
        since: flags.since,
        until: flags.until,
        minConfidence: flags.minConfidence,
        limit: flags.limit ?? DEFAULT_LIMIT,
      }),
    );
    if (flags.json) printJson(statements);
    else printText(statements.length ? statements.map(formatStatement).join("\n") : "no statements\n");
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
    `  article ${statement.articleId} chars ${spans}`,
    "",
  ].join("\n");
}
