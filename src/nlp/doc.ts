/**
 * The document model every pipeline component reads and writes.
 *
 * As in spaCy, one object holds the text and offset-based annotation layers; components add layers,
 * never copy strings. Every span is a half-open range [start, end) of JavaScript string indices
 * (UTF-16 code units) into `Doc.text`, the exact text the pipeline was given.
 */

import { type Span, sliceSpan } from "../core/span.ts";
import type { AttributionKind, Speaker, SpeakerResolution } from "../core/statement.ts";

export type { Span } from "../core/span.ts";
export { mergeSpans } from "../core/span.ts";
export type { AttributionKind, Speaker, SpeakerResolution } from "../core/statement.ts";

export interface Token extends Span {
  text: string;
  /** Penn Treebank part-of-speech tag, set by the `posTagger` component (src/nlp/pos). */
  pos?: string;
}

export type EntityType = "PER" | "ORG" | "LOC" | "MISC";

export interface Entity extends Span {
  type: EntityType;
}

export interface Attribution {
  source: Span | null;
  cue: Span | null;
  /** One or more content spans, in text order (a quote split by "he said" has two). */
  content: Span[];
  kind: AttributionKind;
  speaker: Speaker | null;
  /**
   * The filter's estimate (0-1) that a careful annotator marks the same attribution (see
   * attribution-filter.ts); absent when the extractor has no filter (rules or tagger alone).
   */
  confidence?: number;
}

/** A reference to a person or organisation in the text, with the canonical key it resolved to. */
export interface Mention extends Span {
  name: string;
  kind: Speaker["kind"];
  /** How the mention was resolved: names and aliases are surface forms; pronouns and descriptions are not. */
  resolution?: SpeakerResolution;
}

/**
 * The name of a layer in a Doc's open map, typed by its value. Layers every pipeline has (tokens,
 * sentences, ...) are fields of the Doc; the others (the attribution stages' intermediate results, the
 * hover-card names given before the pipeline runs) are kept by key, so a component can add a layer
 * without changing this file.
 */
export interface LayerKey<T> {
  readonly name: string;
  /** Never set: carries the value's type for `Doc.get` and `Doc.set`. */
  readonly type?: T;
}

export function layerKey<T>(name: string): LayerKey<T> {
  if (FIELD_LAYERS.includes(name as FieldLayer)) throw new Error(`layer "${name}" is a field of the Doc`);
  return { name };
}

/** The layers kept as fields of every Doc (empty until a component writes them). */
export const FIELD_LAYERS = [
  "tokens",
  "paragraphs",
  "sentences",
  "quotes",
  "entities",
  "mentions",
  "attributions",
] as const;
export type FieldLayer = (typeof FIELD_LAYERS)[number];

export class Doc {
  readonly text: string;
  tokens: Token[] = [];
  sentences: Span[] = [];
  paragraphs: Span[] = [];
  /** Quotation spans including their quote marks, possibly across paragraphs. */
  quotes: Span[] = [];
  entities: Entity[] = [];
  mentions: Mention[] = [];
  attributions: Attribution[] = [];
  private readonly open = new Map<string, unknown>();

  constructor(text: string) {
    this.text = text;
  }

  /** The value of an open layer, or undefined when nothing set it. */
  get<T>(key: LayerKey<T>): T | undefined {
    return this.open.get(key.name) as T | undefined;
  }

  /**
   * The value of an open layer a component needs. A pipeline's build check makes the error unreachable;
   * `runPipeline` on a hand-made list of components is not checked.
   */
  require<T>(key: LayerKey<T>, component: string): T {
    const value = this.get(key);
    if (value === undefined)
      throw new Error(`component "${component}" needs layer "${key.name}", which is not set`);
    return value;
  }

  /** Sets an open layer; returns the Doc, so layers given before a pipeline read `new Doc(t).set(k, v)`. */
  set<T>(key: LayerKey<T>, value: T): this {
    this.open.set(key.name, value);
    return this;
  }

  /** Names of the open layers set so far. */
  openLayers(): string[] {
    return [...this.open.keys()];
  }

  slice(span: Span): string {
    return sliceSpan(this.text, span);
  }
}

/**
 * A pipeline component: a named, synchronous function that reads some layers of a Doc and writes others.
 * `needs` and `writes` are checked when a pipeline is built (src/nlp/pipeline.ts): every layer a component
 * needs must be written by an earlier one. A component may rewrite a layer it needs (the attribution
 * stages refine `attributions` in turn).
 */
export interface Component {
  name: string;
  /** Layers read, each written by an earlier component. */
  needs: readonly string[];
  /** Layers written (or rewritten). */
  writes: readonly string[];
  /** Open layers read when present, set on the Doc before the pipeline runs (not checked). */
  reads?: readonly string[];
  run(doc: Doc): void;
}

/**
 * Runs components in order on a Doc, unchecked: for running a few components on a Doc that earlier ones
 * prepared (tests, training). A whole pipeline is built and checked with `pipelineFrom` or `buildPipeline`.
 */
export function runPipeline(doc: Doc, components: readonly Component[]): Doc {
  for (const component of components) component.run(doc);
  return doc;
}
