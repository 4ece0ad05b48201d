import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from "yaml";
import { errorMessage } from "../core/errors.ts";
import type { TermInfo } from "./store.ts";

/**
 * Reads a gazetteer of known people: the congress-legislators YAML format (legislators-current.yaml,
 * executive.yaml: a list of people with name, id.wikidata and terms) or a plain CSV with the columns
 * name, aliases, qid, party, role, from, to (one row per term; rows with the same qid, or the same name
 * when there is no qid, are one person; aliases are separated by ";").
 *
 * A file that cannot be read as either is an error naming the file (and line); an entry without a
 * usable name is a problem naming the file, the entry and its line, and the other entries are kept.
 */

/** An office and party held over a period; "senator", "representative", "president", or the CSV's role. */
export type KnownTerm = TermInfo;

export interface KnownPerson {
  /** The name the person is best known by in news: nickname and surname when there is a nickname. */
  name: string;
  /** Other written forms (official full name, with middle name or initial, given name and surname). */
  aliases: string[];
  /** Wikidata QID ("Q22686"), or null when the gazetteer gives none. */
  qid: string | null;
  terms: KnownTerm[];
  /** Where the entry is, for messages: "file:line". */
  where: string;
}

export interface GazetteerProblem {
  where: string;
  message: string;
}

export interface Gazetteer {
  file: string;
  people: KnownPerson[];
  problems: GazetteerProblem[];
}

/** A file that cannot be read as a gazetteer at all. */
export class GazetteerError extends Error {}

const TERM_ROLES: Record<string, string> = {
  sen: "senator",
  rep: "representative",
  prez: "president",
  viceprez: "vice president",
};

const QID = /^Q\d+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readGazetteer(file: string): Gazetteer {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new GazetteerError(`${file}: cannot read: ${errorMessage(error)}`);
  }
  const extension = path.extname(file).toLowerCase();
  if (extension === ".csv") return readCsv(file, text);
  if (extension === ".yaml" || extension === ".yml") return readYaml(file, text);
  throw new GazetteerError(`${file}: unknown gazetteer format (expected .yaml, .yml or .csv)`);
}

function readYaml(file: string, text: string): Gazetteer {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line;
    throw new GazetteerError(
      `${file}${line ? `:${line}` : ""}: not valid YAML: ${error.message.split("\n")[0]}`,
    );
  }
  if (!isSeq(document.contents))
    throw new GazetteerError(`${file}: expected a list of people (the congress-legislators format)`);
  const people: KnownPerson[] = [];
  const problems: GazetteerProblem[] = [];
  document.contents.items.forEach((node, index) => {
    const line = isMap(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
    const where = `${file}: entry ${index + 1}${line ? ` (line ${line})` : ""}`;
    if (!isMap(node)) {
      problems.push({ where, message: "not a person (expected a mapping with name and terms)" });
      return;
    }
    const result = yamlPerson((node as YAMLMap).toJSON() as Record<string, unknown>, where);
    if (typeof result === "string") problems.push({ where, message: result });
    else people.push(result);
  });
  return { file, people: withoutSharedForms(people), problems };
}

/**
 * Two entries of one file that share a written form ("George Bush" for both presidents) must not become
 * one person: the shared form is dropped from both, and an entry whose own name is shared takes its
 * fullest unshared form as its name ("George Herbert Walker Bush").
 */
function withoutSharedForms(people: KnownPerson[]): KnownPerson[] {
  const owners = new Map<string, number>();
  for (const person of people)
    for (const form of new Set([person.name, ...person.aliases].map((f) => f.toLowerCase())))
      owners.set(form, (owners.get(form) ?? 0) + 1);
  const own = (form: string) => owners.get(form.toLowerCase()) === 1;
  return people.map((person) => {
    const forms = [person.name, ...person.aliases].filter(own);
    if (forms.length === [person.name, ...person.aliases].length) return person;
    const name = own(person.name) ? person.name : [...forms].sort((a, b) => b.length - a.length)[0];
    if (!name) return { ...person, aliases: [] };
    return { ...person, name, aliases: forms.filter((form) => form !== name) };
  });
}

function text(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

function day(value: unknown): string | null {
  const written = text(value);
  return written && DAY.test(written) ? written : null;
}

/** One congress-legislators entry, or the reason it cannot be used. */
function yamlPerson(entry: Record<string, unknown>, where: string): KnownPerson | string {
  const name = (entry.name ?? {}) as Record<string, unknown>;
  const first = text(name.first);
  const last = text(name.last);
  if (!first || !last) return "no name.first and name.last";
  const nickname = text(name.nickname);
  const middle = text(name.middle);
  const suffix = text(name.suffix);
  const official = text(name.official_full);
  const withSuffix = (given: string) => [given, last].join(" ") + (suffix ? ` ${suffix}` : "");
  const canonical = withSuffix(nickname ?? first);
  // With a suffix, a form without it may be the father's name ("Robert Menendez" Jr.'s official name is
  // his father's, a senator quoted in 2016): only suffixed forms are kept, as the registry's surname keys do.
  const aliases = [
    withSuffix(first),
    middle ? withSuffix(`${first} ${middle}`) : null,
    middle && !middle.endsWith(".") && middle.length > 1 ? withSuffix(`${first} ${middle[0]}.`) : null,
    official && (!suffix || official.endsWith(suffix)) ? official : null,
  ];
  const ids = (entry.id ?? {}) as Record<string, unknown>;
  const qid = text(ids.wikidata);
  if (qid && !QID.test(qid)) return `id.wikidata is not a Wikidata QID: ${JSON.stringify(qid)}`;
  const rawTerms = Array.isArray(entry.terms) ? (entry.terms as Record<string, unknown>[]) : [];
  if (rawTerms.length === 0) return "no terms";
  const terms: KnownTerm[] = [];
  for (const [i, term] of rawTerms.entries()) {
    const type = text(term?.type);
    if (!type) return `term ${i + 1}: no type`;
    const start = day(term.start);
    if (term.start !== undefined && !start) return `term ${i + 1}: start is not a YYYY-MM-DD date`;
    terms.push({
      role: TERM_ROLES[type] ?? type,
      party: text(term.party),
      state: text(term.state),
      district: text(term.district),
      start,
      end: day(term.end),
    });
  }
  return { name: canonical, aliases: distinctOthers(canonical, aliases), qid, terms, where };
}

const CSV_COLUMNS = ["name", "aliases", "qid", "party", "role", "from", "to"] as const;

function readCsv(file: string, text: string): Gazetteer {
  let rows: string[][];
  try {
    rows = parseCsv(text, { skip_empty_lines: true, relax_column_count: true, trim: true, bom: true });
  } catch (error) {
    const lineOf = (error as { lines?: number }).lines;
    throw new GazetteerError(`${file}${lineOf ? `:${lineOf}` : ""}: not valid CSV: ${errorMessage(error)}`);
  }
  const header = (rows[0] ?? []).map((cell) => cell.toLowerCase());
  const missing = CSV_COLUMNS.filter((column) => column !== "aliases" && !header.includes(column));
  if (header.length === 0 || missing.includes("name"))
    throw new GazetteerError(`${file}:1: expected a header with the columns ${CSV_COLUMNS.join(", ")}`);
  const cell = (row: string[], column: (typeof CSV_COLUMNS)[number]) => {
    const index = header.indexOf(column);
    return index >= 0 ? (row[index]?.trim() ?? "") : "";
  };
  const byKey = new Map<string, KnownPerson>();
  const problems: GazetteerProblem[] = [];
  // Line numbers: csv-parse skipped empty lines, so count them from the text (quoted newlines are rare here).
  const lineNumbers = text
    .split(/\r?\n/)
    .map((line, i) => (line.trim() ? i + 1 : 0))
    .filter(Boolean);
  // One row: the problem with it, or null when it was added to its person.
  const addRow = (row: string[], where: string): string | null => {
    const name = cell(row, "name");
    if (!name) return "empty name";
    const qid = cell(row, "qid") || null;
    if (qid && !QID.test(qid)) return `qid is not a Wikidata QID: ${JSON.stringify(qid)}`;
    const from = cell(row, "from") || null;
    const to = cell(row, "to") || null;
    if (from && !DAY.test(from)) return `from is not a YYYY-MM-DD date: ${JSON.stringify(from)}`;
    if (to && !DAY.test(to)) return `to is not a YYYY-MM-DD date: ${JSON.stringify(to)}`;
    const key = qid ?? `name:${name.toLowerCase()}`;
    const person = byKey.get(key) ?? { name, aliases: [], qid, terms: [], where };
    byKey.set(key, person);
    const aliases = cell(row, "aliases")
      .split(";")
      .map((alias) => alias.trim())
      .filter(Boolean);
    person.aliases = distinctOthers(person.name, [...person.aliases, name, ...aliases]);
    const role = cell(row, "role");
    const party = cell(row, "party") || null;
    if (role || party || from || to)
      person.terms.push({ role: role || "member", party, state: null, district: null, start: from, end: to });
    return null;
  };
  rows.slice(1).forEach((row, i) => {
    const where = `${file}:${lineNumbers[i + 1] ?? i + 2}`;
    const problem = addRow(row, where);
    if (problem) problems.push({ where, message: problem });
  });
  return { file, people: withoutSharedForms([...byKey.values()]), problems };
}

/** The forms other than `name`, once each (case-insensitively). */
function distinctOthers(name: string, forms: (string | null)[]): string[] {
  const seen = new Set([name.toLowerCase()]);
  const out: string[] = [];
  for (const form of forms) {
    if (!form || seen.has(form.toLowerCase())) continue;
    seen.add(form.toLowerCase());
    out.push(form);
  }
  return out;
}
