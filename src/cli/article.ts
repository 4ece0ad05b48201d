import type { Command } from "commander";
import type { ReadResult } from "../ingest/types.ts";
import { errorMessage, failureLocation, type InputFlags, readingCommand, readOptionsOf } from "./common.ts";
import { addFormatOption, type OutputFormat, RecordPrinter } from "./formats.ts";
import { printDocument } from "./terminal.ts";
import { addWebOptions, fetcherOptionsOf, type WebFlags } from "./web-options.ts";

interface ArticleFlags extends InputFlags, WebFlags {
  format: OutputFormat;
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
  const command = readingCommand(
    program,
    "article",
    "read the article text of pages (files or http(s) URLs, feeds and sitemaps followed)",
    { operand: ["<inputs...>", "HTML files, dumps, directories, globs, - or http(s) URLs"] },
  );
  addFormatOption(command, ["jsonl", "json", "text"], "jsonl");
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
  const printer = new RecordPrinter<ArticleLine>(flags.format);
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
      printer.add(line, () => printDocument(textBlock(line)));
    }
  } catch (error) {
    process.stderr.write(`failed: ${errorMessage(error)}\n`);
    failed++;
  }
  printer.end();
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
