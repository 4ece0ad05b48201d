import { CommanderError } from "commander";
import { errorMessage, UsageError } from "./common.ts";
import { buildProgram } from "./program.ts";
import { printError } from "./terminal.ts";

// `onrecord statements | head` closes the pipe early: that is the reader being done, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    // Problems the user can fix read as one line; anything else keeps its stack for a bug report.
    printError(
      error instanceof UsageError
        ? `onrecord: ${error.message}\n`
        : `onrecord: ${error instanceof Error ? error.stack : errorMessage(error)}\n`,
    );
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
