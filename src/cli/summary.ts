import type { Command } from "commander";
import type { StatementRecord } from "../record/store.ts";
import { addDbOption, addJsonOption, printJson, withStore } from "./common.ts";
import { printText } from "./terminal.ts";

interface SummaryFlags {
  db: string;
  json?: boolean;
}

/** Statements scanned for a good example; the first few hundred in date order always hold one. */
const EXAMPLE_CANDIDATES = 500;

export function registerSummary(program: Command): void {
  const command = program
    .command("summary")
    .description("what the record holds: counts, top speakers, and one statement traced to its characters");
  addDbOption(command);
  addJsonOption(command);
  command.action(async (flags: SummaryFlags) => {
    const { stats, example, exampleText } = await withStore(flags.db, async (store) => {
      const stats = await store.stats();
      // The example comes from the most quoted speaker when possible: the statement a reader would check.
      const top = stats.topSpeakers[0];
      const example =
        (top && pickExample(await store.statements({ speaker: top.name, limit: EXAMPLE_CANDIDATES }))) ??
        pickExample(await store.statements({ limit: EXAMPLE_CANDIDATES }));
      const article = example ? await store.article(example.articleId) : undefined;
      return {
        stats,
        example,
        // Read back from the stored article text, to show the span really points at the words.
        exampleText: (example?.contentSpans ?? []).map((span) => article?.text.slice(span.start, span.end)),
      };
    });
    if (flags.json) return printJson({ ...stats, example: example ?? null });
    const lines = [
      `${stats.articles} articles, ${stats.statements} statements, ${stats.people} people in ${flags.db}`,
      "",
      "top speakers:",
      ...stats.topSpeakers.map((speaker) => `  ${String(speaker.statements).padStart(5)}  ${speaker.name}`),
    ];
    if (example) {
      const spans = example.contentSpans.map((span) => `${span.start}-${span.end}`).join(" + ");
      lines.push(
        "",
        "example:",
        `  ${example.speaker} (${example.kind}, ${example.published ?? "undated"}, ${example.outlet ?? "unknown outlet"})`,
        `  ${example.content.replace(/\s+/g, " ")}`,
        `  article ${example.articleId}${example.title ? ` "${example.title}"` : ""}`,
        `  characters ${spans} of its cleaned text read: ${exampleText.map((text) => JSON.stringify(text)).join(" + ")}`,
      );
    }
    printText(`${lines.join("\n")}\n`);
  });
}

/** A quote this long is a full sentence rather than a fragment ("the first stone"). */
const EXAMPLE_MIN_LENGTH = 60;

/** A full-sentence direct quote with a named speaker reads best; fall back to any statement with a speaker. */
function pickExample(statements: StatementRecord[]): StatementRecord | undefined {
  const named = statements.filter((s) => s.speaker !== null && s.contentSpans.length > 0);
  const direct = named.filter(
    (s) => s.kind === "direct" && (s.resolution === "name" || s.resolution === "alias"),
  );
  return direct.find((s) => s.content.length >= EXAMPLE_MIN_LENGTH) ?? direct[0] ?? named[0];
}
