import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { digestHtml, digestMarkdown } from "../analysis/digest.ts";
import { judgePair } from "../analysis/judge/index.ts";
import { llmConfigFromEnv, llmJudge } from "../analysis/llm-judge.ts";
import { findMixedMessages, findMixedMessagesAsync, type MixedPair } from "../analysis/mixed.ts";
import { dateOf, type StatementView, spanRef } from "../analysis/statement-view.ts";
import { alsoIn, buildTimeline, timelineMarkdown, timelineText } from "../analysis/timeline.ts";
import { topicQuery } from "../analysis/topics.ts";
import { countOnce, storiesOf } from "../record/near-duplicates.ts";
import { SqliteStore } from "../record/sqlite.ts";
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

/** The speaker's statements narrowed in SQL (speaker, dates, topic keys), then ordered by the timeline. */
function speakerStatements(store: Store, flags: SpeakerFlags): StatementView[] {
  const person = store.person(flags.speaker);
  if (!person) throw new UsageError(`no speaker named ${JSON.stringify(flags.speaker)} in ${flags.db}`);
  if (person.alsoMatches.length) {
    process.stderr.write(
      `onrecord: "${flags.speaker}" also names ${person.alsoMatches.join("; ")}; showing ${person.name}\n`,
    );
  }
  const topicKeys = flags.about ? topicQuery(flags.about) : undefined;
  if (flags.about && topicKeys?.length === 0) {
    throw new UsageError(`topic "${flags.about}" has no words to match on; name a place, person or issue`);
  }
  const views = buildTimeline(
    store.statementViews(person.name, { since: flags.since, until: flags.until, topicKeys }),
  );
  // One wire story in twenty outlets is one statement, "also in 19 outlets".
  if (!(store instanceof SqliteStore)) return views;
  return countOnce(
    views,
    storiesOf(
      store.db,
      views.map((view) => view.articleId),
    ),
  );
}

function mixedText(pairs: readonly MixedPair[]): string {
  if (pairs.length === 0) return "no mixed messages found\n";
  return `${pairs
    .map((pair, index) =>
      [
        `${index + 1}. score ${pair.score}  topics: ${pair.sharedTopics.join(", ") || "-"}`,
        `   ${dateOf(pair.earlier)}  ${pair.earlier.outlet ?? "-"}${alsoIn(pair.earlier)}: ${ellipsize(pair.earlier.content, 160)}`,
        `      (${spanRef(pair.earlier)})`,
        `   ${dateOf(pair.later)}  ${pair.later.outlet ?? "-"}${alsoIn(pair.later)}: ${ellipsize(pair.later.content, 160)}`,
        `      (${spanRef(pair.later)})`,
        ...pair.reasons.map((reason) => `   why: ${reason}`),
      ].join("\n"),
    )
    .join("\n\n")}\n`;
}

/** Mixed messages with the built-in judge, or a language-model server when asked (`--judge llm`). */
async function mixedMessages(store: Store, statements: StatementView[], judge: string): Promise<MixedPair[]> {
  if (judge !== "llm") return findMixedMessages(statements, judgePair);
  const config = llmConfigFromEnv();
  if (!config)
    throw new UsageError("--judge llm needs ONRECORD_LLM_URL (and ONRECORD_LLM_MODEL, ONRECORD_LLM_KEY)");
  return findMixedMessagesAsync(statements, (a, b) => llmJudge(config, a, b, store));
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
  addJsonOption(topics);
  topics.action((flags: { db: string; speaker?: string; limit: number; json?: boolean }) => {
    const rows = withStore(flags.db, (store) => {
      if (flags.speaker && !store.person(flags.speaker)) {
        throw new UsageError(`no speaker named ${JSON.stringify(flags.speaker)} in ${flags.db}`);
      }
      return store.topics({ speaker: flags.speaker, limit: flags.limit });
    });
    if (flags.json) return printJson(rows);
    for (const row of rows) {
      const range = row.firstSeen ? `${row.firstSeen} … ${row.lastSeen}` : "undated";
      process.stdout.write(`${String(row.statements).padStart(6)}  ${row.label.padEnd(28)}  ${range}\n`);
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
  timeline.action((flags: SpeakerFlags & { format: string }) => {
    const statements = withStore(flags.db, (store) => speakerStatements(store, flags));
    if (flags.json || flags.format === "json") return printJson(statements);
    if (flags.format === "md") return void process.stdout.write(timelineMarkdown(flags.speaker, statements));
    process.stdout.write(statements.length ? `${timelineText(statements)}\n` : "no statements\n");
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
    const store = openExistingStore(flags.db);
    try {
      const pairs = (await mixedMessages(store, speakerStatements(store, flags), flags.judge)).slice(
        0,
        flags.limit,
      );
      if (flags.json) return printJson(pairs);
      process.stdout.write(mixedText(pairs));
    } finally {
      store.close();
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
      const store = openExistingStore(flags.db);
      try {
        const statements = speakerStatements(store, flags);
        const pairs = await mixedMessages(store, statements, flags.judge);
        const input = {
          speaker: flags.speaker,
          about: flags.about,
          since: flags.since,
          until: flags.until,
          statements,
        };
        const report = (flags.format === "html" ? digestHtml : digestMarkdown)({ ...input, mixed: pairs });
        if (flags.out) writeFileSync(flags.out, report);
        else process.stdout.write(report);
      } finally {
        store.close();
      }
    },
  );
}
