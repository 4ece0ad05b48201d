import assert from "node:assert/strict";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import {
  type LlmConfig,
  llmConfigFromEnv,
  llmJudge,
  parseVerdict,
  type VerdictCache,
} from "../src/analysis/llm-judge.ts";
import type { Verdict } from "../src/analysis/mixed.ts";

/** A local stand-in that speaks the chat-completions protocol and answers by a rule over the prompt. */
const requests: Array<{ auth?: string; body: { model: string; messages: Array<{ content: string }> } }> = [];
let failNext = false;
const server = createServer(async (req: IncomingMessage, res) => {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  const body = JSON.parse(raw);
  requests.push({ auth: req.headers.authorization, body });
  if (req.url !== "/v1/chat/completions" || failNext) {
    failNext = false;
    res.writeHead(500).end("model crashed");
    return;
  }
  const prompt: string = body.messages[0].content;
  const label = /dead/.test(prompt) && /never stopped/.test(prompt) ? "Inconsistent" : "Unrelated";
  const content = `\`\`\`json\n${JSON.stringify({ label, reason: "stub rule" })}\n\`\`\``;
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content } }] }));
});
let config: LlmConfig;

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  config = { url: `http://127.0.0.1:${port}/v1`, model: "stub-model", key: "secret", timeoutMs: 5000 };
});
after(() => server.close());

test("the judge is off unless a URL is configured", () => {
  assert.equal(llmConfigFromEnv({}), null);
  const configured = llmConfigFromEnv({
    ONRECORD_LLM_URL: "http://127.0.0.1:1/v1/",
    ONRECORD_LLM_MODEL: "m",
  });
  assert.equal(configured?.url, "http://127.0.0.1:1/v1");
  assert.equal(configured?.model, "m");
});

test("asks the server with the versioned prompt and caches the verdict", async () => {
  const store = new Map<string, Verdict>();
  const cache: VerdictCache = { getVerdict: (k) => store.get(k), putVerdict: (k, v) => void store.set(k, v) };
  const before = requests.length;
  const verdict = await llmJudge(config, "the deal is dead", "talks never stopped", cache);
  assert.equal(verdict.label, "Inconsistent");
  assert.deepEqual(verdict.reasons, ["language model: stub rule"]);
  assert.equal(requests.length, before + 1);
  const sent = requests.at(-1);
  assert.equal(sent?.body.model, "stub-model");
  assert.equal(sent?.auth, "Bearer secret");
  assert.match(sent?.body.messages[0].content ?? "", /Statement 1: the deal is dead/);
  await llmJudge(config, "the deal is dead", "talks never stopped", cache);
  assert.equal(requests.length, before + 1, "the second call is served from the cache");
  assert.equal((await llmJudge(config, "budget", "weather", cache)).label, "Unrelated");
});

test("a failing server gives an error naming it", async () => {
  failNext = true;
  await assert.rejects(llmJudge(config, "a", "b"), /answered 500: model crashed/);
});

test("answers are parsed strictly", () => {
  assert.equal(parseVerdict('{"label": "consistent", "reason": "same"}').label, "Consistent");
  assert.equal(parseVerdict("I think these are Unrelated.").label, "Unrelated");
  assert.throws(() => parseVerdict("no idea"), /has no label/);
});
