/**
 * People on the real store: how many entries, how many of the entries with 3 or more statements are not
 * the name of a person or an organisation (hand labels in labels/real/entries.jsonl), and how fragmented
 * the 30 most quoted people are (labels/real/people.jsonl): of the statements whose source names a person,
 * the share stored on that person's one canonical entry.
 *
 * usage: node --import tsx scripts/real/people.ts [--no-rebuild]
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { nameKey } from "../../src/record/migrations.ts";
import { contextFromArgs, percent, type RealStatement, readLabels, realStatements, share } from "./common.ts";
import type { RealContext } from "./context.ts";

/**
 * labels/real/entries.jsonl: is this stored entry the name of a person or an organisation? A real name
 * is kept as written (names of public people and bodies are facts); an entry that is not a name is often
 * a fragment of a headline, so it is kept only as `key`, the start of the SHA-256 of its lowercased name.
 */
export interface EntryLabel {
  name?: string;
  key?: string;
  ok: boolean;
  why: string;
}

/** The key an entry label is found by: its name, or the hash it is stored as. */
export function entryKey(name: string): string {
  return createHash("sha256").update(nameKey(name)).digest("hex").slice(0, 16);
}

/**
 * labels/real/people.jsonl: one of the most quoted people. `forms` name them wherever they occur in a
 * source; `ambiguous` forms (a bare surname shared with a relative) count only in an article that writes
 * one of `forms` in full and none of `others`; `others` (relatives, namesakes) never count, and their
 * names are blanked out of a source before the forms are looked for ("Eric Trump" is not "Trump").
 */
export interface PersonLabel {
  name: string;
  forms: string[];
  ambiguous?: string[];
  others?: string[];
}

const MIN_STATEMENTS = 3;
const SHOW_UNLABELLED = 15;

export function run(ctx: RealContext): Record<string, number> {
  const figures: Record<string, number> = {};
  Object.assign(figures, entries(ctx));
  Object.assign(figures, fragmentation(ctx, realStatements(ctx)));
  return figures;
}

function entries(ctx: RealContext): Record<string, number> {
  const rows = ctx.sql
    .prepare(
      `SELECT p.name, p.kind, count(s.id) AS statements FROM persons p LEFT JOIN statements s ON s.person_id = p.id
       GROUP BY p.id
       -- People known only from the gazetteer, never quoted, are not entries a user sees in \`people\`.
       HAVING statements > 0 OR NOT EXISTS (SELECT 1 FROM person_terms t WHERE t.person_id = p.id)
       ORDER BY statements DESC, p.name`,
    )
    .all() as { name: string; kind: string; statements: number }[];
  const labels = new Map(
    readLabels<EntryLabel>("entries.jsonl").map((l) => [l.key ?? entryKey(l.name ?? ""), l]),
  );
  const labelOf = (name: string) => labels.get(entryKey(name));
  const quoted = rows.filter((r) => r.statements >= MIN_STATEMENTS);
  const labelled = quoted.filter((r) => labelOf(r.name));
  const notNames = labelled.filter((r) => labelOf(r.name)?.ok === false);
  const unlabelled = quoted.filter((r) => !labelOf(r.name));
  const byKind = (kind: string) => rows.filter((r) => r.kind === kind).length;
  console.log(
    `people entries: ${rows.length} (${byKind("person")} person, ${byKind("organization")} organization, ${byKind("group")} group)`,
  );
  console.log(
    `entries with ≥${MIN_STATEMENTS} statements: ${quoted.length}; labelled ${labelled.length}; not a name: ${notNames.length} (${percent(notNames.length, labelled.length)} of labelled)`,
  );
  const worst = [...notNames].sort((a, b) => b.statements - a.statements).slice(0, 10);
  if (worst.length)
    console.log(`  most quoted non-names: ${worst.map((r) => `${r.name} (${r.statements})`).join("; ")}`);
  if (unlabelled.length)
    console.log(
      `  unlabelled entries with ≥${MIN_STATEMENTS} statements: ${unlabelled.length} (add them to labels/real/entries.jsonl): ${unlabelled
        .slice(0, SHOW_UNLABELLED)
        .map((r) => `${r.name} (${r.statements})`)
        .join("; ")}`,
    );
  return {
    entries: rows.length,
    entriesQuoted3: quoted.length,
    entriesQuoted3Labelled: labelled.length,
    entriesQuoted3Unlabelled: unlabelled.length,
    entriesNotNames: notNames.length,
    entriesNotNamesShare: share(notNames.length, labelled.length),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Does `text` name the person with one of `forms` as the head of the source: the form ends the phrase
 * before any apposition ("Tad Devine, a senior adviser to Mr. X" names Devine, not X), is not a possessive
 * or a modifier ("X's aide", "X campaign"), and is not one of two people ("Y and X").
 */
export function namesWith(text: string, forms: string[]): boolean {
  const head = text.split(/[,(—–]|\s-\s/u)[0].trimEnd();
  if (/\sand\s|&/u.test(head)) return false;
  return forms.some((form) => head.endsWith(form) && !/[\p{L}\p{N}]$/u.test(head.slice(0, -form.length)));
}

function blankOut(text: string, names: string[]): string {
  let out = text;
  for (const name of names)
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, "gu"), (m) =>
      "#".repeat(m.length),
    );
  return out;
}

/** The statements whose source names `person`, by the rules of PersonLabel. */
export function statementsNaming(
  ctx: RealContext,
  statements: RealStatement[],
  person: PersonLabel,
): RealStatement[] {
  const others = person.others ?? [];
  const fullInArticle = new Map<string, boolean>();
  const articleAllows = (doc: string): boolean => {
    let allowed = fullInArticle.get(doc);
    if (allowed === undefined) {
      const raw = ctx.articleOf.get(doc)?.rawText ?? "";
      const mentions = (names: string[]) =>
        names.some((n) =>
          new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, "u").test(raw),
        );
      allowed = mentions(person.forms) && !mentions(others);
      fullInArticle.set(doc, allowed);
    }
    return allowed;
  };
  return statements.filter((s) => {
    if (!s.sourceText) return false;
    const text = blankOut(s.sourceText, others);
    if (namesWith(text, person.forms)) return true;
    return (
      (person.ambiguous?.length ?? 0) > 0 && namesWith(text, person.ambiguous ?? []) && articleAllows(s.doc)
    );
  });
}

function fragmentation(ctx: RealContext, statements: RealStatement[]): Record<string, number> {
  const people = readLabels<PersonLabel>("people.jsonl");
  if (people.length === 0) {
    console.log("fragmentation: labels/real/people.jsonl is missing or empty");
    return {};
  }
  const byName = ctx.sql.prepare("SELECT id, name FROM persons WHERE name_key = ?");
  // A registry that renames the entry (a gazetteer's "Bernard Sanders") keeps the old name as an alias.
  const byAlias = ctx.sql.prepare(
    `SELECT p.id, p.name FROM aliases a JOIN persons p ON p.id = a.person_id WHERE a.alias_key = ?
     ORDER BY (SELECT count(*) FROM statements s WHERE s.person_id = p.id) DESC LIMIT 1`,
  );
  let naming = 0;
  let onCanonical = 0;
  let missingEntries = 0;
  const lines: string[] = [];
  for (const person of people) {
    const found = statementsNaming(ctx, statements, person);
    const entry = (byName.get(nameKey(person.name)) ?? byAlias.get(nameKey(person.name))) as
      | { id: number; name: string }
      | undefined;
    let canonicalId = entry?.id;
    let note = entry && nameKey(entry.name) !== nameKey(person.name) ? ` (entry "${entry.name}")` : "";
    if (canonicalId === undefined) {
      // No entry under the canonical name: the largest fragment stands in, and the line says so.
      missingEntries++;
      const counts = new Map<number, number>();
      for (const s of found)
        if (s.personId !== null) counts.set(s.personId, (counts.get(s.personId) ?? 0) + 1);
      canonicalId = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      note = " (no entry under this name; largest fragment used)";
    }
    const right = found.filter((s) => s.personId !== null && s.personId === canonicalId).length;
    naming += found.length;
    onCanonical += right;
    const where = new Map<string, number>();
    for (const s of found) {
      if (s.personId !== null && s.personId === canonicalId) continue;
      const name = s.person ?? "(unresolved)";
      where.set(name, (where.get(name) ?? 0) + 1);
    }
    const elsewhere = [...where]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, n]) => `${name} ${n}`)
      .join(", ");
    lines.push(
      `  ${person.name}: ${right}/${found.length} (${percent(right, found.length)})${note}${elsewhere ? `; elsewhere: ${elsewhere}` : ""}`,
    );
  }
  console.log(
    `fragmentation, ${people.length} most quoted people: ${onCanonical}/${naming} statements naming them on their canonical entry (${percent(onCanonical, naming)})`,
  );
  for (const line of lines) console.log(line);
  return {
    fragmentationPeople: people.length,
    fragmentationNaming: naming,
    fragmentationOnCanonical: onCanonical,
    fragmentationShare: share(onCanonical, naming),
    fragmentationNoEntry: missingEntries,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ctx = await contextFromArgs();
  run(ctx);
  await ctx.store.close();
}
