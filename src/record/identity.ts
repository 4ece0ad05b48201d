import type { Span } from "../core/span.ts";
import type { Speaker } from "../core/statement.ts";
import { FIRST_NAME_GENDER } from "../nlp/lexicon/given-names.ts";
import { parseName } from "../nlp/names.ts";
import { LINK_COLUMNS, noteRows } from "./link-rows.ts";
import { MERGE_ROLES, MOVE_ALIASES, MOVE_LINKS, MOVE_TERMS } from "./merge-sql.ts";
import { nameKey } from "./migrations.ts";
import { NO_OVERRIDES, type Overrides, overrideTargets } from "./overrides.ts";
import { refreshSpeakerSearch } from "./search.ts";
import { all, get, insertRows, type Query, run } from "./sql.ts";
import { decideSurname } from "./surnames.ts";

/**
 * The person registry across articles: decides which stored person a speaker resolved inside one
 * article is, and writes down why (table person_links: rule, name, article, span).
 *
 * Rules, tried in order; each is explainable from the record alone:
 *  - "manual override: merge|split|rename": the overrides file names the person;
 *  - "same full name": the canonical name (or organisation name) is already a person;
 *  - "known full-name alias": a multi-word name already stored as an alias of exactly one person
 *    (a hover card's "Donald John Trump");
 *  - "surname only: the one known person with that surname" and "surname only: the one namesake
 *    with a matching role": a bare surname ("Voss") joins a full-name person with that surname when
 *    there is exactly one, or exactly one whose stored roles share a word with the mention's roles.
 *    Several candidates and no deciding role: the bare surname stays a person of its own
 *    ("ambiguous surname kept apart"), because a wrong merge is worse than a missed one;
 *  - "new person"; and when a full name arrives while a bare-surname person of that surname exists and
 *    no other full name shares it, the bare person is merged into it ("surname-only person merged
 *    into the only full name").
 * Different given names never merge ("Bill Clinton" ≠ "Hillary Clinton"), and suffixes are part of
 * the surname key ("Donald Trump Jr." is not a namesake of "Trump").
 */

export interface LinkEvidence {
  articleId: string | null;
  span: Span | null;
  /** The article's cleaned text (what `span` indexes) and day, for deciding who a bare surname is. */
  text?: string;
  day?: string | null;
}

/** Why a name was linked to a person, before it is written down (PersonRegistry.note). */
export interface LinkNote {
  personId: number;
  name: string;
  rule: string;
  evidence: LinkEvidence;
  detail: string | null;
}

export interface PersonLink {
  name: string;
  rule: string;
  articleId: string | null;
  span: Span | null;
  detail: string | null;
  createdAt: string;
}

export interface OverrideReport {
  merged: string[];
  split: string[];
  renamed: string[];
  statementsMoved: number;
}

export type LocalSpeaker = Pick<Speaker, "name" | "kind"> & Partial<Speaker>;

/** Words of roles that say nothing about the position ("of", "the"), ignored when comparing roles. */
const ROLE_STOPWORDS = new Set(["of", "the", "and", "for", "on", "former", "a", "an"]);

/** The surname key of a person's canonical name: surname plus suffix ("trump", "farrow jr."). */
export function surnameKey(name: string, kind: Speaker["kind"] = "person"): string | null {
  if (kind !== "person") return null;
  const parsed = parseName(name);
  if (!parsed.last) return null;
  return nameKey([parsed.last, parsed.suffix].filter(Boolean).join(" "));
}

function isOneWord(name: string): boolean {
  return !/\s/.test(name.trim());
}

/** True for a canonical name with no given name ("Voss", "Castellan"). */
export function isBareSurname(name: string): boolean {
  return !parseName(name).first;
}

function roleWords(roles: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const role of roles)
    for (const word of role.toLowerCase().split(/[\s,]+/))
      if (word && !ROLE_STOPWORDS.has(word)) words.add(word.replace(/\.$/, ""));
  return words;
}

/**
 * The registry's rules as record queries (sql.ts), so the SQLite and PostgreSQL stores link names the same
 * way. It holds no connection: each method is run by the store inside the transaction that writes.
 */
export class PersonRegistry {
  private targets: Map<string, { target: string; rule: string }>;
  /** Link notes not yet written (deferringNotes); null writes each note at once. */
  private pending: LinkNote[] | null = null;

  constructor(overrides: Overrides = NO_OVERRIDES) {
    this.targets = overrideTargets(overrides);
  }

  setOverrides(overrides: Overrides): void {
    this.targets = overrideTargets(overrides);
  }

  /** The stored person for an in-article speaker, created when new; records the rule that linked it. */
  *link(speaker: LocalSpeaker, evidence: LinkEvidence): Query<number> {
    const { id, sameName } = yield* this.linkByRules(speaker, evidence);
    // A name that was linked to someone else's canonical name stays findable as an alias. (The person
    // found or made under this very name needs no look, which saves a round trip per speaker.)
    if (sameName) return id;
    const stored = yield* get<{ name_key: string }>("SELECT name_key FROM persons WHERE id = ?", id);
    if (stored?.name_key !== nameKey(speaker.name)) yield* this.addAlias(id, speaker.name);
    return id;
  }

  /**
   * A registry for one write transaction that keeps the link notes it makes and writes them when asked
   * (flushNotes) or before a merge moves links: one insert per article instead of one per name. Its own
   * object, because one store runs several transactions at once.
   */
  deferringNotes(): PersonRegistry {
    const registry = new PersonRegistry();
    registry.targets = this.targets;
    registry.pending = [];
    return registry;
  }

  /** The notes kept so far (deferringNotes), now to be written by the caller. */
  takeNotes(): LinkNote[] {
    const notes = this.pending ?? [];
    if (this.pending) this.pending = [];
    return notes;
  }

  private *flushNotes(): Query<void> {
    if (this.pending?.length) yield* this.noteAll(this.takeNotes());
  }

  /** The person the rules find; `sameName` when its canonical name is the speaker's (same name key). */
  private *linkByRules(
    speaker: LocalSpeaker,
    evidence: LinkEvidence,
  ): Query<{ id: number; sameName?: true }> {
    const key = nameKey(speaker.name);
    const override = this.targets.get(key);
    if (override) {
      const id = yield* this.findOrCreate({ ...speaker, name: override.target }, evidence, override.rule);
      yield* this.note(
        id,
        speaker.name,
        override.rule,
        evidence,
        `override sends "${speaker.name}" to "${override.target}"`,
      );
      return { id };
    }
    const bareSurname = speaker.kind === "person" && isBareSurname(speaker.name);
    if (bareSurname || (speaker.kind === "organization" && isOneWord(speaker.name))) {
      // Before the exact name: a bare-surname entry ("Obama") must not gather every later "Obama", and
      // "Clinton" tagged as an organisation is the Clinton the article names in full.
      const found = yield* this.surnameMatch(speaker, evidence, !bareSurname);
      if (found) {
        yield* this.note(found.id, speaker.name, found.rule, evidence, found.detail);
        return { id: found.id };
      }
    }
    const exact = yield* this.byName(speaker.name);
    if (exact !== undefined) {
      yield* this.fillParty(exact, speaker);
      yield* this.note(exact, speaker.name, "same full name", evidence, null);
      return { id: exact, sameName: true };
    }
    const glued = speaker.kind === "person" ? yield* this.wordBeforeSurname(speaker, evidence) : undefined;
    if (glued) {
      yield* this.note(glued.id, speaker.name, glued.rule, evidence, glued.detail);
      return { id: glued.id };
    }
    if (speaker.kind === "organization" && isOneWord(speaker.name)) {
      const found = yield* this.organizationHeadMatch(speaker.name);
      if (found) {
        yield* this.note(
          found.id,
          speaker.name,
          "short name: the one organisation named with that word",
          evidence,
          found.detail,
        );
        return { id: found.id };
      }
    }
    if (speaker.kind === "person") {
      const words = speaker.name.trim().split(/\s+/).length;
      if (words > 1) {
        const aliased = yield* this.uniqueAliasOwner(speaker.name);
        if (aliased !== undefined) {
          yield* this.note(aliased, speaker.name, "known full-name alias", evidence, null);
          return { id: aliased };
        }
      }
    }
    // A new person has the speaker's name (a merge into it keeps that name).
    return { id: yield* this.create(speaker, evidence), sameName: true };
  }

  /** Moves everything of person `from` to person `into` (statements, aliases, roles, links), then deletes `from`. */
  *merge(
    from: number,
    into: number,
    rule: string,
    evidence: LinkEvidence = { articleId: null, span: null },
  ): Query<number> {
    if (from === into) return 0;
    // Links about to move must be in the table.
    yield* this.flushNotes();
    const old = yield* get<{ name: string; qid: string | null }>(
      "SELECT name, qid FROM persons WHERE id = ?",
      from,
    );
    if (!old) return 0;
    const moved = yield* run("UPDATE statements SET person_id = ? WHERE person_id = ?", into, from);
    yield* this.refreshSearch(into);
    yield* run(MERGE_ROLES, into, from);
    yield* run(MOVE_ALIASES, into, from);
    yield* run(MOVE_TERMS, into, from);
    // A gazetteer identity follows the statements unless `into` has its own (never two QIDs on one person).
    if (old.qid) {
      yield* run("UPDATE persons SET qid = NULL WHERE id = ?", from);
      yield* run("UPDATE persons SET qid = ? WHERE id = ? AND qid IS NULL", old.qid, into);
    }
    yield* this.addAlias(into, old.name);
    // Links are kept once per person, name and rule: when both people were linked to the same name by the
    // same rule (say "Mr. X" for the bare surname and for the full name), `into` keeps its own link and
    // the duplicate goes with `from`.
    yield* run(MOVE_LINKS, into, from);
    yield* run("DELETE FROM person_links WHERE person_id = ?", from);
    yield* run("DELETE FROM persons WHERE id = ?", from);
    yield* this.note(into, old.name, rule, evidence, `merged person "${old.name}" (${moved} statements)`);
    const target = yield* get<{ name: string }>("SELECT name FROM persons WHERE id = ?", into);
    if (target) yield* this.removeAlias(into, target.name);
    return moved;
  }

  /**
   * Applies an overrides file to what is already stored; statements are moved, never dropped. Run it in
   * one transaction; the overrides then apply to later ingests too.
   */
  *applyOverrides(overrides: Overrides): Query<OverrideReport> {
    const report: OverrideReport = { merged: [], split: [], renamed: [], statementsMoved: 0 };
    const evidence = { articleId: null, span: null };
    for (const { into, names } of overrides.merge) {
      for (const name of names) {
        const from = (yield* this.byName(name)) ?? (yield* this.uniqueAliasOwner(name));
        if (from === undefined) continue;
        const target =
          (yield* this.byName(into)) ?? (yield* this.renameTo(from, into, "manual override: merge"));
        if (target !== from)
          report.statementsMoved += yield* this.merge(from, target, "manual override: merge", evidence);
        yield* this.addAlias(target, name);
        report.merged.push(`${name} → ${into}`);
      }
    }
    for (const { alias, from, to } of overrides.split) {
      const source = yield* this.byName(from);
      if (source === undefined) continue;
      const row = yield* get<{ kind: Speaker["kind"] }>("SELECT kind FROM persons WHERE id = ?", source);
      const kind = row?.kind ?? "person";
      const target = yield* this.findOrCreate({ name: to, kind }, evidence, "manual override: split");
      const moved = yield* run(
        "UPDATE statements SET person_id = ? WHERE person_id = ? AND local_name_key = ?",
        target,
        source,
        nameKey(alias),
      );
      yield* this.refreshSearch(target);
      yield* this.removeAlias(source, alias);
      yield* this.addAlias(target, alias);
      yield* this.note(
        target,
        alias,
        "manual override: split",
        evidence,
        `${moved} statements of "${from}" under "${alias}"`,
      );
      report.statementsMoved += moved;
      report.split.push(`${alias}: ${from} → ${to} (${moved} statements)`);
    }
    for (const { from, to } of overrides.rename) {
      const source = yield* this.byName(from);
      if (source === undefined) continue;
      const existing = yield* this.byName(to);
      if (existing !== undefined && existing !== source)
        report.statementsMoved += yield* this.merge(source, existing, "manual override: rename", evidence);
      else yield* this.renameTo(source, to, "manual override: rename");
      report.renamed.push(`${from} → ${to}`);
    }
    this.setOverrides(overrides);
    return report;
  }

  /** Why each name was linked to the person: rule, article and span. */
  *links(personId: number): Query<PersonLink[]> {
    const rows = yield* all<{
      name: string;
      rule: string;
      article_id: string | null;
      span_start: number | null;
      span_end: number | null;
      detail: string | null;
      created_at: string;
    }>(
      `SELECT name, rule, article_id, span_start, span_end, detail, created_at FROM person_links
       WHERE person_id = ? ORDER BY id`,
      personId,
    );
    return rows.map((row) => ({
      name: row.name,
      rule: row.rule,
      articleId: row.article_id,
      span:
        row.span_start === null || row.span_end === null
          ? null
          : { start: row.span_start, end: row.span_end },
      detail: row.detail,
      createdAt: row.created_at,
    }));
  }

  /** Records why `name` belongs to the person, once per person, name and rule (the first evidence). */
  *note(
    personId: number,
    name: string,
    rule: string,
    evidence: LinkEvidence,
    detail: string | null,
  ): Query<void> {
    if (this.pending) this.pending.push({ personId, name, rule, evidence, detail });
    else yield* this.noteAll([{ personId, name, rule, evidence, detail }]);
  }

  /** Several notes at once (one round trip on a networked store). */
  *noteAll(
    notes: readonly {
      personId: number;
      name: string;
      rule: string;
      evidence: LinkEvidence;
      detail: string | null;
    }[],
  ): Query<void> {
    yield* insertRows(`INSERT OR IGNORE INTO person_links (${LINK_COLUMNS})`, noteRows(notes));
  }

  private *byName(name: string): Query<number | undefined> {
    return (yield* get<{ id: number }>("SELECT id FROM persons WHERE name_key = ?", nameKey(name)))?.id;
  }

  private *uniqueAliasOwner(name: string): Query<number | undefined> {
    const rows = yield* all<{ id: number }>(
      "SELECT DISTINCT person_id AS id FROM aliases WHERE alias_key = ? LIMIT 2",
      nameKey(name),
    );
    return rows.length === 1 ? rows[0].id : undefined;
  }

  /**
   * A bare surname's person (surnames.ts: the full name in the article, else the one plausible person at
   * that date), else the one namesake whose stored roles fit the mention's. `articleOnly` for a one-word
   * organisation: only a full name written in the same article makes it a person.
   */
  private *surnameMatch(
    speaker: LocalSpeaker,
    evidence: LinkEvidence,
    articleOnly = false,
  ): Query<{ id: number; rule: string; detail: string } | undefined> {
    const key = articleOnly ? nameKey(speaker.name.trim()) : surnameKey(speaker.name);
    if (!key) return undefined;
    const decided = yield* decideSurname(key, {
      day: evidence.day ?? null,
      text: evidence.text,
      position: evidence.span?.start,
      articleOnly,
      roles: speaker.roles,
    });
    if (decided && "id" in decided) return decided;
    if (articleOnly) return undefined;
    const namesakes = (yield* all<{ id: number; name: string }>(
      "SELECT id, name FROM persons WHERE surname_key = ? AND kind = 'person' ORDER BY id",
      key,
    )).filter((p) => !isBareSurname(p.name));
    if (namesakes.length < 2 || !speaker.roles?.length) return undefined;
    const wanted = roleWords(speaker.roles);
    const fitting: { id: number; name: string }[] = [];
    for (const p of namesakes) {
      const roles = (yield* all<{ role: string }>("SELECT role FROM roles WHERE person_id = ?", p.id)).map(
        (r) => r.role,
      );
      if ([...roleWords(roles)].some((w) => wanted.has(w))) fitting.push(p);
    }
    if (fitting.length !== 1) return undefined;
    return {
      id: fitting[0].id,
      rule: "surname only: the one namesake with a matching role",
      detail: `roles ${JSON.stringify(speaker.roles)} fit "${fitting[0].name}" among ${namesakes.length} namesakes`,
    };
  }

  /**
   * "Does Rubio", "Rival Clinton": a headline word glued to a surname. When the first of two words is no
   * known given name and the same article writes it in lower case ("does", "rival"), the name is read as
   * the bare surname, which joins the person the article or the registry makes obvious (surnames.ts).
   * New names only: a stored full name is never re-read this way.
   */
  private *wordBeforeSurname(
    speaker: LocalSpeaker,
    evidence: LinkEvidence,
  ): Query<{ id: number; rule: string; detail: string } | undefined> {
    const words = speaker.name.trim().split(/\s+/);
    if (words.length !== 2 || evidence.text === undefined) return undefined;
    const [first, last] = words;
    const lower = first.toLowerCase();
    if (FIRST_NAME_GENDER.has(lower) || !/^\p{Lu}\p{Ll}+$/u.test(first)) return undefined;
    if (!new RegExp(`(?<![\\p{L}])${lower}(?![\\p{L}])`, "u").test(evidence.text)) return undefined;
    if ((yield* this.uniqueAliasOwner(speaker.name)) !== undefined) return undefined;
    const found = yield* this.surnameMatch({ ...speaker, name: last }, evidence);
    if (!found) return undefined;
    // Only into someone established: known from a gazetteer, or with a real given name and quoted in two
    // articles or more. "New School" must not join another fragment ("Harvard School"), nor "Final
    // Explains" a one-off "Rush Explains".
    const target = yield* get<{ name: string; known: number; articles: number }>(
      `SELECT name, CASE WHEN qid IS NOT NULL OR EXISTS (SELECT 1 FROM person_terms WHERE person_id = ?) THEN 1 ELSE 0 END AS known,
         (SELECT count(DISTINCT article_id) FROM statements WHERE person_id = ?) AS articles
       FROM persons WHERE id = ?`,
      found.id,
      found.id,
      found.id,
    );
    if (!target) return undefined;
    const given = parseName(target.name).first?.toLowerCase();
    if (!target.known && !(given && FIRST_NAME_GENDER.has(given) && target.articles >= 2)) return undefined;
    return {
      id: found.id,
      rule: `headline word before a surname: ${found.rule}`,
      detail: `"${first}" is written in lower case in the article; ${found.detail}`,
    };
  }

  /**
   * "Guild" after "Saltmere Dockworkers' Guild": a one-word organisation name that starts or ends exactly
   * one stored organisation's name. Several ("Ministry" among ministries) stay apart.
   */
  private *organizationHeadMatch(word: string): Query<{ id: number; detail: string } | undefined> {
    const key = nameKey(word);
    const rows = yield* all<{ id: number; name: string }>(
      `SELECT id, name FROM persons WHERE kind = 'organization' AND name_key != ?
         AND (name_key LIKE ? ESCAPE '\\' OR name_key LIKE ? ESCAPE '\\') LIMIT 2`,
      key,
      `${escapeLike(key)} %`,
      `% ${escapeLike(key)}`,
    );
    if (rows.length !== 1) return undefined;
    return { id: rows[0].id, detail: `only "${rows[0].name}" is named with "${word}"` };
  }

  private *create(speaker: LocalSpeaker, evidence: LinkEvidence): Query<number> {
    const id = yield* this.insertPerson(speaker);
    if (speaker.kind === "person" && isBareSurname(speaker.name)) {
      const key = surnameKey(speaker.name);
      const namesakes = (yield* all<{ name: string }>(
        "SELECT name FROM persons WHERE surname_key = ? AND id != ? ORDER BY id",
        key,
        id,
      )).map((p) => p.name);
      yield* this.note(
        id,
        speaker.name,
        namesakes.length > 1 ? "ambiguous surname kept apart" : "new person",
        evidence,
        namesakes.length > 1 ? `namesakes: ${namesakes.join(", ")}` : null,
      );
      return id;
    }
    yield* this.note(id, speaker.name, "new person", evidence, null);
    if (speaker.kind === "person") yield* this.absorbBareNamesake(id, speaker.name, evidence);
    return id;
  }

  /** A bare-surname person ("Voss") joins the first and only full name with that surname ("Helena Voss"). */
  private *absorbBareNamesake(id: number, name: string, evidence: LinkEvidence): Query<void> {
    const key = surnameKey(name);
    if (!key) return;
    const namesakes = yield* all<{ id: number; name: string }>(
      "SELECT id, name FROM persons WHERE surname_key = ? AND kind = 'person' AND id != ?",
      key,
      id,
    );
    const bare = namesakes.filter((p) => isBareSurname(p.name));
    if (bare.length === 1 && namesakes.length === 1)
      yield* this.merge(bare[0].id, id, "surname-only person merged into the only full name", evidence);
  }

  private *findOrCreate(speaker: LocalSpeaker, evidence: LinkEvidence, rule: string): Query<number> {
    const existing = yield* this.byName(speaker.name);
    if (existing !== undefined) return existing;
    const id = yield* this.insertPerson(speaker);
    yield* this.note(id, speaker.name, rule, evidence, "created by the override");
    return id;
  }

  /** Insert or find by name key: two writers meeting a new name at once get one row (the unique key). */
  private *insertPerson(speaker: LocalSpeaker): Query<number> {
    const row = yield* get<{ id: number }>(
      `INSERT INTO persons (name, name_key, surname_key, kind, party, state) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name_key) DO UPDATE SET party = coalesce(excluded.party, persons.party),
         state = coalesce(excluded.state, persons.state)
       RETURNING id`,
      speaker.name,
      nameKey(speaker.name),
      surnameKey(speaker.name, speaker.kind),
      speaker.kind,
      speaker.party ?? null,
      speaker.state ?? null,
    );
    if (!row) throw new Error(`person "${speaker.name}" was not stored`);
    return row.id;
  }

  private *fillParty(id: number, speaker: LocalSpeaker): Query<void> {
    if (!speaker.party && !speaker.state) return;
    yield* run(
      "UPDATE persons SET party = coalesce(party, ?), state = coalesce(state, ?) WHERE id = ?",
      speaker.party ?? null,
      speaker.state ?? null,
      id,
    );
  }

  /** Gives person `id` the canonical name `name`, keeping the old one as an alias. */
  private *renameTo(id: number, name: string, rule: string): Query<number> {
    const old = yield* get<{ name: string; kind: Speaker["kind"] }>(
      "SELECT name, kind FROM persons WHERE id = ?",
      id,
    );
    if (!old) return id;
    yield* run(
      "UPDATE persons SET name = ?, name_key = ?, surname_key = ? WHERE id = ?",
      name,
      nameKey(name),
      surnameKey(name, old.kind),
      id,
    );
    yield* this.addAlias(id, old.name);
    yield* this.removeAlias(id, name);
    yield* this.refreshSearch(id);
    yield* this.note(
      id,
      old.name,
      rule,
      { articleId: null, span: null },
      `renamed "${old.name}" to "${name}"`,
    );
    return id;
  }

  private *addAlias(id: number, alias: string): Query<void> {
    yield* run(
      "INSERT OR IGNORE INTO aliases (person_id, alias, alias_key) VALUES (?, ?, ?)",
      id,
      alias,
      nameKey(alias),
    );
  }

  private *removeAlias(id: number, alias: string): Query<void> {
    yield* run("DELETE FROM aliases WHERE person_id = ? AND alias_key = ?", id, nameKey(alias));
  }

  /** The full-text index holds the speaker's name per statement; re-linked statements need the new one. */
  *refreshSearch(personId: number): Query<void> {
    yield* refreshSpeakerSearch(personId);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
