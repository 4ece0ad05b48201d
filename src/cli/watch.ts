import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { SourceState } from "../record/sources.ts";
import { addDbOption, openOrCreateStore, parseCount, UsageError, withStore } from "./common.ts";
import { addFormatOption, type FormatFlags, formatOf, render } from "./formats.ts";
import { addWebOptions, fetcherOptionsOf, type WebFlags } from "./web-options.ts";

interface WatchFlags extends WebFlags {
  alert?: string;
  webhook?: string;
  every: number;
  once?: boolean;
  db: string;
  workers?: number;
}

export function registerWatch(program: Command): void {
  const command = program
    .command("watch")
    .description(
      "poll feeds, sitemaps and pages, and ingest what is new (Ctrl-C stops after the article in flight)",
    )
    .argument("<sources...>", "http(s) URLs, or files listing one URL per line")
    .option(
      "--every <interval>",
      "time between polls of a source: 30s, 15m, 2h",
      parseIntervalOption,
      15 * 60_000,
    )
    .option("--once", "poll the sources that are due once, then exit")
    .option("--workers <n>", "processing threads, 0 = main thread (default 0)", parseCount)
    .option(
      "--alert <speakers>",
      "print new mixed messages of these speakers (comma-separated) as JSON lines",
    )
    .option("--webhook <url>", "also POST each alert to this URL (same address rules as fetching)");
  addWebOptions(command);
  addDbOption(command);
  command.action(async (args: string[], flags: WatchFlags) => {
    const { sourceUrls, watchSources } = await import("../app/watch.ts");
    const { urls, problems } = sourceUrls(args);
    if (problems.length > 0) throw new UsageError(problems.join("\n"));
    if (urls.length === 0) throw new UsageError("no sources to watch");
    if (flags.webhook && !/^https?:\/\//i.test(flags.webhook))
      throw new UsageError(`--webhook must be an http(s) URL: ${flags.webhook}`);
    const store = await openOrCreateStore(flags.db);
    const stop: { stopping: boolean; wake?: () => void } = { stopping: false };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stop.stopping) process.exit(130); // a second Ctrl-C: the user does not want to wait
      process.stderr.write(`${signal}: finishing the article in flight, then stopping\n`);
      stop.stopping = true;
      stop.wake?.();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      await watchSources(
        urls,
        store,
        {
          everyMs: flags.every,
          once: flags.once,
          web: fetcherOptionsOf(flags),
          maxItems: flags.maxItems,
          workers: flags.workers,
          log: (line) => process.stderr.write(`${line}\n`),
          alertSpeakers: flags.alert
            ?.split(",")
            .map((name) => name.trim())
            .filter(Boolean),
          webhook: flags.webhook,
          onAlert: (alert) => process.stdout.write(`${JSON.stringify(alert)}\n`),
        },
        stop,
      );
    } finally {
      await store.close();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    if (stop.stopping) process.stderr.write("stopped\n");
  });

  const sources = program.command("sources").description("list watched sources with their health");
  addDbOption(sources);
  addFormatOption(sources, ["text", "json", "jsonl"], "text", "json");
  sources.action(async (flags: FormatFlags & { db: string }) => {
    const list = await withStore(flags.db, (store) => store.sources());
    render(formatOf(flags), list, { text: sourcesText });
  });
}

function sourcesText(list: SourceState[]): string {
  if (list.length === 0) return "no sources (add some with: onrecord watch URL...)\n";
  return list
    .map((source) => {
      const health =
        source.consecutiveErrors === 0
          ? source.lastFetched
            ? "ok"
            : "not fetched yet"
          : `failing (${source.consecutiveErrors} in a row: ${source.lastError})`;
      return (
        `${source.url}\n  ${source.kind ?? "unknown"}, ${health}; last fetched ${source.lastFetched ?? "never"}, ` +
        `last new item ${source.lastNewItem ?? "never"}, ${source.itemsFound} items, next due ${source.nextDue}\n`
      );
    })
    .join("");
}

function parseIntervalOption(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError("expected a duration such as 30s, 15m, 2h or 1d");
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "s"];
}
