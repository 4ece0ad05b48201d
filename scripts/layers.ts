/**
 * Runs a pipeline described as data over a text file (cleaned first, as ingest cleans) and prints the
 * Doc's layers as JSON, each span with the text it covers: a way to see what any stage found.
 *
 *   npm run layers -- FILE [--pipeline JSON] [--up-to COMPONENT] [--layers a,b,...]
 *
 * --pipeline   the pipeline as JSON: a list of component names or {name, config} (default: ingest's)
 * --up-to      run the pipeline only up to and including this component ("rules", "merge", "filter" ...)
 * --layers     print only these layers (default: every layer the pipeline writes, tokens left out)
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { cleanText } from "../src/clean/clean.ts";
import { type Span, sliceSpan } from "../src/core/span.ts";
import { Doc, FIELD_LAYERS, type FieldLayer, layerKey } from "../src/nlp/doc.ts";
import { analyze, type ComponentSpec, defaultPipeline, pipelineFrom } from "../src/nlp/pipeline.ts";
import { NAME_HINTS } from "../src/nlp/speakers.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { pipeline: { type: "string" }, "up-to": { type: "string" }, layers: { type: "string" } },
});
const [file] = positionals;
if (!file) {
  console.error("usage: npm run layers -- FILE [--pipeline JSON] [--up-to COMPONENT] [--layers a,b]");
  process.exit(2);
}

let pipeline = defaultPipeline;
try {
  if (values.pipeline) pipeline = pipelineFrom(JSON.parse(values.pipeline) as ComponentSpec[]);
  if (values["up-to"]) pipeline = pipeline.upTo(values["up-to"]);
} catch (error) {
  console.error(`--pipeline: ${(error as Error).message}`);
  process.exit(2);
}

const cleaned = cleanText(readFileSync(file, "utf8"));
const doc = analyze(new Doc(cleaned.text).set(NAME_HINTS, cleaned.hoverNames ?? []), pipeline);
const wanted = values.layers?.split(",") ?? pipeline.layers().filter((name) => name !== "tokens");

/** Spans anywhere in a value get the text they cover, so the output reads without the article. */
function withText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withText);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, withText(v)]));
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, withText(v)]);
    const span = value as Partial<Span>;
    if (typeof span.start === "number" && typeof span.end === "number") {
      entries.push(["text", sliceSpan(doc.text, span as Span)]);
    }
    return Object.fromEntries(entries);
  }
  return value;
}

const out: Record<string, unknown> = { pipeline: pipeline.spec };
for (const name of wanted) {
  const value = FIELD_LAYERS.includes(name as FieldLayer) ? doc[name as FieldLayer] : doc.get(layerKey(name));
  out[name] = withText(value ?? null);
}
console.log(JSON.stringify(out, null, 2));
