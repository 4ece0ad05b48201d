import { attributionRules } from "./attribution-rules.ts";
import { type Component, Doc, runPipeline } from "./doc.ts";
import { quotes } from "./quotes.ts";
import { sentencizer } from "./sentencizer.ts";
import { speakers } from "./speakers.ts";
import { tokenizer } from "./tokenizer.ts";

/**
 * The default analysis pipeline. Extraction (quotes, attributionRules) and speaker resolution
 * (speakers) are separate components, so a learned attribution tagger can replace
 * `attributionRules` in this list without touching speaker resolution.
 */
export const components: readonly Component[] = [tokenizer, sentencizer, quotes, attributionRules, speakers];

/** Runs the default pipeline over cleaned article text. Pure and synchronous. */
export function analyze(text: string, pipeline: readonly Component[] = components): Doc {
  return runPipeline(new Doc(text), pipeline);
}
