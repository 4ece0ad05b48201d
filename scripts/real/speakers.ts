/**
 * Speakers named by a pronoun or a description, on a hand-labelled sample (labels/real/speakers.jsonl,
 * drawn by sample-speakers.ts): of the statements the system resolved to someone, the share resolved to
 * the right person; how many it resolved (coverage); how many it left unresolved though the article makes
 * the speaker certain. Wrong is worse than unknown, so a resolution where the label says "no one" (null)
 * counts as wrong. Labels are found again by cue overlap in the article's raw text; a label whose statement
 * is no longer stored (extraction changed) is listed, not counted.
 *
 * usage: node --import tsx scripts/real/speakers.ts [--no-rebuild]
 */
import { fileURLToPath } from "node:url";
import { nameKey } from "../../src/record/migrations.ts";
import {
  contextFromArgs,
  overlaps,
  percent,
  type RealStatement,
  readLabels,
  realStatements,
  share,
} from "./common.ts";
import type { RealContext } from "./context.ts";
import { isPronounSource } from "./sample-speakers.ts";

export interface SpeakerLabel {
  doc: string;
  source: [number, number];
  cue: [number, number];
  kind: "pronoun" | "description";
  speaker: string | null;
  why: string;
}

type Outcome = "right" | "wrong" | "unresolved-ok" | "unresolved-missed";

const KINDS = ["pronoun", "description"] as const;

export function run(ctx: RealContext): Record<string, number> {
  const labels = readLabels<SpeakerLabel>("speakers.jsonl");
  if (labels.length === 0) {
    console.log("speakers: labels/real/speakers.jsonl is missing or empty");
    return {};
  }
  const statements = realStatements(ctx);
  const byDoc = new Map<string, RealStatement[]>();
  for (const s of statements) byDoc.set(s.doc, [...(byDoc.get(s.doc) ?? []), s]);
  const aliasesOf = ctx.sql.prepare("SELECT alias_key FROM aliases WHERE person_id = ?").pluck();

  /** Right when the stored entry is the labelled person: same canonical name, or the label is an alias of a full-name entry. */
  const isRight = (stored: RealStatement, label: SpeakerLabel): boolean => {
    if (label.speaker === null || stored.person === null || stored.personId === null) return false;
    if (nameKey(stored.person) === nameKey(label.speaker)) return true;
    const fullName = /\s/.test(stored.person.trim());
    return fullName && (aliasesOf.all(stored.personId) as string[]).includes(nameKey(label.speaker));
  };

  const missing: SpeakerLabel[] = [];
  const rows: { label: SpeakerLabel; stored: RealStatement; outcome: Outcome }[] = [];
  for (const label of labels) {
    const cue = { start: label.cue[0], end: label.cue[1] };
    const source = { start: label.source[0], end: label.source[1] };
    const candidates = (byDoc.get(label.doc) ?? []).filter((s) => overlaps(s.cue, cue));
    const stored = candidates.find((s) => overlaps(s.source, source)) ?? candidates[0];
    if (!stored) {
      missing.push(label);
      continue;
    }
    const outcome: Outcome =
      stored.personId !== null
        ? isRight(stored, label)
          ? "right"
          : "wrong"
        : label.speaker === null
          ? "unresolved-ok"
          : "unresolved-missed";
    rows.push({ label, stored, outcome });
  }

  const count = (list: typeof rows, outcome: Outcome) => list.filter((r) => r.outcome === outcome).length;
  const figures: Record<string, number> = {
    sample: labels.length,
    found: rows.length,
    notFound: missing.length,
  };
  const summarize = (list: typeof rows, prefix: string) => {
    const right = count(list, "right");
    const resolved = right + count(list, "wrong");
    const missed = count(list, "unresolved-missed");
    const named = list.filter((r) => r.label.speaker !== null).length;
    figures[`${prefix}Found`] = list.length;
    figures[`${prefix}Resolved`] = resolved;
    figures[`${prefix}Right`] = right;
    figures[`${prefix}RightShare`] = share(right, resolved);
    figures[`${prefix}Coverage`] = share(resolved, list.length);
    figures[`${prefix}UnresolvedMissed`] = missed;
    figures[`${prefix}UnresolvedOk`] = count(list, "unresolved-ok");
    console.log(
      `${prefix.padEnd(11)} ${list.length} found: resolved ${resolved} (coverage ${percent(resolved, list.length)}), right ${right} (${percent(right, resolved)} of resolved); unresolved though named ${missed} of ${named} that name someone; unresolved rightly ${count(list, "unresolved-ok")}`,
    );
  };
  console.log(
    `speaker labels: ${labels.length}; found on the store ${rows.length}; not found ${missing.length}`,
  );
  summarize(rows, "all");
  for (const kind of KINDS)
    summarize(
      rows.filter((r) => r.label.kind === kind),
      kind,
    );

  // The sample over-draws resolved descriptions (few on the store); weight each kind's right share by
  // how many resolved statements of that kind the store holds.
  const storeResolved = (kind: (typeof KINDS)[number]) =>
    statements.filter(
      (s) =>
        s.personId !== null &&
        (kind === "pronoun"
          ? isPronounSource(s.sourceText)
          : !isPronounSource(s.sourceText) && s.resolution === "description"),
    ).length;
  let weighted = 0;
  let weight = 0;
  for (const kind of KINDS) {
    const n = storeResolved(kind);
    const resolved = figures[`${kind}Resolved`] ?? 0;
    if (resolved === 0) continue;
    weighted += n * (figures[`${kind}RightShare`] ?? 0);
    weight += n;
  }
  figures.rightShareStoreWeighted = weight ? Math.round((weighted / weight) * 1000) / 1000 : 0;
  console.log(
    `right share weighted by the store's resolved pronouns and descriptions: ${figures.rightShareStoreWeighted}`,
  );

  const wrong = rows.filter((r) => r.outcome === "wrong").slice(0, Number(process.env.SHOW_WRONG ?? 12));
  if (wrong.length)
    console.log(
      `  wrong (first ${wrong.length}): ${wrong.map((r) => `"${r.stored.sourceText}" → ${r.stored.person} (label: ${r.label.speaker ?? "no one"})`).join("; ")}`,
    );
  if (missing.length)
    console.log(
      `  labels not found (extraction changed; re-label): ${missing
        .slice(0, 10)
        .map((l) => `${l.doc} cue ${l.cue.join("-")}`)
        .join("; ")}`,
    );
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ctx = await contextFromArgs();
  run(ctx);
  await ctx.store.close();
}
