/**
 * The default extractor's stages as pipeline components, each with its own layer, so a pipeline can stop
 * after any of them and show what it found (`onrecord`'s pipelines are data: src/nlp/pipeline.ts).
 *
 *   rules            tokens, sentences, paragraphs, quotes  → ruleAttributions  (attribution-rules.ts)
 *   tagger           the same + ruleAttributions            → modelAttributions (attribution-model/: the
 *                                                             rules' output is a feature of both taggers)
 *   merge            ruleAttributions, modelAttributions    → candidates        (combineCandidates)
 *   filter           candidates                             → attributions      (attribution-filter.ts,
 *                                                             with each kept one's confidence)
 *   contentEdges     attributions, quotes                   → attributions      (content-edges.ts, kind)
 *   cueEdges         attributions                           → attributions      (cue-edges.ts)
 *   statementFixes   attributions                           → attributions      (statement-checks.ts)
 *
 * `rules` and `tagger` take an `output` layer, so the rules or the tagger alone can write `attributions`.
 */
import { type Candidate, combineCandidates, finishContentEdges, keepLikely } from "./attribution-ensemble.ts";
import { filterModel } from "./attribution-filter.ts";
import { extractFromDoc } from "./attribution-model/index.ts";
import { extractAttributions } from "./attribution-rules.ts";
import { extendCues } from "./cue-edges.ts";
import { type Attribution, type Component, type Doc, type LayerKey, layerKey } from "./doc.ts";
import { fixAttributions } from "./statement-checks.ts";

export const RULE_ATTRIBUTIONS: LayerKey<Attribution[]> = layerKey("ruleAttributions");
export const MODEL_ATTRIBUTIONS: LayerKey<Attribution[]> = layerKey("modelAttributions");
/** The merged attributions, each with who found its cue (a feature of the filter). */
export const CANDIDATES: LayerKey<Candidate[]> = layerKey("candidates");

const TEXT_LAYERS = ["tokens", "sentences", "paragraphs", "quotes"] as const;

/** Where the rules or the tagger write: their own layer, or `attributions` when they are the extractor. */
export type AttributionOutput = "attributions" | "ruleAttributions" | "modelAttributions";

function write(doc: Doc, output: AttributionOutput, attributions: Attribution[]): void {
  if (output === "attributions") doc.attributions = attributions;
  else doc.set(output === "ruleAttributions" ? RULE_ATTRIBUTIONS : MODEL_ATTRIBUTIONS, attributions);
}

export function ruleStage(output: AttributionOutput = "ruleAttributions"): Component {
  return {
    name: "rules",
    needs: TEXT_LAYERS,
    writes: [output],
    run(doc) {
      write(doc, output, extractAttributions(doc));
    },
  };
}

export function taggerStage(output: AttributionOutput = "modelAttributions"): Component {
  return {
    name: "tagger",
    needs: [...TEXT_LAYERS, RULE_ATTRIBUTIONS.name],
    writes: [output],
    run(doc) {
      write(doc, output, extractFromDoc(doc, undefined, doc.require(RULE_ATTRIBUTIONS, "tagger")));
    },
  };
}

export const mergeStage: Component = {
  name: "merge",
  needs: [RULE_ATTRIBUTIONS.name, MODEL_ATTRIBUTIONS.name],
  writes: [CANDIDATES.name],
  run(doc) {
    const rules = doc.require(RULE_ATTRIBUTIONS, "merge");
    doc.set(CANDIDATES, combineCandidates(rules, doc.require(MODEL_ATTRIBUTIONS, "merge")));
  },
};

export const filterStage: Component = {
  name: "filter",
  needs: [CANDIDATES.name],
  writes: ["attributions"],
  run(doc) {
    doc.attributions = keepLikely(doc.text, doc.require(CANDIDATES, "filter"), filterModel());
  },
};

export const contentEdgesStage: Component = {
  name: "contentEdges",
  needs: ["attributions", "quotes"],
  writes: ["attributions"],
  run(doc) {
    doc.attributions = finishContentEdges(doc, doc.attributions);
  },
};

export const cueEdgesStage: Component = {
  name: "cueEdges",
  needs: ["attributions"],
  writes: ["attributions"],
  run(doc) {
    doc.attributions = extendCues(doc.text, doc.attributions);
  },
};

/** The fixes of statement-checks.ts, on the final edges (a colon's quote as the content, "think tank"). */
export const statementFixesStage: Component = {
  name: "statementFixes",
  needs: ["attributions"],
  writes: ["attributions"],
  run(doc) {
    doc.attributions = fixAttributions(doc.text, doc.attributions);
  },
};
