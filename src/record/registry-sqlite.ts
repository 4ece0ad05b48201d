import type Database from "better-sqlite3";
import {
  type LinkEvidence,
  type LocalSpeaker,
  type OverrideReport,
  type PersonLink,
  PersonRegistry,
} from "./identity.ts";
import { NO_OVERRIDES, type Overrides } from "./overrides.ts";
import { runSync } from "./sql.ts";

/** The registry on one SQLite database, for the embedded store: each call runs synchronously. */
export class Registry {
  readonly rules: PersonRegistry;

  constructor(
    private readonly db: Database.Database,
    overrides: Overrides = NO_OVERRIDES,
  ) {
    this.rules = new PersonRegistry(overrides);
  }

  setOverrides(overrides: Overrides): void {
    this.rules.setOverrides(overrides);
  }

  link(speaker: LocalSpeaker, evidence: LinkEvidence): number {
    return runSync(this.db, this.rules.link(speaker, evidence));
  }

  merge(from: number, into: number, rule: string, evidence?: LinkEvidence): number {
    return runSync(this.db, this.rules.merge(from, into, rule, evidence));
  }

  applyOverrides(overrides: Overrides): OverrideReport {
    return this.db.transaction(() => runSync(this.db, this.rules.applyOverrides(overrides))).immediate();
  }

  links(personId: number): PersonLink[] {
    return runSync(this.db, this.rules.links(personId));
  }

  note(personId: number, name: string, rule: string, evidence: LinkEvidence, detail: string | null): void {
    runSync(this.db, this.rules.note(personId, name, rule, evidence, detail));
  }

  refreshSearch(personId: number): void {
    runSync(this.db, this.rules.refreshSearch(personId));
  }
}
