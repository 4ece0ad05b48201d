import type { SqlText } from "./sql.ts";

/**
 * The SQL of moving one person's rows to another (identity.ts merge), in both dialects: SQLite skips rows
 * the target already has with UPDATE OR IGNORE, which PostgreSQL lacks.
 */

/** Rows moved from one person to another, skipping those the target already has (SQLite: UPDATE OR IGNORE). */
function moveRows(table: string, sameKey: string): SqlText {
  return {
    sqlite: `UPDATE OR IGNORE ${table} SET person_id = ? WHERE person_id = ?`,
    postgres: `UPDATE ${table} SET person_id = $1 WHERE person_id = $2 AND NOT EXISTS
      (SELECT 1 FROM ${table} o WHERE o.person_id = $1 AND ${sameKey})`,
  };
}

export const MOVE_ALIASES = moveRows("aliases", "o.alias_key = aliases.alias_key");
export const MOVE_TERMS = moveRows(
  "person_terms",
  `o.role = person_terms.role AND coalesce(o.start, '') = coalesce(person_terms.start, '')
   AND coalesce(o.party, '') = coalesce(person_terms.party, '')`,
);
export const MOVE_LINKS = moveRows(
  "person_links",
  "o.name_key = person_links.name_key AND o.rule = person_links.rule",
);
export const MERGE_ROLES: SqlText = {
  sqlite: `INSERT INTO roles (person_id, role, first_seen, last_seen)
      SELECT ?, role, first_seen, last_seen FROM roles WHERE person_id = ?
    ON CONFLICT (person_id, role) DO UPDATE SET
      first_seen = min(coalesce(first_seen, excluded.first_seen), coalesce(excluded.first_seen, first_seen)),
      last_seen = max(coalesce(last_seen, excluded.last_seen), coalesce(excluded.last_seen, last_seen))`,
  postgres: `INSERT INTO roles (person_id, role, first_seen, last_seen)
      SELECT $1, role, first_seen, last_seen FROM roles WHERE person_id = $2
    ON CONFLICT (person_id, role) DO UPDATE SET
      first_seen = least(roles.first_seen, excluded.first_seen),
      last_seen = greatest(roles.last_seen, excluded.last_seen)`,
};
