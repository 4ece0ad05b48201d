import { extractFromDoc } from "./attribution-model/index.ts";
import { extractAttributions as ruleAttributions } from "./attribution-rules.ts";
import type { Attribution, Component, Doc, Span } from "./doc.ts";

/**
 * Rules and the learned tagger make different mistakes: the rules are precise on the patterns they know,
 * the tagger finds cues the rules never list. Every rule attribution is kept; a learned one is added
 * when it is new — its cue overlaps no rule cue and no rule content (a cue inside content is reported
 * speech within a statement, not a second statement), and most of its content is not already claimed.
 */
export function combineAttributions(rules: Attribution[], learned: Attribution[]): Attribution[] {
  const ruleCues = rules.flatMap((a) => (a.cue ? [a.cue] : []));
  const ruleContent = rules.flatMap((a) => a.content);
  const added = learned.filter((candidate) => {
    const cue = candidate.cue;
    if (
      !cue ||
      ruleCues.some((span) => overlaps(span, cue)) ||
      ruleContent.some((span) => overlaps(span, cue))
    ) {
      return false;
    }
    const length = candidate.content.reduce((sum, span) => sum + span.end - span.start, 0);
    const claimed = candidate.content.reduce(
      (sum, span) => sum + ruleContent.reduce((inner, other) => inner + overlapLength(span, other), 0),
      0,
    );
    return length > 0 && claimed / length < MAX_CLAIMED_SHARE;
  });
  return [...rules, ...added].sort((a, b) => start(a) - start(b));
}

/** Above this share of its content already in a rule attribution, a learned one is a duplicate. */
const MAX_CLAIMED_SHARE = 0.5;

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const overlapLength = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const start = (a: Attribution) =>
  Math.min(...[a.source, a.cue, ...a.content].flatMap((s) => (s ? [s.start] : [])));

/** Needs tokens, sentences, paragraphs and quotes. */
export const attributionEnsemble: Component = {
  name: "attribution-ensemble",
  run(doc: Doc) {
    doc.attributions = combineAttributions(ruleAttributions(doc), extractFromDoc(doc));
  },
};
