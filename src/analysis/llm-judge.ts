import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
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

export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  const url = env.ONRECORD_LLM_URL;
  if (!url) return null;
  return {
    url: url.replace(/\/+$/, ""),
    model: env.ONRECORD_LLM_MODEL ?? "default",
    key: env.ONRECORD_LLM_KEY,
    timeoutMs: Number(env.ONRECORD_LLM_TIMEOUT_MS ?? 60_000),
  };
}

export type { VerdictCache } from "../core/verdict.ts";

export function cacheKey(config: LlmConfig, a: string, b: string): string {
  return createHash("sha256")
    .update(JSON.stringify([PROMPT_VERSION, config.model, a, b]))
    .digest("hex");
}

export function renderPrompt(a: string, b: string): string {
  return PROMPT.replace("{{a}}", a).replace("{{b}}", b);
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
  const cached = cache?.getVerdict(key);
  if (cached) return cached;
  const response = await fetch(`${config.url}/chat/completions`, {
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
  if (!response.ok) {
    throw new Error(
      `language model server ${config.url} answered ${response.status}: ${await response.text()}`,
    );
  }
  const body = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> };
  const answer = body.choices?.[0]?.message?.content;
  if (typeof answer !== "string")
    throw new Error(`language model server ${config.url} sent no message content`);
  const verdict = parseVerdict(answer);
  cache?.putVerdict(key, verdict);
  return verdict;
}
