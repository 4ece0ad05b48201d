/**
 * The document model every pipeline component reads and writes.
 *
 * As in spaCy, one object holds the text and offset-based annotation layers; components add layers,
 * never copy strings. Every span is a half-open range [start, end) of JavaScript string indices
 * (UTF-16 code units) into `Doc.text`, the exact text the pipeline was given.
 */

import type { Span } from "../core/span.ts";
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

  constructor(text: string) {
    this.text = text;
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

/** A pipeline component: a named, synchronous function that reads some layers of a Doc and writes one. */
export interface Component {
  name: string;
  run(doc: Doc): void;
}

export function runPipeline(doc: Doc, components: readonly Component[]): Doc {
  for (const component of components) component.run(doc);
  return doc;
}
