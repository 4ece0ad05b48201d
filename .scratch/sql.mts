import { STATEMENT_ONCE, STORY_JOIN } from "/work/wt-pg/src/record/near-duplicates.ts";
console.log(`EXPLAIN ANALYZE SELECT p.name, p.kind, p.qid, ${STATEMENT_ONCE} AS statements, min(s.published) AS first_seen, max(s.published) AS last_seen
    FROM persons p LEFT JOIN statements s ON s.person_id = p.id ${STORY_JOIN}
    GROUP BY p.id
    HAVING ${STATEMENT_ONCE} > 0 OR NOT EXISTS (SELECT 1 FROM person_terms t WHERE t.person_id = p.id)
    ORDER BY statements DESC, lower(p.name), p.name;`);
