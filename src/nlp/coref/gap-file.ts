/**
 * Reading and writing GAP files (Webster et al. 2018): tab-separated, a header row naming the columns
 * ID, Text, Pronoun, Pronoun-offset, A, A-offset, A-coref, B, B-offset, B-coref, URL. The coref columns
 * may be missing or blank in unlabelled input. A bad row is reported with its line number and skipped,
 * so one broken example never stops the rest of a file.
 */

export interface GapExample {
  id: string;
  text: string;
  pronoun: string;
  pronounOffset: number;
  a: string;
  aOffset: number;
  b: string;
  bOffset: number;
  url: string;
  /** Gold labels, when the file has them. */
  aCoref?: boolean;
  bCoref?: boolean;
}

export interface GapRowError {
  line: number;
  id: string;
  message: string;
}

export interface GapReadResult {
  examples: GapExample[];
  errors: GapRowError[];
}

const REQUIRED = ["ID", "Text", "Pronoun", "Pronoun-offset", "A", "A-offset", "B", "B-offset"] as const;

function parseLabel(value: string | undefined): boolean | undefined {
  const v = (value ?? "").trim().toUpperCase();
  if (v === "TRUE") return true;
  if (v === "FALSE") return false;
  return undefined;
}

/** Checks that `name` sits at `offset` in the text: offsets out of range or pointing elsewhere are errors. */
function checkSpan(text: string, name: string, offset: number, what: string): string | null {
  if (!Number.isInteger(offset) || offset < 0 || offset + name.length > text.length) {
    return `${what} offset ${offset} is out of range (text length ${text.length})`;
  }
  if (name.length === 0) return `${what} is empty`;
  if (text.slice(offset, offset + name.length) !== name) {
    return `${what} "${name}" is not at offset ${offset}`;
  }
  return null;
}

export function parseGap(content: string): GapReadResult {
  const lines = content.split(/\r?\n/);
  const examples: GapExample[] = [];
  const errors: GapRowError[] = [];
  const header = (lines[0] ?? "").split("\t").map((h) => h.trim());
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    errors.push({ line: 1, id: "", message: `header lacks column(s) ${missing.join(", ")}` });
    return { examples, errors };
  }
  const column = (name: string) => header.indexOf(name);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const cells = line.split("\t");
    const cell = (name: string): string | undefined => {
      const index = column(name);
      return index >= 0 ? cells[index] : undefined;
    };
    const id = cell("ID") ?? "";
    const fail = (message: string) => errors.push({ line: i + 1, id, message });
    const absent = REQUIRED.filter((name) => cell(name) === undefined);
    if (absent.length > 0) {
      fail(`row has ${cells.length} columns; missing ${absent.join(", ")}`);
      continue;
    }
    const text = cell("Text") ?? "";
    const example: GapExample = {
      id,
      text,
      pronoun: cell("Pronoun") ?? "",
      pronounOffset: Number(cell("Pronoun-offset")),
      a: cell("A") ?? "",
      aOffset: Number(cell("A-offset")),
      b: cell("B") ?? "",
      bOffset: Number(cell("B-offset")),
      url: cell("URL") ?? "",
      aCoref: parseLabel(cell("A-coref")),
      bCoref: parseLabel(cell("B-coref")),
    };
    const problem =
      (id === "" ? "ID is empty" : null) ??
      checkSpan(text, example.pronoun, example.pronounOffset, "Pronoun") ??
      checkSpan(text, example.a, example.aOffset, "A") ??
      checkSpan(text, example.b, example.bOffset, "B");
    if (problem) {
      fail(problem);
      continue;
    }
    examples.push(example);
  }
  return { examples, errors };
}

export interface GapPrediction {
  id: string;
  aCoref: boolean;
  bCoref: boolean;
}

const label = (value: boolean) => (value ? "TRUE" : "FALSE");

/** The scorer's format: `ID<TAB>A-coref<TAB>B-coref`, one line per example, with a header line. */
export function formatGapPredictions(predictions: readonly GapPrediction[]): string {
  const lines = ["ID\tA-coref\tB-coref"];
  for (const p of predictions) lines.push(`${p.id}\t${label(p.aCoref)}\t${label(p.bCoref)}`);
  return `${lines.join("\n")}\n`;
}
