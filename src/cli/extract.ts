import { statSync } from "node:fs";
import type { Command } from "commander";
import { FailureLog, failureReport } from "../app/failure-log.ts";
import { sliceSpan } from "../core/span.ts";
import { STATEMENT_FACTS, type StatementFacts } from "../core/statement.ts";
import type { InputFormat } from "../ingest/options.ts";
import type { RawArticle } from "../ingest/types.ts";
import type { Span, Speaker } from "../nlp/doc.ts";
import { isEnglish } from "../nlp/language.ts";
import type { ProcessedArticle } from "../record/types.ts";
import { errorMessage, type InputFlags, readingCommand, readOptionsOf } from "./common.ts";
import { addFormatOption, type OutputFormat, RecordPrinter } from "./formats.ts";
import { printError, printText } from "./terminal.ts";

interface ExtractFlags extends InputFlags {
  format: OutputFormat;
  inputFormat?: InputFormat;
}

interface TextSpan extends Span {
  text: string;
}

/** One line of `extract --format jsonl`: the input format of score-attributions.mjs, plus extras. */
export interface ExtractedFile {
  file: string;
  /** The text the offsets index, when it is not the file's own text (HTML bodies, dump records). */
  text?: string;
  /** ISO 639-3 code of the article's language; attributions are extracted from English only. */
  language: string;
  /** With the statement's facts (kind, confidence, ...); a fact the extractor left null is omitted. */
  attributions: ({
    source: TextSpan | null;
    cue: TextSpan | null;
    content: TextSpan[];
    speaker: Speaker | null;
  } & Partial<StatementFacts>)[];
}

export function registerExtract(program: Command): void {
  const command = readingCommand(
    program,
    "extract",
    "print the attributions of each article, with offsets into the text as read (no database)",
  );
  addFormatOption(command, ["jsonl", "json", "text"], "jsonl");
  command.action(async (files: string[], flags: ExtractFlags) => {
    // Loaded on use, so other commands start fast.
    const { readInputs } = await import("../ingest/read.ts");
    const { processArticle } = await import("../process.ts");
    const printer = new RecordPrinter<ExtractedFile>(flags.format);
    // Bounded however many inputs fail: the first few are shown, the rest counted by reason.
    const failures = new FailureLog();
    for await (const result of readInputs(files, readOptionsOf(flags, flags.inputFormat))) {
      if (!result.ok) {
        failures.add(result.failure);
        continue;
      }
      let processed: ProcessedArticle;
      try {
        processed = processArticle(result.article);
      } catch (error) {
        failures.add({ origin: result.article.origin, reason: errorMessage(error) });
        continue;
      }
      const file = toExtractedFile(result.article, processed);
      printer.add(file, () => printText(formatListing(file, processed)));
    }
    printer.end();
    printError(failureReport(failures.counted()));
    if (failures.total > 0) process.exitCode = 1;
  });
}

/**
 * Offsets point into the raw text (the file as read, for plain text), mapped back from the cleaned
 * text through the offset map, so a scorer can slice the original file.
 */
export function toExtractedFile(raw: RawArticle, processed: ProcessedArticle): ExtractedFile {
  const at = (span: Span | null): TextSpan | null =>
    span ? { start: span.start, end: span.end, text: sliceSpan(raw.text, span) } : null;
  const file: ExtractedFile = { file: raw.origin, language: processed.language, attributions: [] };
  if (!isWholeFile(raw)) file.text = raw.text;
  file.attributions = processed.statements.map((statement) => ({
    source: at(statement.rawSource),
    cue: at(statement.rawCue),
    content: statement.rawContent.map((span) => at(span) as TextSpan),
    speaker: statement.speaker,
    ...knownFacts(statement),
  }));
  return file;
}

/** The statement's facts that have a value. */
function knownFacts(statement: StatementFacts): Partial<StatementFacts> {
  return Object.fromEntries(
    STATEMENT_FACTS.flatMap((fact) => (statement[fact] == null ? [] : [[fact, statement[fact]]])),
  );
}

/** The cleaned text, then each attribution with its spans as [raw offsets | cleaned offsets]. */
/**
 * Whether the article's text is the whole file named by its origin (a plain-text file), so offsets
 * index that file; HTML bodies, dump records ("dump.jsonl:3") and stdin carry their text instead.
 */
function isWholeFile(raw: RawArticle): boolean {
  if (raw.format !== "text") return false;
  try {
    return statSync(raw.origin).isFile();
  } catch {
    return false;
  }
}

function formatListing(file: ExtractedFile, processed: ProcessedArticle): string {
  const lines = [
    isEnglish(file.language)
      ? `== ${file.file} (${file.attributions.length} attributions; spans are [as read | cleaned])`
      : `== ${file.file} (language ${file.language}, not English: no attributions extracted)`,
    "",
    processed.text.trimEnd(),
    "",
  ];
  const both = (span: TextSpan, clean: Span | null | undefined) =>
    `[${span.start}-${span.end} | ${clean ? `${clean.start}-${clean.end}` : "?"}]`;
  file.attributions.forEach((attribution, index) => {
    const statement = processed.statements[index];
    const speaker = attribution.speaker
      ? `${attribution.speaker.name} (${attribution.speaker.kind}, by ${attribution.speaker.resolution})`
      : "unresolved";
    const confidence =
      attribution.confidence == null ? "" : `, confidence ${attribution.confidence.toFixed(2)}`;
    lines.push(`${index + 1}. ${speaker} — ${attribution.kind}${confidence}`);
    if (attribution.source) {
      lines.push(`   source  ${both(attribution.source, statement?.source)} ${attribution.source.text}`);
    }
    if (attribution.cue)
      lines.push(`   cue     ${both(attribution.cue, statement?.cue)} ${attribution.cue.text}`);
    attribution.content.forEach((part, i) => {
      lines.push(`   content ${both(part, statement?.content[i])} ${part.text.replace(/\s+/g, " ")}`);
    });
  });
  lines.push("", "");
  return lines.join("\n");
}
