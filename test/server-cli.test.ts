/**
 * `onrecord serve` as a command: it refuses a missing database with one line, serves an existing one
 * read-only (a write is 403 and the file is not touched), and prints the URL it listens on.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fixtureStore } from "./server-fixture.ts";

const BIN = path.join(import.meta.dirname, "..", "bin", "onrecord.js");

test("serve: a missing database is one line and exit 2", () => {
  const result = spawnSync(process.execPath, [BIN, "serve", "--db", "/nonexistent/x.db", "--port", "0"], {
    encoding: "utf8",
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^onrecord: no database at \/nonexistent\/x\.db/);
  assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
});

test("serve: prints its URL, answers read-only, leaves the file as it was", async () => {
  const { store, file } = await fixtureStore();
  await store.close();
  const before = statSync(file).mtimeMs;
  const env = { ...process.env, ONRECORD_TOKEN: "" };
  const child = spawn(process.execPath, [BIN, "serve", "--db", file, "--port", "0"], { env });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /serving .* at (http:\/\/127\.0\.0\.1:\d+)\/ \(read-only\)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const people = await (await fetch(`${url}/api/people`)).json();
    assert.equal(people.total, 2);
    const write = await fetch(`${url}/api/articles`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer x" },
      body: JSON.stringify({ text: "Mayor Ada Quill said nothing at all." }),
    });
    assert.equal(write.status, 403);
    assert.equal(statSync(file).mtimeMs, before);
  } finally {
    child.kill("SIGTERM");
  }
});
