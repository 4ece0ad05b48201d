import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { FetcherOptions } from "../web/fetcher.ts";
import { parseCount } from "./common.ts";

export interface WebFlags {
  allowPrivate?: boolean;
  contact?: string;
  delay?: number;
  timeout?: number;
  maxItems?: number;
  robots?: boolean;
}

/** Options of every command that fetches (ingest, article, watch). */
export function addWebOptions(command: Command): Command {
  return command
    .option("--allow-private", "allow loopback, private and link-local addresses (local sources)")
    .option("--contact <email-or-url>", "how a site can reach you; sent in the User-Agent")
    .option("--delay <ms>", "pause between two requests to the same host (default 1000)", parseCount)
    .option("--timeout <seconds>", "time limit for one whole response (default 60)", parsePositive)
    .option("--max-items <n>", "links followed per feed or sitemap (default 5000)", parseCount)
    .option("--no-robots", "ignore robots.txt (only for your own sites)");
}

export function fetcherOptionsOf(flags: WebFlags): FetcherOptions {
  return {
    allowPrivate: flags.allowPrivate,
    contact: flags.contact,
    hostDelayMs: flags.delay,
    totalTimeoutMs: flags.timeout === undefined ? undefined : flags.timeout * 1000,
    robots: flags.robots,
  };
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!(number > 0)) throw new InvalidArgumentError("expected a positive number");
  return number;
}
