import { realpathSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatOfPath } from "../ingest/inputs.ts";
import { UsageError } from "./common.ts";

/**
 * The one rule for every file a command writes (`digest --out`, `ingest --failures`): never the
 * database or its journal files, never an input. Paths are compared after resolving symbolic links,
 * and existing files also by device and inode, so `./x/../onrecord.db`, a link to it or a hard link
 * are all recognised.
 */
export interface OutputRule {
  /** The database the command has open. */
  db?: string;
  /** The command's inputs (files or directories); "-" is ignored. */
  inputs?: readonly string[];
}

/** SQLite keeps a database's uncommitted state beside it under these suffixes. */
const DB_COMPANIONS = ["", "-wal", "-shm", "-journal"];

/** The real path of `file`, or of its directory plus its name when it does not exist yet. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const directory = path.dirname(path.resolve(file));
    try {
      return path.join(realpathSync(directory), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

function sameFile(a: string, b: string): boolean {
  if (realPath(a) === realPath(b)) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** Throws a UsageError naming the clash when `out` may not be written under `rule`. */
export function checkOutputPath(out: string, rule: OutputRule, flag = "--out"): void {
  if (rule.db !== undefined) {
    for (const suffix of DB_COMPANIONS) {
      if (sameFile(out, `${rule.db}${suffix}`)) {
        const what = suffix ? `the database's ${suffix.slice(1)} file` : "the database";
        throw new UsageError(`${flag} ${out} is ${what} (${rule.db}); choose another file`);
      }
    }
  }
  const target = realPath(out);
  for (const input of rule.inputs ?? []) {
    if (input === "-") continue;
    if (sameFile(out, input))
      throw new UsageError(`${flag} ${out} is an input of this command; choose another file`);
    const directory = realPath(input);
    let isDirectory = false;
    try {
      isDirectory = statSync(directory).isDirectory();
    } catch {
      // A glob or a missing input: no directory to be inside of.
    }
    if (isDirectory && target.startsWith(`${directory}${path.sep}`) && formatOfPath(out).ok) {
      throw new UsageError(
        `${flag} ${out} is inside the input directory ${input} and would be read as an input; choose another file`,
      );
    }
  }
}

/** Writes a report to `out` after checking the rule. */
export function writeOutputFile(out: string, content: string, rule: OutputRule, flag = "--out"): void {
  checkOutputPath(out, rule, flag);
  writeFileSync(out, content);
}
