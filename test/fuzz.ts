/**
 * Hostile inputs for the readers, generated from a seed: random bytes, deep and wide markup, huge
 * attributes, broken encodings, broken CSV and JSON Lines, long lines. `fuzzBatch` writes a batch of
 * them with well-formed articles between them and ingests it; `checkBatch` states what must hold:
 * every input ends in a stored article or a named failure, and every well-formed article is stored.
 *
 * test/fuzz.test.ts runs a few seconds of it in `npm test`; `npm run fuzz:hostile` runs it longer and
 * also reports time and peak memory per batch.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { generatedArticle } from "../bench/fixtures.ts";
import { ingestInputs } from "../src/app/run-ingest.ts";
import { seededRandom } from "../src/core/random.ts";
import type { ReadFailure } from "../src/ingest/types.ts";
import { openStore } from "../src/record/open-store.ts";

/** The project's seeded generator (mulberry32): the same sequence for the same seed on every machine. */
export const prng = seededRandom;

export interface HostileInput {
  kind: string;
  /** File name, its extension choosing the reader. */
  name: string;
  content: Buffer;
}

/** Sizes: "quick" keeps `npm test` to seconds; "long" is for the script. */
export type FuzzScale = "quick" | "long";

type Generator = (random: () => number, id: string, scale: FuzzScale) => HostileInput;

const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const sentence = (id: string) => `The harbour board said on Monday that fares for ${id} would rise.`;

const GENERATORS: Generator[] = [
  (random, id, scale) => {
    const bytes = Buffer.alloc(int(random, 1, scale === "quick" ? 20_000 : 2_000_000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    const ext = [".txt", ".html", ".jsonl", ".csv"][int(random, 0, 3)];
    return { kind: "random bytes", name: `${id}-random${ext}`, content: bytes };
  },
  (random, id, scale) => {
    const depth = int(random, 200, scale === "quick" ? 12_000 : 100_000);
    const tag = ["div", "span", "section", "b", "table", "ul"][int(random, 0, 5)];
    const html = `<html><body>${`<${tag}>`.repeat(depth)}<p>${sentence(id)}</p>${random() < 0.5 ? `</${tag}>`.repeat(depth) : ""}</body></html>`;
    return { kind: "deep markup", name: `${id}-deep.html`, content: Buffer.from(html) };
  },
  (random, id, scale) => {
    const count = int(random, 1_000, scale === "quick" ? 8_000 : 200_000);
    const html = `<html><body>${"<p>w</p><br><i>x</i>".repeat(Math.ceil(count / 3))}<p>${sentence(id)}</p></body></html>`;
    return { kind: "wide markup", name: `${id}-wide.html`, content: Buffer.from(html) };
  },
  (random, id, scale) => {
    const size = int(random, 10_000, scale === "quick" ? 500_000 : 8_000_000);
    const quote = random() < 0.3 ? "" : '"';
    const html = `<html><body><p title=${quote}${"a>".repeat(size / 2)}${quote}>${sentence(id)}</p></body></html>`;
    return { kind: "huge attribute", name: `${id}-attr.html`, content: Buffer.from(html) };
  },
  (random, id) => {
    const text = Buffer.from(`${sentence(id)} ${generatedArticle(int(random, 0, 1000))}`);
    const variant = int(random, 0, 3);
    if (variant === 0) {
      // Invalid UTF-8 somewhere in the middle.
      const at = int(random, 0, text.length - 1);
      return {
        kind: "broken encoding",
        name: `${id}-utf8.txt`,
        content: Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), text.subarray(at)]),
      };
    }
    if (variant === 1) {
      // UTF-16 with a mark but an odd number of bytes (cut mid code unit).
      const utf16 = Buffer.from(`\ufeff${text.toString()}`, "utf16le");
      return {
        kind: "broken encoding",
        name: `${id}-utf16.txt`,
        content: utf16.subarray(0, utf16.length - 1),
      };
    }
    if (variant === 2) {
      // An unpaired surrogate in UTF-16.
      const utf16 = Buffer.concat([
        Buffer.from(`\ufeff${text.toString()}`, "utf16le"),
        Buffer.from([0x00, 0xd8, 0x41, 0x00]),
      ]);
      return { kind: "broken encoding", name: `${id}-surrogate.txt`, content: utf16 };
    }
    return {
      kind: "broken encoding",
      name: `${id}-gzip.jsonl.gz`,
      content: gzipSync(text).subarray(0, int(random, 5, 40)),
    };
  },
  (random, id, scale) => {
    const rows = ["text,title,date"];
    const count = int(random, 1, scale === "quick" ? 200 : 1_000);
    for (let i = 0; i < count; i++) {
      const roll = random();
      if (roll < 0.1) rows.push(`"unclosed ${id} ${i},T,2020-01-01`);
      else if (roll < 0.2) rows.push(`"closed" then text ${i},T,2020-01-01`);
      else if (roll < 0.25) rows.push(`"${"x".repeat(int(random, 1, 2_000_000))}",Big,2020-01-01`);
      else if (roll < 0.3) rows.push(`${"a,".repeat(int(random, 0, 1000))}`);
      else rows.push(`"${sentence(`${id} row ${i}`)} ""quoted""",T,2020-01-0${1 + (i % 9)}`);
    }
    return {
      kind: "broken CSV",
      name: `${id}-broken.csv`,
      content: Buffer.from(rows.join(random() < 0.5 ? "\n" : "\r\n")),
    };
  },
  (random, id, scale) => {
    const lines: string[] = [];
    const count = int(random, 1, scale === "quick" ? 300 : 2_000);
    for (let i = 0; i < count; i++) {
      const roll = random();
      if (roll < 0.1) lines.push("{}");
      else if (roll < 0.2)
        lines.push(JSON.stringify({ text: sentence(`${id} ${i}`) }).slice(0, int(random, 1, 20)));
      else if (roll < 0.25) lines.push(`${"[".repeat(int(random, 1, 200_000))}`);
      else if (roll < 0.3) lines.push(JSON.stringify({ text: 42, url: "javascript:alert(1)" }));
      else if (roll < 0.35)
        lines.push(
          JSON.stringify({ text: `<div>${"<div>".repeat(int(random, 100, 3000))}${sentence(`${id} ${i}`)}` }),
        );
      else lines.push(JSON.stringify({ text: sentence(`${id} line ${i}`), url: "https://news.example/a" }));
    }
    return { kind: "broken JSONL", name: `${id}-broken.jsonl`, content: Buffer.from(lines.join("\n")) };
  },
  (random, id, scale) => {
    const length = int(random, 10_000, scale === "quick" ? 40_000 : 2_000_000);
    const words = ["harbour", "fare", "said", "board", "Monday", "“", "”", ",", "."];
    const parts: string[] = [sentence(id)];
    for (let size = 0; size < length; ) {
      const word = words[int(random, 0, words.length - 1)] as string;
      parts.push(word);
      size += word.length + 1;
    }
    return { kind: "long line", name: `${id}-long.txt`, content: Buffer.from(parts.join(" ")) };
  },
];

/** `count` hostile inputs from `seed`, each with an id that keeps its content unique. */
export function hostileInputs(seed: number, count: number, scale: FuzzScale): HostileInput[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const generator = GENERATORS[i % GENERATORS.length] as Generator;
    return generator(random, `s${seed}-${String(i).padStart(3, "0")}`, scale);
  });
}

export interface BatchResult {
  inputs: HostileInput[];
  /** Paths of the well-formed articles placed between the hostile inputs. */
  goodPaths: string[];
  storedOrigins: string[];
  failures: ReadFailure[];
  seconds: number;
}

/** Writes hostile inputs with a good article after each into `dir`, and ingests them into a fresh store. */
export async function fuzzBatch(
  dir: string,
  seed: number,
  count: number,
  scale: FuzzScale,
): Promise<BatchResult> {
  mkdirSync(dir, { recursive: true });
  const inputs = hostileInputs(seed, count, scale);
  const paths: string[] = [];
  const goodPaths: string[] = [];
  inputs.forEach((input, i) => {
    const hostilePath = path.join(dir, input.name);
    writeFileSync(hostilePath, input.content);
    const goodPath = path.join(dir, `s${seed}-${String(i).padStart(3, "0")}-zgood.txt`);
    writeFileSync(goodPath, generatedArticle(seed * 1000 + i));
    paths.push(hostilePath, goodPath);
    goodPaths.push(goodPath);
  });
  const failuresFile = path.join(dir, "failures.jsonl");
  const store = await openStore(path.join(dir, "fuzz.db"), { create: true });
  const started = performance.now();
  try {
    await ingestInputs(paths, store, { workers: 0, failuresFile });
    const sql = new Database(path.join(dir, "fuzz.db"), { readonly: true });
    const storedOrigins = (sql.prepare("SELECT origin FROM articles").all() as { origin: string }[]).map(
      (row) => row.origin,
    );
    sql.close();
    const failures = readFileSync(failuresFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ReadFailure);
    return { inputs, goodPaths, storedOrigins, failures, seconds: (performance.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}

/** What must hold for a batch; returns the broken promises (empty when all hold). */
export function checkBatch(dir: string, result: BatchResult): string[] {
  const problems: string[] = [];
  const fileOf = (origin: string) => origin.replace(/(?::\d+|\[\d+\])$/, "");
  const stored = new Set(result.storedOrigins.map(fileOf));
  const failed = new Set(result.failures.map((failure) => fileOf(failure.origin)));
  for (const input of result.inputs) {
    const file = path.join(dir, input.name);
    if (!stored.has(file) && !failed.has(file))
      problems.push(`${input.kind} ${input.name}: neither stored nor failed`);
  }
  for (const failure of result.failures) {
    if (!failure.reason || /^(?:undefined|null|\[object)/.test(failure.reason))
      problems.push(`${failure.origin}: failure without a named reason`);
    if (/\n\s+at /.test(failure.reason)) problems.push(`${failure.origin}: a stack trace as the reason`);
  }
  for (const good of result.goodPaths)
    if (!stored.has(good)) problems.push(`${good}: a good article was not stored`);
  return problems;
}
