import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { errorMessage } from "../core/errors.ts";
import { nameKey } from "./migrations.ts";

/**
 * Manual corrections to the person registry, kept in a JSON file next to the database
 * (onrecord.overrides.json) or given with --overrides:
 *
 *   {
 *     "merge":  [{ "into": "Helena Voss", "names": ["H. M. Voss", "Minister Voss"] }],
 *     "split":  [{ "alias": "Castellan", "from": "Priya Castellan", "to": "Jonas Castellan" }],
 *     "rename": [{ "from": "Dan Coats", "to": "Daniel Coats" }]
 *   }
 *
 * merge: every listed name is the `into` person. split: statements of `from` that were made under the
 * name `alias` belong to `to`. rename: the person's canonical name becomes `to` (merging when `to`
 * exists). Ingest honours the file as it links speakers; `onrecord people --apply-overrides` applies it
 * to statements already stored.
 */
export interface Overrides {
  merge: { into: string; names: string[] }[];
  split: { alias: string; from: string; to: string }[];
  rename: { from: string; to: string }[];
}

export const OVERRIDES_FILE = "onrecord.overrides.json";

export const NO_OVERRIDES: Overrides = { merge: [], split: [], rename: [] };

/** The overrides file that sits next to a database, if there is one. */
export function overridesNextTo(dbPath: string): string | undefined {
  const file = path.join(path.dirname(path.resolve(dbPath)), OVERRIDES_FILE);
  return existsSync(file) ? file : undefined;
}

export function loadOverrides(file: string): Overrides {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read overrides ${file}: ${errorMessage(error)}`);
  }
  return parseOverrides(data, file);
}

/** Validates the parsed JSON, naming the first bad entry. */
export function parseOverrides(data: unknown, where = "overrides"): Overrides {
  if (!isObject(data)) throw new Error(`${where}: expected a JSON object with merge, split, rename`);
  const list = (key: string): Record<string, unknown>[] => {
    const value = data[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every(isObject))
      throw new Error(`${where}: "${key}" must be a list of objects`);
    return value;
  };
  const text = (entry: Record<string, unknown>, key: string, at: string): string => {
    const value = entry[key];
    if (typeof value !== "string" || value.trim() === "")
      throw new Error(`${where}: ${at} needs a non-empty "${key}"`);
    return value.trim();
  };
  const merge = list("merge").map((entry, i) => {
    const names = entry.names;
    if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string" && n.trim()))
      throw new Error(`${where}: merge[${i}] needs "names", a list of names`);
    return { into: text(entry, "into", `merge[${i}]`), names: names.map((n: string) => n.trim()) };
  });
  const split = list("split").map((entry, i) => ({
    alias: text(entry, "alias", `split[${i}]`),
    from: text(entry, "from", `split[${i}]`),
    to: text(entry, "to", `split[${i}]`),
  }));
  const rename = list("rename").map((entry, i) => ({
    from: text(entry, "from", `rename[${i}]`),
    to: text(entry, "to", `rename[${i}]`),
  }));
  return { merge, split, rename };
}

/** Where ingest sends a name found in an article: name key → target name and the override that says so. */
export function overrideTargets(overrides: Overrides): Map<string, { target: string; rule: string }> {
  const targets = new Map<string, { target: string; rule: string }>();
  for (const { into, names } of overrides.merge)
    for (const name of names) targets.set(nameKey(name), { target: into, rule: "manual override: merge" });
  for (const { alias, to } of overrides.split)
    targets.set(nameKey(alias), { target: to, rule: "manual override: split" });
  for (const { from, to } of overrides.rename)
    targets.set(nameKey(from), { target: to, rule: "manual override: rename" });
  // A chain (merge into a name that is later renamed) ends at the final name.
  for (const [key, value] of targets) {
    let hops = 0;
    let next = targets.get(nameKey(value.target));
    while (next && next.target !== value.target && hops++ < 10) {
      value.target = next.target;
      next = targets.get(nameKey(value.target));
    }
    targets.set(key, value);
  }
  return targets;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
