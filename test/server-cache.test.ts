/**
 * The web app's page cache (src/server/page-cache.ts): an answer is kept until the record's change stamp
 * moves, one computation serves the requests that wait for it, failures are not kept, the oldest answer
 * goes first; and through the server, a page kept in the cache shows what another connection writes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { processArticle } from "../src/process.ts";
import { openStore } from "../src/record/open-store.ts";
import { buildServer } from "../src/server/app.ts";
import { PageCache } from "../src/server/page-cache.ts";
import { fixtureStore } from "./server-fixture.ts";

function counted(stamp: { value: string }) {
  const cache = new PageCache({ changeStamp: async () => stamp.value }, 2);
  let computed = 0;
  const load = (answer: string) => async () => {
    computed++;
    return answer;
  };
  return { cache, load, computed: () => computed };
}

test("an answer is kept until the change stamp moves", async () => {
  const stamp = { value: "1" };
  const { cache, load, computed } = counted(stamp);
  assert.equal(await cache.get("a", load("first")), "first");
  assert.equal(await cache.get("a", load("second")), "first");
  assert.equal(computed(), 1);
  stamp.value = "2";
  assert.equal(await cache.get("a", load("third")), "third");
  assert.equal(computed(), 2);
});

test("requests that arrive during a computation share it; a failure is not kept", async () => {
  const { cache } = counted({ value: "1" });
  let runs = 0;
  let release: () => void = () => undefined;
  const slow = () =>
    new Promise<number>((resolve) => {
      runs++;
      release = () => resolve(runs);
    });
  const waiting = Promise.all([cache.get("k", slow), cache.get("k", slow), cache.get("k", slow)]);
  await new Promise((resolve) => setImmediate(resolve));
  release();
  assert.deepEqual(await waiting, [1, 1, 1]);
  assert.equal(runs, 1);
  await assert.rejects(
    cache.get("bad", async () => {
      throw new Error("no such person");
    }),
  );
  assert.equal(await cache.get("bad", async () => "found later"), "found later");
});

test("the least recently asked answer goes first when the cache is full", async () => {
  const { cache, load, computed } = counted({ value: "1" });
  await cache.get("a", load("a"));
  await cache.get("b", load("b"));
  await cache.get("a", load("a again"));
  await cache.get("c", load("c"));
  assert.equal(computed(), 3);
  assert.equal(await cache.get("a", load("a recomputed")), "a", "a was asked recently: kept");
  assert.equal(await cache.get("b", load("b recomputed")), "b recomputed", "b was the oldest: dropped");
});

test("a read-only server's kept pages show what another connection writes, and only then change", async () => {
  const { store: writer, file } = await fixtureStore();
  const reader = await openStore(file, { readonly: true });
  const app = await buildServer({ store: reader });
  try {
    const stampBefore = await reader.changeStamp();
    const count = async () => (await app.inject({ url: "/api/people/Odell" })).json().person.statementCount;
    const before = await count();
    assert.equal(await count(), before);
    assert.equal(await reader.changeStamp(), stampBefore, "reads leave the stamp alone");
    await writer.addArticle(
      processArticle({
        origin: "cache-test",
        format: "text",
        published: "2026-04-01",
        text: "Councillor Bram Odell said on Monday that the ferry timetable would not change before the summer.",
      }),
    );
    assert.notEqual(await reader.changeStamp(), stampBefore);
    assert.equal(await count(), before + 1);
  } finally {
    await app.close();
    await reader.close();
    await writer.close();
  }
});
