import type { Command } from "commander";
import { type Gazetteer, GazetteerError, readGazetteer } from "../record/gazetteer.ts";
import type { PersonLink } from "../record/identity.ts";
import { loadOverrides, OVERRIDES_FILE, type Overrides, overridesNextTo } from "../record/overrides.ts";
import type { TermInfo } from "../record/store.ts";
import { addDbOption, addJsonOption, openOrCreateStore, printJson, UsageError, withStore } from "./common.ts";
import { formatStatement } from "./quotes.ts";
import { resolveSpeaker } from "./speaker.ts";
import { printText } from "./terminal.ts";

function formatTerm(term: TermInfo): string {
  const where = [term.state, term.district].filter(Boolean).join("-");
  const what = [term.role, term.party, where].filter(Boolean).join(", ");
  return `${what} (${term.start ?? "?"} … ${term.end ?? "?"})`;
}

interface PeopleFlags {
  db: string;
  json?: boolean;
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
    throw new UsageError((error as Error).message);
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
  addJsonOption(people);
  people.action(async (flags: PeopleFlags) => {
    if (flags.applyOverrides) {
      const overrides = overridesFor(flags);
      const report = await withStore(flags.db, (store) => store.applyOverrides(overrides), "write");
      if (flags.json) return printJson(report);
      const lines = [
        ...report.merged.map((m) => `merged   ${m}`),
        ...report.split.map((m) => `split    ${m}`),
        ...report.renamed.map((m) => `renamed  ${m}`),
        `statements re-linked: ${report.statementsMoved}`,
      ];
      return void printText(`${lines.join("\n")}\n`);
    }
    const rows = await withStore(flags.db, (store) => store.people());
    if (flags.json) return printJson(rows);
    if (rows.length === 0) return void process.stdout.write("no people\n");
    const width = Math.min(40, Math.max(...rows.map((row) => row.name.length)));
    for (const row of rows) {
      const seen = row.firstSeen ? `${row.firstSeen} … ${row.lastSeen}` : "undated";
      const roles = row.roles.length ? `  ${row.roles.join("; ")}` : "";
      const qid = row.qid ? `  ${row.qid}` : "";
      printText(`${row.name.padEnd(width)}  ${String(row.statements).padStart(5)}  ${seen}${qid}${roles}\n`);
    }
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
    if (flags.json) return printJson(report);
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
  addJsonOption(person);
  person.action(async (name: string, flags: PeopleFlags) => {
    const [record, links] = await withStore(flags.db, async (store) => {
      const id = String((await resolveSpeaker(store, name, flags.db)).id);
      return [await store.person(id), await store.personLinks(id)] as const;
    });
    if (!record) throw new UsageError(`no person named ${JSON.stringify(name)} in ${flags.db}`);
    if (flags.json) return printJson(flags.why ? { ...record, links } : record);
    if (flags.why) {
      const lines = [`${record.name} — why these names are this ${record.kind}:`, ...links.map(formatLink)];
      return void printText(`${lines.join("\n")}\n`);
    }
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
    printText(`${lines.join("\n")}\n`);
  });
}
