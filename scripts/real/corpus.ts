/**
 * The real-news corpus that `npm run eval:real` reads: the PolNeAR train and dev texts with their
 * publisher, date, author and title (metadata.tsv), and the public article-extraction pages, ingested
 * into one store as a user would ingest them. Nothing is copied into the repository: the JSONL and the
 * database are written under out/real/ (ignored by git) and rebuilt from ../shared/data.

 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedData = path.resolve(repoRoot, "../shared/data");
export const polnearDir = path.join(sharedData, "polnear");
export const pagesDir = path.join(sharedData, "article-extraction/html");
export const outDir = path.join(repoRoot, "out/real");
/** The gazetteer a user would load first (`onrecord people import`): current Congress and the executive. */
export const gazetteerFiles = ["legislators-current.yaml", "executive.yaml"].map((file) =>
  path.join(sharedData, "gazetteer", file),
);

export const OUTLETS: Record<string, string> = {
  breitbart: "Breitbart",
  "huff-post": "HuffPost",
  nyt: "The New York Times",
  politico: "Politico",
  "usa-today": "USA Today",
  "wash-post": "The Washington Post",
  "west-journal": "Western Journalism",
};

export interface PolnearDoc {
  /** File name without .txt, as in metadata.tsv. */
  name: string;
  split: "train" | "dev";
  outlet: string;
  published: string;
  byline: string;
  title: string;
  text: string;
}

/** The PolNeAR train and dev documents with their metadata, in metadata.tsv order. */
export function polnearDocs(): PolnearDoc[] {
  const rows = readFileSync(path.join(polnearDir, "metadata.tsv"), "utf8").trim().split("\n");
  const header = rows[0]?.split("\t") ?? [];
  const column = (name: string) => header.indexOf(name);
  const docs: PolnearDoc[] = [];
  for (const row of rows.slice(1)) {
    const cells = row.split("\t");
    const split = cells[column("compartment")];
    if (split !== "train" && split !== "dev") continue;
    const name = cells[column("filename")] ?? "";
    const file = path.join(polnearDir, split, "text", `${name}.txt`);
    if (!existsSync(file)) continue;
    const publisher = cells[column("publisher")] ?? "";
    docs.push({
      name,
      split,
      outlet: OUTLETS[publisher] ?? publisher,
      published: cells[column("publication_date")] ?? "",
      byline: cells[column("author")] ?? "",
      title: cells[column("title")] ?? "",
      text: readFileSync(file, "utf8"),
    });
  }
  return docs;
}

export function realDataPresent(): boolean {
  return existsSync(path.join(polnearDir, "metadata.tsv")) && existsSync(pagesDir);
}

/**
 * Builds out/real/real.db from scratch with the CLI (the same path a user takes) and returns its path
 * and the documents. `extraArgs` are passed to `ingest` (for example an overrides file). Unless `gazetteer`
 * is false (`--no-gazetteer`), the gazetteer is imported before the ingest, as a user with it would.
 */
export function buildRealStore(
  options: { extraArgs?: string[]; quiet?: boolean; gazetteer?: boolean } = {},
): {
  db: string;
  docs: PolnearDoc[];
} {
  mkdirSync(outDir, { recursive: true });
  const docs = polnearDocs();
  const jsonl = path.join(outDir, "polnear.jsonl");
  writeFileSync(
    jsonl,
    `${docs
      .map((d) =>
        JSON.stringify({
          text: d.text,
          title: d.title,
          outlet: d.outlet,
          published: d.published,
          byline: d.byline,
        }),
      )
      .join("\n")}\n`,
  );
  const db = path.join(outDir, "real.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${db}${suffix}`, { force: true });
  const cli = path.join(repoRoot, "bin/onrecord.js");
  if (options.gazetteer ?? !process.argv.includes("--no-gazetteer")) {
    for (const file of gazetteerFiles.filter((f) => existsSync(f))) {
      const load = spawnSync(process.execPath, [cli, "people", "import", file, "--db", db], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      if (!options.quiet) process.stderr.write(load.stdout + load.stderr);
      if (load.status !== 0) throw new Error(`people import ${file} failed (${load.status}): ${load.stderr}`);
    }
  }
  const run = spawnSync(
    process.execPath,
    [cli, "ingest", jsonl, pagesDir, "--db", db, ...(options.extraArgs ?? [])],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  if (!options.quiet) process.stderr.write(run.stdout + run.stderr);
  if (run.status !== 0 && run.status !== 1) throw new Error(`ingest failed (${run.status}): ${run.stderr}`);
  return { db, docs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!realDataPresent()) {
    console.error(`${sharedData} not found: the real-news corpus needs ../shared/data`);
    process.exit(2);
  }
  const { db, docs } = buildRealStore();
  console.log(`${docs.length} PolNeAR documents and the article-extraction pages → ${db}`);
}
