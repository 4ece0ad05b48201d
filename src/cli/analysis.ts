import { type Command, Option } from "commander";
import { digestHtml, digestMarkdown } from "../analysis/digest.ts";
import { type LlmConfig, LlmJudgeError, llmConfigFromEnv } from "../analysis/llm-judge.ts";
import { dateOf, spanRef } from "../analysis/statement-view.ts";
import { alsoIn, timelineMarkdown, timelineText } from "../analysis/timeline.ts";
import {
  digest,
  mixed as mixedMessages,
  timeline as speakerTimeline,
  topics as topicList,
} from "../app/queries.ts";
import type { SpeakerMixed } from "../app/speaker-record.ts";
import { addDbOption, ellipsize, parseCount, parseDate, UsageError, withStore } from "./common.ts";
import { addFormatOption, type FormatFlags, formatOf, render, rendered } from "./formats.ts";
import { checkOutputPath, writeOutputFile } from "./output-file.ts";
import { printError } from "./terminal.ts";

interface SpeakerFlags extends FormatFlags {
  db: string;
  speaker: string;
  about?: string;
  since?: string;
  until?: string;
}

function addRangeOptions(command: Command): Command {
  return command
    .option("--since <date>", "first day, YYYY-MM-DD", parseDate)
    .option("--until <date>", "last day, YYYY-MM-DD", parseDate);
}

/** The language-model judge's settings when `--judge llm` asks for it (from the environment). */
function llmOf(judge: string): LlmConfig | undefined {
  if (judge !== "llm") return undefined;
  const llm = llmConfigFromEnv();
  if (!llm)
    throw new UsageError("--judge llm needs ONRECORD_LLM_URL (and ONRECORD_LLM_MODEL, ONRECORD_LLM_KEY)");
  return llm;
}

/**
 * Runs a query that may ask a language-model judge; read-only, except that the judge caches its
 * verdicts in the record. The server's and the settings' failures are the user's to fix (URL, model,
 * timeout): one line, no stack.
 */
async function withJudge<T>(flags: { db: string; judge: string }, run: Parameters<typeof withStore<T>>[1]) {
  try {
    return await withStore(flags.db, run, flags.judge === "llm" ? "write" : "read");
  } catch (error) {
    if (error instanceof LlmJudgeError) throw new UsageError(error.message);
    throw error;
  }
}

function mixedText(found: SpeakerMixed, speaker: string): string {
  const { pairs } = found;
  if (pairs.length === 0) return nothingFound(found, speaker);
  return `${pairs
    .map((pair, index) =>
      [
        `${index + 1}. score ${pair.score}${pair.evidence.sameArticle ? "  (one article)" : ""}`,
        `   ${dateOf(pair.earlier)}  ${pair.earlier.outlet ?? "-"}${alsoIn(pair.earlier)}: ${ellipsize(pair.earlier.content, 160)}`,
        `      (${spanRef(pair.earlier)})`,
        `   ${dateOf(pair.later)}  ${pair.later.outlet ?? "-"}${alsoIn(pair.later)}: ${ellipsize(pair.later.content, 160)}`,
        `      (${spanRef(pair.later)})`,
        ...pair.reasons.map((reason) => `   why: ${reason}`),
      ].join("\n"),
    )
    .join("\n\n")}\n`;
}

/** "Nothing found" with what was looked at, so a reader knows it is an answer and not a failure. */
function nothingFound(found: SpeakerMixed, speaker: string): string {
  const skipped = Object.entries(found.skipped).sort((a, b) => b[1] - a[1]);
  const lines = [
    `no mixed messages found for ${speaker}${found.about ? ` about "${found.about}"` : ""}`,
    `  ${found.statements} statements; ${found.eligible} surely theirs and stating something; ${found.compared} pairs about the same thing compared; none with evidence that one reverses the other`,
    ...skipped.slice(0, 6).map(([why, n]) => `  left out, ${n}: ${why}`),
  ];
  return `${lines.join("\n")}\n`;
}

const judgeOption = () =>
  new Option("--judge <judge>", "pairwise judge: the built-in model, or a language-model server")
    .choices(["words", "llm"])
    .default("words");

export function registerAnalysis(program: Command): void {
  const topics = program
    .command("topics")
    .description("what statements are about (places, names, issues), with counts and date ranges")
    .option("--speaker <name>", "only this speaker's statements")
    .option("--limit <n>", "how many topics", parseCount, 30);
  addDbOption(topics);
  addFormatOption(topics, ["text", "json", "jsonl"], "text", "json");
  topics.action(async (flags: FormatFlags & { db: string; speaker?: string; limit: number }) => {
    const rows = await withStore(flags.db, (store) => topicList(store, flags));
    render(formatOf(flags), rows, {
      text: (list) =>
        list
          .map((row) => {
            const range = row.firstSeen ? `${row.firstSeen} … ${row.lastSeen}` : "undated";
            return `${String(row.statements).padStart(6)}  ${row.label.padEnd(28)}  ${range}\n`;
          })
          .join(""),
    });
  });

  const timeline = program
    .command("timeline")
    .description("one speaker's statements in date order, optionally on one topic")
    .requiredOption("--speaker <name>", "canonical name or alias")
    .option("--about <topic>", 'what about, e.g. "Russian interference" (all its words must match)');
  addFormatOption(timeline, ["text", "md", "json", "jsonl"], "text", "json");
  addRangeOptions(timeline);
  addDbOption(timeline);
  timeline.action(async (flags: SpeakerFlags) => {
    const statements = await withStore(flags.db, (store) => speakerTimeline(store, flags));
    render(formatOf(flags), statements, {
      text: (list) => (list.length ? `${timelineText(list)}\n` : "no statements\n"),
      md: (list) => timelineMarkdown(flags.speaker, list),
    });
  });

  const mixed = program
    .command("mixed")
    .description(
      "pairs of one speaker's statements that contradict or walk back one another, with the reasons",
    )
    .requiredOption("--speaker <name>", "canonical name or alias")
    .option("--about <topic>", "only statements on this topic")
    .option("--limit <n>", "how many pairs", parseCount, 20)
    .addOption(judgeOption());
  addRangeOptions(mixed);
  addDbOption(mixed);
  addFormatOption(mixed, ["text", "json", "jsonl"], "text", "json");
  mixed.action(async (flags: SpeakerFlags & { limit: number; judge: string }) => {
    const found = await withJudge(flags, (store) =>
      mixedMessages(store, { ...flags, llm: llmOf(flags.judge) }),
    );
    const format = formatOf(flags);
    // JSON is the list of pairs; the reader still learns on stderr why it is empty.
    if (format !== "text" && found.pairs.length === 0) printError(nothingFound(found, flags.speaker));
    render(format, found.pairs, { text: () => mixedText(found, flags.speaker) });
  });

  const digestCommand = program
    .command("digest")
    .description("a short sourced report: one speaker's statements on a topic and the contradictions flagged")
    .requiredOption("--speaker <name>", "canonical name or alias")
    .requiredOption("--about <topic>", "what about");
  addFormatOption(digestCommand, ["md", "html", "json"], "md");
  digestCommand
    .option("--out <file>", "write the report to a file instead of stdout")
    .addOption(judgeOption());
  addRangeOptions(digestCommand);
  addDbOption(digestCommand);
  digestCommand.action(async (flags: SpeakerFlags & { about: string; out?: string; judge: string }) => {
    if (flags.out) checkOutputPath(flags.out, { db: flags.db });
    const input = await withJudge(flags, (store) => digest(store, { ...flags, llm: llmOf(flags.judge) }));
    const views = { md: digestMarkdown, html: digestHtml };
    if (flags.out) writeOutputFile(flags.out, rendered(formatOf(flags), input, views), { db: flags.db });
    else render(formatOf(flags), input, views);
  });
}
