import type { Command } from "commander";
import { addDbOption, addJsonOption, printJson, UsageError, withStore } from "./common.ts";
import { formatStatement } from "./quotes.ts";

interface PeopleFlags {
  db: string;
  json?: boolean;
}

export function registerPeople(program: Command): void {
  const people = program
    .command("people")
    .description("list speakers with statement counts, dates and roles");
  addDbOption(people);
  addJsonOption(people);
  people.action((flags: PeopleFlags) => {
    const rows = withStore(flags.db, (store) => store.people());
    if (flags.json) return printJson(rows);
    if (rows.length === 0) return void process.stdout.write("no people\n");
    const width = Math.min(40, Math.max(...rows.map((row) => row.name.length)));
    for (const row of rows) {
      const seen = row.firstSeen ? `${row.firstSeen} … ${row.lastSeen}` : "undated";
      const roles = row.roles.length ? `  ${row.roles.join("; ")}` : "";
      process.stdout.write(
        `${row.name.padEnd(width)}  ${String(row.statements).padStart(5)}  ${seen}${roles}\n`,
      );
    }
  });

  const person = program
    .command("person")
    .description("one speaker: aliases, roles, first and last seen, statements in date order")
    .argument("<name>", "canonical name or alias, any case");
  addDbOption(person);
  addJsonOption(person);
  person.action((name: string, flags: PeopleFlags) => {
    const record = withStore(flags.db, (store) => store.person(name));
    if (!record) throw new UsageError(`no person named ${JSON.stringify(name)} in ${flags.db}`);
    if (flags.json) return printJson(record);
    const affiliation = [record.party, record.state].filter(Boolean).join("-");
    const lines = [
      `${record.name}${affiliation ? ` (${affiliation})` : ""} — ${record.kind}`,
      `aliases:    ${record.aliases.join("; ") || "-"}`,
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
    process.stdout.write(`${lines.join("\n")}\n`);
  });
}
