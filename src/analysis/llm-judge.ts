import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { errorMessage } from "../core/errors.ts";
import type { Verdict, VerdictCache } from "../core/verdict.ts";
import { LABELS, type Label } from "./judge/index.ts";

/**
 * An optional pairwise judge backed by any server that speaks the OpenAI chat-completions protocol
 * (llama.cpp's server, Ollama, vLLM or a hosted API). Off unless ONRECORD_LLM_URL is set; never required.
 * Prompts are versioned files in prompts/, and the version is part of the cache key, so changing a prompt
 * never serves answers given to the old one.
 */

export const PROMPT_VERSION = "judge-v1";
const PROMPT = readFileSync(new URL(`../../prompts/${PROMPT_VERSION}.md`, import.meta.url), "utf8");

export interface LlmConfig {
  /** Base URL up to and including /v1, e.g. http://127.0.0.1:8080/v1 */
  url: string;
  model: string;
  key?: string;
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * Largest response body read: a verdict is a few hundred bytes of JSON. A server that sends more
 * (a misconfigured proxy, a hostile endpoint) is cut off instead of filling memory.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Characters of an error body quoted in a message. */
const ERROR_BODY_CHARS = 300;

/** A judge failure the user can act on: it names the server and the setting, and prints without a stack. */
export class LlmJudgeError extends Error {}

export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  const url = env.ONRECORD_LLM_URL;
  if (!url) return null;
  const timeout = Number(env.ONRECORD_LLM_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new LlmJudgeError(
      `ONRECORD_LLM_TIMEOUT_MS=${JSON.stringify(env.ONRECORD_LLM_TIMEOUT_MS)} is not a positive number of milliseconds`,
    );
  }
  try {
    new URL(url);
  } catch {
    throw new LlmJudgeError(
      `ONRECORD_LLM_URL=${JSON.stringify(url)} is not a URL (e.g. http://127.0.0.1:8080/v1)`,
    );
  }
  return {
    url: url.replace(/\/+$/, ""),
    model: env.ONRECORD_LLM_MODEL ?? "default",
    key: env.ONRECORD_LLM_KEY,
    timeoutMs: timeout,
  };
}

export type { VerdictCache } from "../core/verdict.ts";

export function cacheKey(config: LlmConfig, a: string, b: string): string {
  const parts: string[] = [PROMPT_VERSION, config.model, a, b];
  // Earlier versions filled the prompt with String.replace, which expands "$&", "$'" and a "{{b}}"
  // inside statement 1; verdicts cached for such pairs answered a corrupted prompt and must not be served.
  if (/[$]|\{\{/.test(a + b)) parts.push("fill-v2");
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * The prompt with both statements filled in, in one pass with a function replacer: the statements
 * are inserted verbatim ("$&" stays "$&", a "{{b}}" inside statement 1 stays as written).
 */
export function renderPrompt(a: string, b: string): string {
  return PROMPT.replace(/\{\{([ab])\}\}/g, (_, slot: string) => (slot === "a" ? a : b));
}

/** Reads at most `limit` bytes of a response body; past that the request is abandoned. */
async function readCapped(response: Response, limit: number): Promise<{ text: string; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { text: "", truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.length > limit) {
      chunks.push(value.subarray(0, limit - size));
      await reader.cancel();
      return { text: Buffer.concat(chunks).toString("utf8"), truncated: true };
    }
    chunks.push(value);
    size += value.length;
  }
  return { text: Buffer.concat(chunks).toString("utf8"), truncated: false };
}

/** Why a request failed, in words ("connection refused"), from fetch's nested causes. */
function networkReason(error: unknown, config: LlmConfig): string {
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError")
    return `no answer within ${config.timeoutMs} ms (ONRECORD_LLM_TIMEOUT_MS)`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND") return "host not found";
  return cause?.message ?? errorMessage(error);
}

/** Reads the model's answer; tolerant of code fences and prose around the JSON, strict about the label. */
export function parseVerdict(answer: string): Verdict {
  const json = answer.match(/\{[\s\S]*\}/)?.[0];
  let label: Label | undefined;
  let reason = "";
  if (json) {
    try {
      const parsed = JSON.parse(json) as { label?: unknown; reason?: unknown };
      label = LABELS.find((l) => l.toLowerCase() === String(parsed.label).toLowerCase());
      reason = typeof parsed.reason === "string" ? parsed.reason : "";
    } catch {
      // fall through to the plain-word search below
    }
  }
  label ??= LABELS.find((l) => new RegExp(`\\b${l}\\b`, "i").test(answer));
  if (!label) throw new Error(`language model answer has no label: ${answer.slice(0, 200)}`);
  const scores = { Inconsistent: 0, Unrelated: 0, Consistent: 0, [label]: 1 };
  return { label, scores, reasons: reason ? [`language model: ${reason}`] : ["language model"] };
}

export async function llmJudge(
  config: LlmConfig,
  a: string,
  b: string,
  cache?: VerdictCache,
): Promise<Verdict> {
  const key = cacheKey(config, a, b);
  const cached = await cache?.getVerdict(key);
  if (cached) return cached;
  const where = `language model server ${config.url} (ONRECORD_LLM_URL)`;
  let response: Response;
  try {
    response = await fetch(`${config.url}/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(config.key ? { authorization: `Bearer ${config.key}` } : {}),
      },
      body: JSON.stringify({
        model: config.model,
        temperature: 0,
        messages: [{ role: "user", content: renderPrompt(a, b) }],
      }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    throw new LlmJudgeError(`cannot reach ${where}: ${networkReason(error, config)}`);
  }
  let body: { text: string; truncated: boolean };
  try {
    body = await readCapped(response, response.ok ? MAX_RESPONSE_BYTES : ERROR_BODY_CHARS * 4);
  } catch (error) {
    throw new LlmJudgeError(`${where} broke off its answer: ${networkReason(error, config)}`);
  }
  if (!response.ok) {
    const excerpt = body.text.slice(0, ERROR_BODY_CHARS).replace(/\s+/g, " ").trim();
    throw new LlmJudgeError(`${where} answered ${response.status}: ${excerpt}${body.truncated ? " …" : ""}`);
  }
  if (body.truncated) {
    throw new LlmJudgeError(
      `${where} sent more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB; a verdict is a few hundred bytes`,
    );
  }
  let parsed: { choices?: Array<{ message?: { content?: string } }> };
  try {
    parsed = JSON.parse(body.text);
  } catch {
    throw new LlmJudgeError(`${where} did not answer in JSON (is it a chat-completions endpoint?)`);
  }
  const answer = parsed?.choices?.[0]?.message?.content;
  if (typeof answer !== "string")
    throw new LlmJudgeError(`${where} sent no message content (model ${config.model}, ONRECORD_LLM_MODEL)`);
  let verdict: Verdict;
  try {
    verdict = parseVerdict(answer);
  } catch (error) {
    throw new LlmJudgeError(`${where}, model ${config.model} (ONRECORD_LLM_MODEL): ${errorMessage(error)}`);
  }
  await cache?.putVerdict(key, verdict);
  return verdict;
}
