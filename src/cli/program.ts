import { Command } from "commander";
import { registerAnalysis } from "./analysis.ts";
import { registerArticle } from "./article.ts";
import { registerClean } from "./clean.ts";
import { registerExtract } from "./extract.ts";
import { registerIngest } from "./ingest.ts";
import { registerJobs } from "./jobs.ts";
import { registerPeople } from "./people.ts";
import { registerServe } from "./serve.ts";
import { registerStatements } from "./statements.ts";
import { registerSummary } from "./summary.ts";
import { registerWatch } from "./watch.ts";
import { registerWorker } from "./worker.ts";

/** The `onrecord` command tree; main.ts runs it, tests inspect it in-process. */
export function buildProgram(): Command {
  const program = new Command()
    .name("onrecord")
    .description("who said what, when: turn raw news into a verifiable record of statements")
    .showHelpAfterError();
  registerIngest(program);
  registerArticle(program);
  registerExtract(program);
  registerClean(program);
  registerStatements(program);
  registerPeople(program);
  registerSummary(program);
  registerAnalysis(program);
  registerWatch(program);
  registerServe(program);
  registerWorker(program);
  registerJobs(program);
  return program;
}
