import { type ReadOptions, readInputs } from "../ingest/read.ts";
import type { ReadResult } from "../ingest/types.ts";
import { Fetcher, type FetcherOptions } from "./fetcher.ts";
import { readSource, type SourceReadOptions } from "./read-url.ts";

export interface WebReadOptions extends ReadOptions, Omit<SourceReadOptions, "validators"> {
  web?: FetcherOptions;
}

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/**
 * Files, directories, globs and stdin as `readInputs` reads them, and http(s) URLs (pages, feeds,
 * sitemaps) through the fetcher, in input order. Runs of file inputs go to `readInputs` together so a
 * file named twice is still read once.
 */
export async function* readInputsAndUrls(
  inputs: readonly string[],
  options: WebReadOptions = {},
): AsyncGenerator<ReadResult> {
  let fetcher: Fetcher | undefined;
  let files: string[] = [];
  try {
    for (const input of inputs) {
      if (!isUrl(input)) {
        files.push(input);
        continue;
      }
      if (files.length > 0) yield* readInputs(files, options);
      files = [];
      if (options.stopping?.()) return;
      fetcher ??= new Fetcher(options.web);
      yield* readSource(fetcher, input, options);
    }
    if (files.length > 0) yield* readInputs(files, options);
  } finally {
    await fetcher?.close();
  }
}
