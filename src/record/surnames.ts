import { FIRST_NAME_GENDER } from "../nlp/lexicon/given-names.ts";
import { parseName } from "../nlp/names.ts";
import { surnameKey } from "./identity.ts";
import { termOn } from "./known-people.ts";
import { nameKey } from "./migrations.ts";
import { all, get, nocase, perDialect, type Query } from "./sql.ts";

/**
 * Who a bare surname ("Obama", "Clinton") is, decided from the record:
 *
 *  1. the article: the full name of a stored person with that surname written in the same article
 *     ("Clinton" after "Hillary Clinton" is her; after "Bill Clinton", him). When several are written,
 *     the one written last before the statement (else the first after it);
 *  2. the registry: the one plausible person of that surname at the statement's date. Plausible means
 *     quoted in the year around the date with at least PLAUSIBLE_SHARE of that surname's statements, or
 *     holding an office then (a gazetteer term, counted as one statement). "Trump" in 2016 is Donald
 *     Trump: his sons and daughter are quoted, but rarely; "Clinton" in 2016 is ambiguous without the
 *     article, since Bill Clinton is quoted too.
 *
 * Otherwise the bare surname stays apart: a wrong merge is worse than a missed one.
 */

/** A namesake quoted less than this share of the surname's statements in the window is not a candidate. */
const PLAUSIBLE_SHARE = 0.05;
/** How far from the statement's date the registry counts statements, in days. */
const WINDOW_DAYS = 365;

export interface SurnameCandidate {
  id: number;
  name: string;
  /** Known only from a gazetteer: never quoted in the record. */
  silent: boolean;
  /** A known given name or a gazetteer entry: worth more than a title-case fragment ("Year Obama"). */
  trusted: boolean;
}

export interface SurnameContext {
  /** The statement's day (YYYY-MM-DD), or null when undated (then the whole record counts). */
  day: string | null;
  /** The article's cleaned text and the source's offset in it, when the article is at hand. */
  text?: string;
  position?: number;
  /** Decide by the article only (a one-word organisation name is a person only when the article says so). */
  articleOnly?: boolean;
  /** The mention's roles ("Sen.", "Rep."): a gazetteer person never quoted counts only when one fits. */
  roles?: readonly string[];
}

export type SurnameDecision =
  | { id: number; name: string; rule: string; detail: string }
  | { ambiguous: string[] }
  | undefined;

/** Full-name people with surname key `key` (not bare surnames themselves), except `exclude`. */
export function* surnameCandidates(key: string, exclude?: number): Query<SurnameCandidate[]> {
  const rows = yield* all<{ id: number; name: string; qid: string | null; known: number; quoted: number }>(
    `SELECT id, name, qid,
       CASE WHEN EXISTS (SELECT 1 FROM person_terms t WHERE t.person_id = persons.id) THEN 1 ELSE 0 END AS known,
       CASE WHEN EXISTS (SELECT 1 FROM statements s WHERE s.person_id = persons.id) THEN 1 ELSE 0 END AS quoted
     FROM persons WHERE surname_key = ? AND kind = 'person' AND id != ? ORDER BY id`,
    key,
    exclude ?? -1,
  );
  const out: SurnameCandidate[] = [];
  for (const row of rows) {
    const first = parseName(row.name).first;
    if (!first) continue;
    out.push({
      id: row.id,
      name: row.name,
      silent: row.known === 1 && row.quoted === 0,
      trusted: row.qid !== null || row.known === 1 || FIRST_NAME_GENDER.has(first.toLowerCase()),
    });
  }
  return out;
}

export function* decideSurname(
  key: string,
  context: SurnameContext,
  exclude?: number,
): Query<SurnameDecision> {
  const everyone = yield* surnameCandidates(key, exclude);
  if (everyone.length === 0) return undefined;
  // In the article, a known given name outranks a title-case fragment written there ("Does Rubio"); across
  // the record every namesake counts, since a real rival may have a given name the list lacks.
  const trusted = everyone.filter((c) => c.trusted);
  if (context.text !== undefined) {
    const found =
      (trusted.length > 0
        ? yield* byArticle(key, trusted, context.text, context.position ?? 0)
        : undefined) ?? (yield* byArticle(key, everyone, context.text, context.position ?? 0));
    if (found) return found;
  }
  if (context.articleOnly) return undefined;
  // A member of Congress never quoted in the record is no evidence for a bare "Harris": only a mention
  // whose role fits the office they held that day ("Rep. Harris") makes them a candidate.
  const fitting: SurnameCandidate[] = [];
  for (const c of everyone)
    if (!c.silent || (context.roles?.length && (yield* officeFits(c.id, context.day, context.roles))))
      fitting.push(c);
  if (fitting.length === 0) return undefined;
  return yield* byRegistry(fitting, context.day);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A person's aliases in the order SQLite's key on (person, alias NOCASE) reads them. */
const ALIASES_IN_ORDER = perDialect(
  (dialect) => `SELECT alias FROM aliases WHERE person_id = ? ORDER BY ${nocase("alias")[dialect]}`,
);

/** The candidate whose full name the article writes nearest before `position` (else first after it). */
function* byArticle(
  key: string,
  candidates: SurnameCandidate[],
  text: string,
  position: number,
): Query<SurnameDecision> {
  // Forms: canonical names, and full-name aliases with that surname owned by one candidate only.
  const owners = new Map<string, Set<number>>();
  const forms = new Map<string, string>();
  for (const candidate of candidates) {
    const aliases = yield* all<{ alias: string }>(ALIASES_IN_ORDER, candidate.id);
    const names = [candidate.name, ...aliases.map((row) => row.alias)];
    for (const name of names) {
      const parsed = parseName(name);
      if (!parsed.first || surnameKey(name) !== key) continue;
      const form = nameKey(name);
      forms.set(form, name);
      owners.set(form, (owners.get(form) ?? new Set()).add(candidate.id));
    }
  }
  const canonical = new Map(candidates.map((c) => [nameKey(c.name), c]));
  let before: { candidate: SurnameCandidate; at: number; form: string } | undefined;
  let after: { candidate: SurnameCandidate; at: number; form: string } | undefined;
  for (const [form, ids] of owners) {
    const owner = canonical.get(form) ?? (ids.size === 1 ? candidates.find((c) => ids.has(c.id)) : undefined);
    if (!owner) continue;
    const written = forms.get(form) ?? form;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(written)}(?![\\p{L}\\p{N}])`, "giu");
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      if (at < position) {
        if (!before || at > before.at) before = { candidate: owner, at, form: written };
      } else if (!after || at < after.at) after = { candidate: owner, at, form: written };
    }
  }
  const chosen = before ?? after;
  if (!chosen) return undefined;
  return {
    id: chosen.candidate.id,
    name: chosen.candidate.name,
    rule: "surname only: the full name written in the article",
    detail: `"${chosen.form}" at ${chosen.at}`,
  };
}

/** Words of a mention's role that name each gazetteer office. */
const OFFICE_WORDS: Record<string, readonly string[]> = {
  senator: ["sen", "sens", "senator"],
  representative: ["rep", "reps", "representative", "congressman", "congresswoman"],
  president: ["president"],
  "vice president": ["vice"],
};

function* officeFits(id: number, day: string | null, roles: readonly string[]): Query<boolean> {
  if (!day) return false;
  const term = yield* termOn(id, day);
  const words = OFFICE_WORDS[term?.role ?? ""];
  if (!words) return false;
  return roles.some((role) =>
    role
      .toLowerCase()
      .split(/[\s,.]+/)
      .some((word) => words.includes(word)),
  );
}

function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The one plausible candidate at `day` by statements in the window and offices held. */
function* byRegistry(candidates: SurnameCandidate[], day: string | null): Query<SurnameDecision> {
  const weights: { candidate: SurnameCandidate; weight: number }[] = [];
  for (const candidate of candidates) {
    const counted = day
      ? yield* get<{ n: number }>(
          "SELECT count(*) AS n FROM statements WHERE person_id = ? AND published BETWEEN ? AND ?",
          candidate.id,
          shiftDay(day, -WINDOW_DAYS),
          shiftDay(day, WINDOW_DAYS),
        )
      : yield* get<{ n: number }>("SELECT count(*) AS n FROM statements WHERE person_id = ?", candidate.id);
    const office = day && (yield* termOn(candidate.id, day)) ? 1 : 0;
    weights.push({ candidate, weight: (counted?.n ?? 0) + office });
  }
  // A candidate who was never quoted nor in office counts only when nobody else is known at all (the
  // first full name of a surname, before any statement of theirs is stored).
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  if (total === 0) {
    if (candidates.length === 1)
      return {
        ...pick(candidates[0]),
        rule: "surname only: the one known person with that surname",
        detail: `only "${candidates[0].name}" has the surname`,
      };
    return { ambiguous: candidates.map((c) => c.name) };
  }
  const plausible = weights.filter((w) => w.weight > 0 && w.weight / total >= PLAUSIBLE_SHARE);
  if (plausible.length !== 1) return { ambiguous: plausible.map((w) => w.candidate.name) };
  const [winner] = plausible;
  const others = weights.filter((w) => w !== winner && w.weight > 0);
  return {
    ...pick(winner.candidate),
    rule:
      others.length === 0
        ? "surname only: the one known person with that surname"
        : "surname only: the one plausible person with that surname at that date",
    detail: `${winner.candidate.name} ${winner.weight}${others.map((o) => `, ${o.candidate.name} ${o.weight}`).join("")} (statements within ${WINDOW_DAYS} days${day ? ` of ${day}` : ""}, +1 in office)`,
  };
}

function pick(candidate: SurnameCandidate): { id: number; name: string } {
  return { id: candidate.id, name: candidate.name };
}
