/** Types shared by the speaker-resolution modules. */
import type { Span, Speaker, SpeakerResolution } from "./doc.ts";
import type { ParsedName } from "./names.ts";

export type Gender = "male" | "female";

export interface Entity {
  /**
   * True for a speaker known only by a description ("voters", "the company", "a poll"): it names no one,
   * so a pronoun or a description that refers back to it names no one either.
   */
  unnamed?: boolean;
  kind: Speaker["kind"];
  /** Display and key name, recomputed when a fuller name joins the entity. */
  name: string;
  parsed?: ParsedName;
  roles: Set<string>;
  party?: string;
  state?: string;
  gender?: Gender;
  /** Order number of the latest mention, for "most recently mentioned" choices. */
  lastSeen?: number;
  /** Full names known from outside the prose (hover cards): aliases without a span. */
  hintAliases?: Set<string>;
}

/** A full name for a name span, known from outside the prose (a hover card the cleaner removed). */
export interface NameHint {
  span: Span;
  fullName: string;
}

/** The speakers component's configuration. */
export interface SpeakerConfig {
  /**
   * Let the GAP-trained pronoun model overrule the subject-first rule when two people fit (off by
   * default: on PolNeAR dev it changed few pronouns and none for the better, see scripts/eval-speakers.ts).
   */
  corefModel?: boolean;
}

/** What the resolver reads: the configuration and the doc's `nameHints` layer. */
export interface SpeakerOptions extends SpeakerConfig {
  nameHints?: readonly NameHint[];
}

/** A capitalised name seen without evidence that it is a person; becomes one if a source later uses it. */
export interface TentativeName {
  span: Span;
  parsed: ParsedName;
  /** Set once the name became a person. */
  confirmed?: boolean;
  /** Roles written next to the name (appositive, title before it). */
  roles: Set<string>;
}

export interface EntityMention extends Span {
  entity: Entity;
  sentence: number;
  resolution: SpeakerResolution;
  /** The span of the name this mention resolved to (for pronouns and descriptions). */
  antecedent?: Span;
  /** True for the source span of an attribution. */
  isSource?: boolean;
}
