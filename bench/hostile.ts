/**
 * Issue 13 benchmark: time and peak memory of hostile inputs, each in a fresh process.
 *
 *   npm run bench:hostile -- [--bad-lines N] [--dump-mb N] [--ingest-dump-mb N] [--timeout S] [--failures-file]
 *
 * --failures-file also streams every failure of case 2 to a file (30 million lines make 4.5 GB).
 *
 * 1. a page of 10,000 nested <div>s, ingested (`onrecord ingest --workers 0`);
 * 2. a .jsonl.gz of N `{}` lines (default 30 million), ingested: every line is a failure;
 * 3. a dump of --dump-mb MB (default 200) with one bad line in ten, read by the readers only (no
 *    extraction), to show reading stays streaming and flat in memory at full size;
 * 4. the same kind of dump at --ingest-dump-mb MB (default 2), ingested with extraction, and the
 *    rate extrapolated to 200 MB (labelled as such): extraction, not reading, sets the pace.
 *
 * The 10 MB article is in `npm run bench:size`.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import { generatedArticle } from "./fixtures.ts";
import { describe, measure } from "./measure.ts";

const { values } = parseArgs({
  options: {
    "bad-lines": { type: "string", default: "30000000" },
    "dump-mb": { type: "string", default: "200" },
    "ingest-dump-mb": { type: "string", default: "2" },
    timeout: { type: "string", default: "1800" },
    "failures-file": { type: "boolean", default: false },
  },
});
const timeoutSeconds = Number(values.timeout);
const work = mkdtempSync(path.join(tmpdir(), "onrecord-bench-hostile-"));
const cli = "bin/onrecord.js";
const MB = 1024 * 1024;

async function writeGzipLines(file: string, line: string, count: number): Promise<void> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const block = line.repeat(100_000);
  for (let written = 0; written < count; written += 100_000) {
    const text = count - written >= 100_000 ? block : line.repeat(count - written);
    if (!gzip.write(text)) await new Promise<void>((resolve) => gzip.once("drain", () => resolve()));
  }
  gzip.end();
  await new Promise<void>((resolve) => out.once("close", () => resolve()));
}

/** JSON Lines of generated articles, every tenth line broken, until `megabytes` are written. */
async function writeDump(file: string, megabytes: number): Promise<{ lines: number }> {
  const out = createWriteStream(file);
  let bytes = 0;
  let lines = 0;
  while (bytes < megabytes * MB) {
    lines++;
    const text = generatedArticle(lines).split("\n\n").slice(1).join("\n\n");
    const line =
      lines % 10 === 0
        ? `{"text": "broken ${lines}\n`
        : `${JSON.stringify({ text, publication: "Valley Dispatch" })}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end();
  await new Promise<void>((resolve) => out.once("close", () => resolve()));
  return { lines };
}

const rows: string[] = [];
const report = (label: string, detail: string) => {
  const row = `${label}: ${detail}`;
  rows.push(row);
  console.log(row);
};

try {
  const deep = path.join(work, "deep.html");
  writeFileSync(
    deep,
    `<html><body>${"<div>".repeat(10_000)}<p>The harbour master said the pier would reopen.</p>${"</div>".repeat(10_000)}</body></html>`,
  );
  const deepRun = await measure(cli, ["ingest", deep, "--db", path.join(work, "deep.db"), "--workers", "0"], {
    timeoutSeconds,
  });
  report(
    `10,000-deep HTML (${(statSync(deep).size / 1024).toFixed(0)} KB), ingest --workers 0`,
    `${describe(deepRun)}; ${deepRun.stdout.trim()}`,
  );

  const badLines = Number(values["bad-lines"]);
  const bad = path.join(work, "bad.jsonl.gz");
  await writeGzipLines(bad, "{}\n", badLines);
  const failuresFile = path.join(work, "failures.jsonl");
  const badArgs = ["ingest", bad, "--db", path.join(work, "bad.db"), "--workers", "0"];
  if (values["failures-file"]) badArgs.push("--failures", failuresFile);
  const badRun = await measure(cli, badArgs, { timeoutSeconds });
  const stderrLines = badRun.stderrTail.split("\n").filter(Boolean).length;
  report(
    `${badLines.toLocaleString("en")} bad JSONL lines (${(statSync(bad).size / 1024).toFixed(0)} KB gzipped), ingest --workers 0${values["failures-file"] ? " --failures FILE" : ""}`,
    `${describe(badRun)}; ${badRun.stdout.trim()}; stderr ${stderrLines} lines${values["failures-file"] ? `; failures file ${(statSync(failuresFile).size / MB).toFixed(0)} MB` : ""}`,
  );

  const dumpMb = Number(values["dump-mb"]);
  const dump = path.join(work, "dump.jsonl");
  const { lines } = await writeDump(dump, dumpMb);
  const readRun = await measure("bench/read-only.ts", [dump], { timeoutSeconds });
  const counts = JSON.parse(readRun.stdout || "{}") as { articles?: number; failed?: number };
  report(
    `${dumpMb} MB dump, ${lines.toLocaleString("en")} lines, one bad in ten, read only (no extraction)`,
    `${describe(readRun)}; ${counts.articles} articles, ${counts.failed} failures; ${(dumpMb / readRun.seconds).toFixed(1)} MB/s`,
  );
  rmSync(dump);

  const ingestMb = Number(values["ingest-dump-mb"]);
  const small = path.join(work, "small-dump.jsonl");
  const smallLines = (await writeDump(small, ingestMb)).lines;
  const ingestRun = await measure(cli, ["ingest", small, "--db", path.join(work, "dump.db")], {
    timeoutSeconds,
  });
  const rate = ingestMb / ingestRun.seconds;
  report(
    `${ingestMb} MB dump, ${smallLines.toLocaleString("en")} lines, one bad in ten, ingest (default workers)`,
    `${describe(ingestRun)}; ${ingestRun.stdout.trim().split("\n")[0]}; ${rate.toFixed(3)} MB/s`,
  );
  report(
    "200 MB dump, ingest: EXTRAPOLATED from the line above, not measured",
    `about ${(200 / rate / 60).toFixed(0)} min at ${rate.toFixed(3)} MB/s`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
