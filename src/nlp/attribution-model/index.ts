import { extractAttributions as ruleAttributions } from "../attribution-rules.ts";
import { type Attribution, type Component, Doc, runPipeline } from "../doc.ts";
import { quotes } from "../quotes.ts";
import { sentencizer } from "../sentencizer.ts";
import { tokenizer } from "../tokenizer.ts";
import { cueStartPrefix, tagCues, tagRoles } from "./decoder.ts";
import { DocFeatures } from "./features.ts";
import { type AttributionWeights, loadWeights } from "./model.ts";
import { assembleAttribution } from "./spans.ts";

/**
 * Learned attribution extraction (trained on PolNeAR by training/attribution/train.ts):
 * 0. the rule extractor runs first, and its cues, sources and contents are features of both taggers;
 * 1. a greedy averaged-perceptron BIO tagger finds cue spans ("said", "according to", "told reporters");
 * 2. for each cue, a second tagger labels the tokens from the previous sentence to two sentences after
 *    as source, content or neither, with features relative to the cue (direction, distance, quotes and
 *    sentence boundaries and other cues in between);
 * 3. the span assembler turns those labels into {source, cue, content[], kind}.
 */

let cached: AttributionWeights | undefined;

/** The committed weights, loaded once per process. */
export function attributionWeights(): AttributionWeights {
  cached ??= loadWeights();
  return cached;
}

/**
 * Needs tokens, sentences, paragraphs and quotes. The taggers read the rule extractor's output as
 * features; pass `rules` when they have already run on this doc.
 */
export function extractFromDoc(
  doc: Doc,
  weights: AttributionWeights = attributionWeights(),
  rules: readonly Attribution[] = ruleAttributions(doc),
): Attribution[] {
  const f = new DocFeatures(doc.tokens, doc.sentences, doc.paragraphs, weights.wordClasses);
  f.useRules(doc.tokens, rules);
  const cues = tagCues(f, weights.cue, weights.bias.cue);
  const cueStartsBefore = cueStartPrefix(f.length, cues);
  const attributions: Attribution[] = [];
  for (const cue of cues) {
    const { window, labels } = tagRoles(
      f,
      { first: cue[0], last: cue[1], cueStartsBefore },
      weights.role,
      weights.bias.role,
    );
    const attribution = assembleAttribution(doc.tokens, doc.quotes, cue, window, labels);
    if (attribution) attributions.push(attribution);
  }
  return attributions;
}

export const attributionModel: Component = {
  name: "attribution-model",
  needs: ["tokens", "sentences", "paragraphs", "quotes"],
  writes: ["attributions"],
  run(doc: Doc) {
    doc.attributions = extractFromDoc(doc);
  },
};

/** Tokenizes, splits sentences and extracts attributions from raw text. */
export function extractAttributions(text: string): Attribution[] {
  const doc = runPipeline(new Doc(text), [tokenizer, sentencizer, quotes]);
  return extractFromDoc(doc);
}
