import type { Command } from "commander";
import { type RecordSummary, summary } from "../app/queries.ts";
import { addDbOption, withStore } from "./common.ts";
import { addFormatOption, type FormatFlags, formatOf, render } from "./formats.ts";

interface SummaryFlags extends FormatFlags {
  db: string;
}

export function registerSummary(program: Command): void {
  const command = program
    .command("summary")
    .description("what the record holds: counts, top speakers, and one statement traced to its characters");
  addDbOption(command);
  addFormatOption(command, ["text", "json"], "text", "json");
  command.action(async (flags: SummaryFlags) => {
    const found = await withStore(flags.db, (store) => summary(store));
    const { stats, example } = found;
    render(
      formatOf(flags),
      { ...stats, example: example ?? null },
      { text: () => summaryText(found, flags.db) },
    );
  });
}

function summaryText({ stats, example, exampleText }: RecordSummary, db: string): string {
  const lines = [
    `${stats.articles} articles, ${stats.statements} statements, ${stats.people} people in ${db}`,
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
  return `${lines.join("\n")}\n`;
}
