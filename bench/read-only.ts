/**
 * Reads inputs through the readers only (no extraction, no store) and prints counts as JSON: the cost
 * of getting a dump into articles and failures, apart from the language processing.
 *
 *   node --import tsx bench/read-only.ts FILE...
 */
import { FailureLog } from "../src/app/failure-log.ts";
import { readInputs } from "../src/ingest/read.ts";

let articles = 0;
let characters = 0;
const failures = new FailureLog();
for await (const result of readInputs(process.argv.slice(2))) {
  if (result.ok) {
    articles++;
    characters += result.article.text.length;
  } else failures.add(result.failure);
}
process.stdout.write(
  `${JSON.stringify({ articles, characters, failed: failures.total, byReason: failures.counted().byReason })}\n`,
);
