/**
 * Roles stored per person on the real store: how many of the roles of the 30 most quoted people
 * (labels/real/people.jsonl) are junk, against hand labels (labels/real/roles.jsonl, one
 * `{"person", "role", "ok", "why"}` a line). A role is ok when it is an office, title or description of
 * that person as an article gives it ("Republican presidential nominee", "senator from Vermont",
 * "governor of Ohio"); junk when it is words that happened to stand before a name ("what kind of
 * candidate", "Maples nor", "Bennett's"), a glued fragment, or another person's role. Roles with no label
 * are listed and counted apart, so a change that stores new role strings says what to label.
 *
 * usage: node --import tsx scripts/real/roles.ts [--no-rebuild] [--draft]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { contextFromArgs, percent, readLabels, share } from "./common.ts";
import type { RealContext } from "./context.ts";
import { outDir } from "./corpus.ts";

interface RoleLabel {
  person: string;
  role: string;
  ok: boolean;
  why?: string;
}

interface Person {
  name: string;
}

/** Each of the 30 people's stored roles, as `onrecord people` shows them. */
export function storedRoles(ctx: RealContext): Map<string, string[]> {
  const query = ctx.sql.prepare(
    "SELECT r.role FROM roles r JOIN persons p ON p.id = r.person_id WHERE p.name = ? ORDER BY r.role",
  );
  const out = new Map<string, string[]>();
  for (const person of readLabels<Person>("people.jsonl")) {
    out.set(person.name, query.pluck().all(person.name) as string[]);
  }
  return out;
}

export function run(ctx: RealContext, draft = false): Record<string, number> {
  const labels = new Map(readLabels<RoleLabel>("roles.jsonl").map((l) => [`${l.person}\u0000${l.role}`, l]));
  let roles = 0;
  let junk = 0;
  const unlabelled: { person: string; role: string }[] = [];
  const junkByPerson: string[] = [];
  for (const [person, list] of storedRoles(ctx)) {
    let mine = 0;
    for (const role of list) {
      const label = labels.get(`${person}\u0000${role}`);
      if (!label) {
        unlabelled.push({ person, role });
        continue;
      }
      roles++;
      if (!label.ok) {
        junk++;
        mine++;
      }
    }
    if (mine) junkByPerson.push(`${person} ${mine}/${list.length}`);
  }
  console.log(
    `roles of the 30 most quoted people: ${roles + unlabelled.length}; labelled ${roles}; junk ${junk} (${percent(junk, roles)} of labelled)`,
  );
  if (junkByPerson.length) console.log(`  junk by person: ${junkByPerson.join("; ")}`);
  if (unlabelled.length) {
    const shown = unlabelled.slice(0, 15).map((u) => `${u.person}: ${u.role}`);
    console.log(
      `  unlabelled: ${unlabelled.length} (${shown.join("; ")}${unlabelled.length > 15 ? "; …" : ""})`,
    );
  }
  if (draft) {
    const file = path.join(outDir, "roles-draft.jsonl");
    writeFileSync(file, unlabelled.map((u) => `${JSON.stringify({ ...u, ok: null, why: "" })}\n`).join(""));
    console.log(`  ${unlabelled.length} unlabelled roles → ${file}`);
  }
  return {
    roles: roles + unlabelled.length,
    labelled: roles,
    unlabelled: unlabelled.length,
    junk,
    junkShare: share(junk, roles),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ctx = await contextFromArgs();
  run(ctx, process.argv.includes("--draft"));
  await ctx.store.close();
}
