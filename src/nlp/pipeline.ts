/**
 * Pipelines as data: components are registered by name with a function from their configuration, and a
 * pipeline is a list of names (or `{ name, config }`), as plain JSON:
 *
 *   pipelineFrom(["tokenizer", "sentencizer", "quotes", "rules"])              // up to the rules' layer
 *   pipelineFrom([..., { name: "speakers", config: { corefModel: true } }])
 *
 * Building a pipeline checks it: every layer a component needs must be written by an earlier component
 * (the error names both), and every configuration key must be one the component knows.
 */
import {
  contentEdgesStage,
  cueEdgesStage,
  filterStage,
  mergeStage,
  ruleStage,
  statementFixesStage,
  taggerStage,
} from "./attribution-stages.ts";
import { type Component, Doc, runPipeline } from "./doc.ts";
import { ner } from "./ner/index.ts";
import { posTagger } from "./pos/index.ts";
import { quotes } from "./quotes.ts";
import { sentencizer } from "./sentencizer.ts";
import { speakersWith } from "./speakers.ts";
import { tokenizer } from "./tokenizer.ts";

/** One step of a pipeline described as data: a registered name, with its configuration if any. */
export type ComponentSpec = string | { name: string; config?: Readonly<Record<string, unknown>> };

/** A registered component: its configuration keys (with what each takes) and how to make it. */
interface Registered {
  options: Readonly<Record<string, OptionCheck>>;
  make(config: Readonly<Record<string, unknown>>): Component;
}

/** Returns what is wrong with a value ("must be true or false"), or null. */
type OptionCheck = (value: unknown) => string | null;

const oneOf =
  (...allowed: string[]): OptionCheck =>
  (value) =>
    typeof value === "string" && allowed.includes(value) ? null : `must be one of ${allowed.join(", ")}`;
const boolean: OptionCheck = (value) => (typeof value === "boolean" ? null : "must be true or false");

const fixed = (component: Component): Registered => ({ options: {}, make: () => component });

const registry = new Map<string, Registered>([
  ["tokenizer", fixed(tokenizer)],
  ["sentencizer", fixed(sentencizer)],
  ["quotes", fixed(quotes)],
  [
    "rules",
    {
      options: { output: oneOf("ruleAttributions", "attributions") },
      make: (config) => ruleStage(config.output as "ruleAttributions" | "attributions" | undefined),
    },
  ],
  [
    "tagger",
    {
      options: { output: oneOf("modelAttributions", "attributions") },
      make: (config) => taggerStage(config.output as "modelAttributions" | "attributions" | undefined),
    },
  ],
  ["merge", fixed(mergeStage)],
  ["filter", fixed(filterStage)],
  ["contentEdges", fixed(contentEdgesStage)],
  ["cueEdges", fixed(cueEdgesStage)],
  ["statementFixes", fixed(statementFixesStage)],
  [
    "speakers",
    {
      options: { corefModel: boolean },
      make: (config) =>
        speakersWith(config.corefModel === undefined ? {} : { corefModel: !!config.corefModel }),
    },
  ],
  // Available, not in the default pipeline (docs/architecture.md says why).
  ["ner", fixed(ner)],
  ["pos", fixed(posTagger)],
]);

/** Names of the registered components, in registration order. */
export function componentNames(): string[] {
  return [...registry.keys()];
}

/** A checked list of components and the data it was built from. */
export class Pipeline {
  readonly components: readonly Component[];
  readonly spec: readonly ComponentSpec[];

  constructor(components: readonly Component[], spec: readonly ComponentSpec[]) {
    checkLayers(components);
    this.components = components;
    this.spec = spec;
  }

  /** Runs every component on the Doc, in order. */
  run(doc: Doc): Doc {
    return runPipeline(doc, this.components);
  }

  /** The layers this pipeline leaves on a Doc. */
  layers(): string[] {
    return [...new Set(this.components.flatMap((c) => c.writes))];
  }

  /** A pipeline of the first components, up to and including the one named (a stage's output). */
  upTo(name: string): Pipeline {
    const index = this.components.findIndex((c) => c.name === name);
    if (index < 0) throw new Error(`pipeline has no component "${name}" (it has ${this.names().join(", ")})`);
    return new Pipeline(this.components.slice(0, index + 1), this.spec.slice(0, index + 1));
  }

  names(): string[] {
    return this.components.map((c) => c.name);
  }
}

/** Builds a pipeline from its description; an unknown name, option or layer order is an error naming it. */
export function pipelineFrom(spec: readonly ComponentSpec[]): Pipeline {
  const components = spec.map((step, index) => {
    const { name, config = {} } = typeof step === "string" ? { name: step } : step;
    const registered = registry.get(name);
    if (!registered) {
      throw new Error(
        `pipeline step ${index + 1}: no component "${name}" (known: ${componentNames().join(", ")})`,
      );
    }
    for (const [key, value] of Object.entries(config)) {
      const check = registered.options[key];
      if (!check) throw new Error(`component "${name}": unknown option "${key}"`);
      const problem = check(value);
      if (problem) throw new Error(`component "${name}": option "${key}" ${problem}`);
    }
    return registered.make(config);
  });
  return new Pipeline(components, spec);
}

/** Checks that every layer a component needs is written by an earlier one. */
function checkLayers(components: readonly Component[]): void {
  const written = new Set<string>();
  components.forEach((component, index) => {
    for (const need of component.needs) {
      if (written.has(need)) continue;
      const later = components.slice(index + 1).find((c) => c.writes.includes(need));
      const where = later
        ? `component "${later.name}" writes it later in the pipeline`
        : "no component in the pipeline writes it";
      throw new Error(
        `component "${component.name}" needs layer "${need}", which no earlier component writes (${where})`,
      );
    }
    for (const layer of component.writes) written.add(layer);
  });
}

/** Which component finds the attributions; speaker resolution runs on its spans either way. */
export type Extractor = "combined" | "learned" | "rules";

const TEXT: ComponentSpec[] = ["tokenizer", "sentencizer", "quotes"];

/** Each extractor as data: everything up to the attributions. */
export const EXTRACTION_SPECS: Readonly<Record<Extractor, readonly ComponentSpec[]>> = {
  // The learned tagger reads the rules' output as features, and the merge adds what only the rules found:
  // 5-fold CV on PolNeAR train, attribution F1 0.656, against 0.654 for the stacked tagger alone and 0.628
  // for the rules (see docs/figures.md).
  combined: [...TEXT, "rules", "tagger", "merge", "filter", "contentEdges", "cueEdges", "statementFixes"],
  learned: [...TEXT, "rules", { name: "tagger", config: { output: "attributions" } }],
  rules: [...TEXT, { name: "rules", config: { output: "attributions" } }],
};

/** Everything up to the attributions, without speaker resolution. */
export function extractionWith(extractor: Extractor): Pipeline {
  return pipelineFrom(EXTRACTION_SPECS[extractor]);
}

export function pipelineWith(extractor: Extractor): Pipeline {
  return pipelineFrom([...EXTRACTION_SPECS[extractor], "speakers"]);
}

/** The default analysis pipeline: what ingest runs on every English article. */
export const defaultPipeline: Pipeline = pipelineWith("combined");

/** For text in another language: sentences (for the article's topics), no attributions and no names. */
export const sentencesOnly: Pipeline = pipelineFrom(["tokenizer", "sentencizer"]);

/**
 * Runs a pipeline (the default one unless told) over cleaned article text, or over a Doc whose open layers
 * were set beforehand (`new Doc(text).set(NAME_HINTS, hints)`). Pure and synchronous.
 */
export function analyze(input: string | Doc, pipeline: Pipeline = defaultPipeline): Doc {
  return pipeline.run(typeof input === "string" ? new Doc(input) : input);
}
