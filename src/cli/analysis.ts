import { type Command, Option } from "commander";
import { digestHtml, digestMarkdown } from "../analysis/digest.ts";
import { type LlmConfig, LlmJudgeError, llmConfigFromEnv } from "../analysis/llm-judge.ts";
import { dateOf, type StatementView, spanRef } from "../analysis/statement-view.ts";
import { alsoIn, timelineMarkdown, timelineText } from "../analysis/timeline.ts";
import { topicQuery } from "../analysis/topics.ts";
import { type SpeakerMixed, speakerMixed, speakerStatements as statementsOf } from "../app/speaker-record.ts";
import type { Store } from "../record/store.ts";
import {
  addDbOption,
  addJsonOption,
  ellipsize,
  openExistingStore,
  parseCount,
  parseDate,
  printJson,
  UsageError,
  withStore,
} from "./common.ts";
import { checkOutputPath, writeOutputFile } from "./output-file.ts";
import { resolveSpeaker } from "./speaker.ts";
import { printDocument, printError, printText } from "./terminal.ts";

interface SpeakerFlags {
  db: string;
  speaker: string;
  about?: string;
  since?: string;
  until?: string;
  json?: boolean;
}

function addRangeOptions(command: Command): Command {
  return command
    .option("--since <date>", "first day, YYYY-MM-DD", parseDate)
    .option("--until <date>", "last day, YYYY-MM-DD", parseDate);
}

/** The one entry `--speaker` names, as the key statementViews takes (an ambiguous name exits 2: speaker.ts). */
async function speakerKey(store: Store, flags: SpeakerFlags): Promise<string> {
  return String((await resolveSpeaker(store, flags.speaker, flags.db)).id);
}

function aboutKeys(flags: SpeakerFlags): string[] | undefined {
  const topicKeys = flags.about ? topicQuery(flags.about) : undefined;
  if (flags.about && topicKeys?.length === 0) {
    throw new UsageError(`topic "${flags.about}" has no words to match on; name a place, person or issue`);
  }
  return topicKeys;
}

/** The speaker's statements on the flags' dates and topic, in timeline order. */
async function speakerStatements(store: Store, flags: SpeakerFlags): Promise<StatementView[]> {
  return statementsOf(store, await speakerKey(store, flags), {
    since: flags.since,
    until: flags.until,
    topicKeys: aboutKeys(flags),
  });
}

/** Mixed messages with the built-in judge, or a language-model server when asked (`--judge llm`). */
async function mixedMessages(
  store: Store,
  flags: SpeakerFlags,
  judge: string,
  limit: number,
): Promise<SpeakerMixed> {
  const query = { since: flags.since, until: flags.until, topicKeys: aboutKeys(flags), about: flags.about };
  try {
    let llm: LlmConfig | undefined;
    if (judge === "llm") {
      llm = llmConfigFromEnv() ?? undefined;
      if (!llm)
        throw new UsageError("--judge llm needs ONRECORD_LLM_URL (and ONRECORD_LLM_MODEL, ONRECORD_LLM_KEY)");
    }
    return await speakerMixed(store, await speakerKey(store, flags), { ...query, limit, llm });
  } catch (error) {
    // The server's and the settings' failures are the user's to fix (URL, model, timeout): one line, no stack.
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

/** Read-only, except that the language-model judge caches its verdicts in the record. */
function openReader(db: string, judge: string) {
  return openExistingStore(db, judge === "llm" ? "write" : "read");
}

/** Pairs a digest lists at most. */
const DIGEST_PAIRS = 50;

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
  addJsonOption(topics);
  topics.action(async (flags: { db: string; speaker?: string; limit: number; json?: boolean }) => {
    const rows = await withStore(flags.db, async (store) => {
      const speaker = flags.speaker
        ? String((await resolveSpeaker(store, flags.speaker, flags.db)).id)
        : undefined;
      return store.topics({ speaker, limit: flags.limit });
    });
    if (flags.json) return printJson(rows);
    for (const row of rows) {
      const range = row.firstSeen ? `${row.firstSeen} … ${row.lastSeen}` : "undated";
      printText(`${String(row.statements).padStart(6)}  ${row.label.padEnd(28)}  ${range}\n`);
    }
  });

  const timeline = program
    .command("timeline")
    .description("one speaker's statements in date order, optionally on one topic")
    .requiredOption("--speaker <name>", "canonical name or alias")
    .option("--about <topic>", 'what about, e.g. "Russian interference" (all its words must match)')
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "md", "json"]).default("text"),
    );
  addRangeOptions(timeline);
  addDbOption(timeline);
  addJsonOption(timeline);
  timeline.action(async (flags: SpeakerFlags & { format: string }) => {
    const statements = await withStore(flags.db, (store) => speakerStatements(store, flags));
    if (flags.json || flags.format === "json") return printJson(statements);
    if (flags.format === "md") return void printDocument(timelineMarkdown(flags.speaker, statements));
    printText(statements.length ? `${timelineText(statements)}\n` : "no statements\n");
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
  addJsonOption(mixed);
  mixed.action(async (flags: SpeakerFlags & { limit: number; judge: string }) => {
    const store = await openReader(flags.db, flags.judge);
    try {
      const found = await mixedMessages(store, flags, flags.judge, flags.limit);
      if (flags.json) {
        if (found.pairs.length === 0) printError(nothingFound(found, flags.speaker));
        return printJson(found.pairs);
      }
      printText(mixedText(found, flags.speaker));
    } finally {
      await store.close();
    }
  });

  const digest = program
    .command("digest")
    .description("a short sourced report: one speaker's statements on a topic and the contradictions flagged")
    .requiredOption("--speaker <name>", "canonical name or alias")
    .requiredOption("--about <topic>", "what about")
    .addOption(new Option("--format <format>", "report format").choices(["md", "html"]).default("md"))
    .option("--out <file>", "write the report to a file instead of stdout")
    .addOption(judgeOption());
  addRangeOptions(digest);
  addDbOption(digest);
  digest.action(
    async (flags: SpeakerFlags & { about: string; format: string; out?: string; judge: string }) => {
      if (flags.out) checkOutputPath(flags.out, { db: flags.db });
      const store = await openReader(flags.db, flags.judge);
      try {
        const statements = await speakerStatements(store, flags);
        const { pairs } = await mixedMessages(store, flags, flags.judge, DIGEST_PAIRS);
        const input = {
          speaker: flags.speaker,
          about: flags.about,
          since: flags.since,
          until: flags.until,
          statements,
        };
        const report = (flags.format === "html" ? digestHtml : digestMarkdown)({ ...input, mixed: pairs });
        if (flags.out) writeOutputFile(flags.out, report, { db: flags.db });
        else printDocument(report);
      } finally {
        await store.close();
      }
    },
  );
}
