import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { fileErrorReason } from "./decode.ts";
import type { InputFormat } from "./options.ts";
import type { ReadFailure } from "./types.ts";

/** A file's format: an article format, or a WARC archive (many HTML responses). */
export type FileFormat = InputFormat | "warc";

/** What one command-line input expands to. */
export type InputItem =
  | { kind: "file"; path: string; format: FileFormat; gzip: boolean; zstd: boolean }
  | { kind: "stdin" }
  | { kind: "failure"; failure: ReadFailure };

export const SUPPORTED = "(expected .txt, .html, .jsonl, .csv, .warc; also .gz or .zst)";

const EXTENSION_FORMATS: Record<string, FileFormat> = {
  ".txt": "text",
  ".text": "text",
  ".md": "text",
  ".html": "html",
  ".htm": "html",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".json": "jsonl",
  ".csv": "csv",
  ".warc": "warc",
};

export type FormatGuess =
  | { ok: true; format: FileFormat; gzip: boolean; zstd: boolean }
  | { ok: false; reason: string };

/** Every format may be gzip- or zstd-compressed (.html.gz, .jsonl.zst, .warc.gz). */
export function formatOfPath(file: string): FormatGuess {
  const name = path.basename(file).toLowerCase();
  const gzip = name.endsWith(".gz");
  const zstd = name.endsWith(".zst");
  const base = gzip ? name.slice(0, -3) : zstd ? name.slice(0, -4) : name;
  const extension = path.extname(base);
  const format = EXTENSION_FORMATS[extension];
  if (format) return { ok: true, format, gzip, zstd };
  const shown = gzip ? `${extension}.gz` : zstd ? `${extension}.zst` : extension;
  return { ok: false, reason: `unsupported file type '${shown || name}' ${SUPPORTED}` };
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Expands inputs in order: "-" is stdin; an existing directory is walked recursively (sorted,
 * hidden entries skipped, files of unsupported types skipped silently, since directories hold
 * notes and annotations too); a missing path with glob characters is a pattern; anything else is
 * a file, and a named file of an unsupported type is a failure. A file reached twice is read once.
 */
export async function* expandInputs(inputs: readonly string[]): AsyncGenerator<InputItem> {
  const seen = new Set<string>();
  const fileItem = (file: string, explicit: boolean): InputItem | null => {
    const key = path.resolve(file);
    if (seen.has(key)) return null;
    seen.add(key);
    const guess = formatOfPath(file);
    if (guess.ok)
      return { kind: "file", path: file, format: guess.format, gzip: guess.gzip, zstd: guess.zstd };
    return explicit ? { kind: "failure", failure: { origin: file, reason: guess.reason } } : null;
  };
  for (const input of inputs) {
    if (input === "-") {
      yield { kind: "stdin" };
      continue;
    }
    let isDirectory = false;
    let exists = true;
    try {
      isDirectory = (await stat(input)).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        yield { kind: "failure", failure: { origin: input, reason: fileErrorReason(error) } };
        continue;
      }
      exists = false;
    }
    if (isDirectory) {
      const files = (await walk(input)).filter((file) => formatOfPath(file).ok);
      if (files.length === 0) {
        yield {
          kind: "failure",
          failure: { origin: input, reason: `no article files in directory ${SUPPORTED}` },
        };
      }
      for (const file of files) {
        const item = fileItem(file, false);
        if (item) yield item;
      }
    } else if (!exists && GLOB_CHARS.test(input)) {
      const matches = (
        await glob(input, {
          onlyFiles: true,
          dot: false,
          expandDirectories: false,
          absolute: path.isAbsolute(input),
        })
      ).sort();
      if (matches.length === 0)
        yield { kind: "failure", failure: { origin: input, reason: "no files match this pattern" } };
      for (const file of matches) {
        const item = fileItem(file, false);
        if (item) yield item;
      }
    } else if (!exists) {
      yield { kind: "failure", failure: { origin: input, reason: "file not found" } };
    } else {
      const item = fileItem(input, true);
      if (item) yield item;
    }
  }
}

async function walk(directory: string): Promise<string[]> {
  const files: string[] = [];
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    return files;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile()) files.push(full);
    else if (entry.isSymbolicLink()) {
      // Follow links to files; links to directories are not walked, which also rules out cycles.
      const target = await stat(full).catch(() => null);
      if (target?.isFile()) files.push(full);
    }
  }
  return files;
}
