import type { Command } from "commander";
import { Option } from "commander";
import type { ReadResult } from "../ingest/types.ts";
import { addInputOptions, errorMessage, failureLocation, type InputFlags, readOptionsOf } from "./common.ts";
import { addWebOptions, fetcherOptionsOf, type WebFlags } from "./web-options.ts";

interface ArticleFlags extends InputFlags, WebFlags {
  format: "jsonl" | "json" | "text";
  inputFormat?: "text" | "html" | "jsonl" | "csv";
}

/** One page as `onrecord article` prints it: exactly the fields and text `ingest` stores. */
export interface ArticleLine {
  file?: string;
  url?: string;
  canonical: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  /** ISO 639-3, as ingest decides it (statements are extracted from English only). */
  language: string;
  /** The article body, paragraphs separated by blank lines: the raw text ingest stores. */
  text: string;
}

export function registerArticle(program: Command): void {
  const command = program
    .command("article")
    .description("extract the article from pages (files or http(s) URLs, feeds and sitemaps followed)")
    .argument("<inputs...>", "HTML files, dumps, directories, globs, - or http(s) URLs")
    .addOption(
      new Option("--format <format>", "output format").choices(["jsonl", "json", "text"]).default("jsonl"),
    );
  addInputOptions(command, "--input-format");
  addWebOptions(command);
  command.action(async (inputs: string[], flags: ArticleFlags) => {
    const failed = await printArticles(inputs, flags);
    if (failed > 0) process.exitCode = 1;
  });
}

async function printArticles(inputs: string[], flags: ArticleFlags): Promise<number> {
  // Loaded on use, like ingest: the readers pull in the HTML extractor and the language model.
  const [{ readInputsAndUrls }, { cleanText }, { languageOf }] = await Promise.all([
    import("../web/read-any.ts"),
    import("../clean/clean.ts"),
    import("../nlp/language.ts"),
  ]);
  const out = process.stdout;
  const lines: ArticleLine[] = [];
  let failed = 0;
  const results: AsyncIterable<ReadResult> = readInputsAndUrls(inputs, {
    ...readOptionsOf(flags, flags.inputFormat),
    web: { ...fetcherOptionsOf(flags), maxBytes: flags.maxBytes },
    maxItems: flags.maxItems,
  });
  try {
    for await (const result of results) {
      if (!result.ok) {
        failed++;
        process.stderr.write(`failed: ${failureLocation(result.failure)}: ${result.failure.reason}\n`);
        continue;
      }
      const article = result.article;
      const fromWeb = /^https?:\/\//i.test(article.origin);
      const line: ArticleLine = {
        ...(fromWeb ? { url: article.origin } : { file: article.origin }),
        canonical: article.url ?? null,
        title: article.title ?? null,
        byline: article.byline ?? null,
        published: article.published ?? null,
        // The same language decision as processArticle: on the cleaned text.
        language: languageOf(cleanText(article.text).text),
        text: article.text,
      };
      if (flags.format === "json") lines.push(line);
      else if (flags.format === "jsonl") out.write(`${JSON.stringify(line)}\n`);
      else out.write(textBlock(line));
    }
  } catch (error) {
    process.stderr.write(`failed: ${errorMessage(error)}\n`);
    failed++;
  }
  if (flags.format === "json") out.write(`${JSON.stringify(lines, null, 2)}\n`);
  return failed;
}

function textBlock(line: ArticleLine): string {
  const head = [
    `# ${line.title ?? "(no title)"}`,
    `${line.url ? "url" : "file"}: ${line.url ?? line.file}`,
    line.canonical ? `canonical: ${line.canonical}` : "",
    line.byline ? `byline: ${line.byline}` : "",
    line.published ? `published: ${line.published}` : "",
    `language: ${line.language}`,
  ].filter(Boolean);
  return `${head.join("\n")}\n\n${line.text}\n\n`;
}
