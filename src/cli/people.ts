import type { Command } from "commander";
import { people as listPeople, person as personReport } from "../app/queries.ts";
import { errorMessage } from "../core/errors.ts";
import { type Gazetteer, GazetteerError, readGazetteer } from "../record/gazetteer.ts";
import type { PersonLink } from "../record/identity.ts";
import { loadOverrides, OVERRIDES_FILE, type Overrides, overridesNextTo } from "../record/overrides.ts";
import type { PersonRecord, PersonSummary, TermInfo } from "../record/store.ts";
import { addDbOption, openOrCreateStore, UsageError, withStore } from "./common.ts";
import { addFormatOption, type FormatFlags, formatOf, render } from "./formats.ts";
import { formatStatement } from "./statements.ts";

function formatTerm(term: TermInfo): string {
  const where = [term.state, term.district].filter(Boolean).join("-");
  const what = [term.role, term.party, where].filter(Boolean).join(", ");
  return `${what} (${term.start ?? "?"} … ${term.end ?? "?"})`;
}

interface PeopleFlags extends FormatFlags {
  db: string;
  why?: boolean;
  overrides?: string;
  applyOverrides?: boolean;
}

/** The overrides to apply: --overrides FILE, else onrecord.overrides.json next to the database. */
function overridesFor(flags: PeopleFlags): Overrides {
  const file = flags.overrides ?? overridesNextTo(flags.db);
  if (!file)
    throw new UsageError(`no overrides: pass --overrides FILE or put ${OVERRIDES_FILE} next to ${flags.db}`);
  try {
    return loadOverrides(file);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

function formatLink(link: PersonLink): string {
  const where = link.articleId
    ? ` [article ${link.articleId.slice(0, 12)}${link.span ? ` ${link.span.start}-${link.span.end}` : ""}]`
    : "";
  return `  ${JSON.stringify(link.name)}: ${link.rule}${where}${link.detail ? ` — ${link.detail}` : ""}`;
}

export function registerPeople(program: Command): void {
  const people = program
    .command("people")
    .description("list speakers with statement counts, dates and roles")
    .option("--apply-overrides", "apply the overrides file to the stored people (re-links statements)")
    .option("--overrides <file>", `overrides JSON (default: ${OVERRIDES_FILE} next to the database)`);
  addDbOption(people);
  addFormatOption(people, ["text", "json", "jsonl"], "text", "json");
  people.action(async (flags: PeopleFlags) => {
    if (flags.applyOverrides) {
      const overrides = overridesFor(flags);
      const report = await withStore(flags.db, (store) => store.applyOverrides(overrides), "write");
      return render(formatOf(flags), report, {
        text: (r) =>
          `${[
            ...r.merged.map((m) => `merged   ${m}`),
            ...r.split.map((m) => `split    ${m}`),
            ...r.renamed.map((m) => `renamed  ${m}`),
            `statements re-linked: ${r.statementsMoved}`,
          ].join("\n")}\n`,
      });
    }
    const rows = await withStore(flags.db, (store) => listPeople(store));
    render(formatOf(flags), rows, { text: peopleText });
  });

  const load = people
    .command("import")
    .description(
      "load known people: a congress-legislators YAML file or a CSV (name, aliases, qid, party, role, from, to)",
    )
    .argument("<file>", "gazetteer file (.yaml, .yml or .csv)");
  // --db and --json belong to `people` (commander reads them there, before or after "import").
  load.action(async (file: string) => {
    const flags = people.opts<PeopleFlags>();
    let gazetteer: Gazetteer;
    try {
      gazetteer = readGazetteer(file);
    } catch (error) {
      if (error instanceof GazetteerError) throw new UsageError(error.message);
      throw error;
    }
    // Importing creates the record when absent: known people can be loaded before the first ingest.
    const store = await openOrCreateStore(flags.db);
    let report: Awaited<ReturnType<typeof store.importGazetteer>>;
    try {
      report = await store.importGazetteer(gazetteer);
    } finally {
      await store.close();
    }
    for (const problem of report.problems)
      process.stderr.write(`onrecord: ${problem.where}: ${problem.message}\n`);
    if (report.problems.length) process.exitCode = 1;
    // Written as is (not made terminal-safe), as before: the file name and merges are the user's own.
    const format = formatOf(flags);
    if (format !== "text") return render(format, report);
    const lines = [
      `${file}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged${report.problems.length ? `, ${report.problems.length} skipped` : ""}`,
      ...report.merged.map((m) => `merged   ${m}`),
      ...(report.settled.moved
        ? [`bare surnames settled: ${report.settled.moved} statements re-linked`]
        : []),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  });

  const person = program
    .command("person")
    .description("one speaker: aliases, roles, first and last seen, statements in date order")
    .argument("<name>", "canonical name or alias, any case")
    .option("--why", "show why each name was linked to the person (rule and evidence)");
  addDbOption(person);
  addFormatOption(person, ["text", "json"], "text", "json");
  person.action(async (name: string, flags: PeopleFlags) => {
    const { record, links } = await withStore(flags.db, (store) => personReport(store, name));
    if (flags.why) {
      return render(
        formatOf(flags),
        { ...record, links },
        {
          text: () =>
            `${[`${record.name} — why these names are this ${record.kind}:`, ...links.map(formatLink)].join("\n")}\n`,
        },
      );
    }
    render(formatOf(flags), record, { text: () => personText(name, record) });
  });
}

function peopleText(rows: PersonSummary[]): string {
  if (rows.length === 0) return "no people\n";
  const width = Math.min(40, Math.max(...rows.map((row) => row.name.length)));
  return rows
    .map((row) => {
      const seen = row.firstSeen ? `${row.firstSeen} … ${row.lastSeen}` : "undated";
      const roles = row.roles.length ? `  ${row.roles.join("; ")}` : "";
      const qid = row.qid ? `  ${row.qid}` : "";
      return `${row.name.padEnd(width)}  ${String(row.statements).padStart(5)}  ${seen}${qid}${roles}\n`;
    })
    .join("");
}

function personText(name: string, record: PersonRecord): string {
  const affiliation = [record.party, record.state].filter(Boolean).join("-");
  const lines = [
    `${record.name}${affiliation ? ` (${affiliation})` : ""} — ${record.kind}, id ${record.id}${record.qid ? `, ${record.qid}` : ""}`,
    `aliases:    ${record.aliases.join("; ") || "-"}`,
    ...(record.terms.length ? [`terms:      ${record.terms.map(formatTerm).join("; ")}`] : []),
    ...(record.alsoMatches.length
      ? [`also named ${JSON.stringify(name)}: ${record.alsoMatches.join("; ")}`]
      : []),
    `roles:      ${
      record.roles
        .map((role) => `${role.role} (${role.firstSeen ?? "?"} … ${role.lastSeen ?? "?"})`)
        .join("; ") || "-"
    }`,
    `statements: ${record.statementCount}, first seen ${record.firstSeen ?? "-"}, last seen ${record.lastSeen ?? "-"}`,
    "",
    ...record.statements.map(formatStatement),
  ];
  return `${lines.join("\n")}\n`;
}
