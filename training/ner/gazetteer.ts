import type { ConllDocument } from "../../src/nlp/ner/conll.ts";
import type { PhraseList } from "../../src/nlp/ner/features.ts";
import { tagsToSpans } from "../../src/nlp/ner/tags.ts";

/**
 * Builds the gazetteer from the entity annotations of the training documents themselves: every
 * annotated name, lowercased, with the types it was annotated as. No outside list is used. To keep the
 * model from trusting a list that covers all its training names (it never would at test time), training
 * features use a gazetteer built from the other folds only; see train.ts.
 */
export function buildGazetteer(documents: readonly ConllDocument[]): PhraseList {
  const gazetteer = new Map<string, string[]>();
  for (const document of documents) {
    for (const sentence of document.sentences) {
      for (const span of tagsToSpans(sentence.tags)) {
        const key = sentence.tokens
          .slice(span.start, span.end)
          .map((t) => t.toLowerCase())
          .join(" ");
        const types = gazetteer.get(key) ?? [];
        if (!types.includes(span.type)) types.push(span.type);
        gazetteer.set(key, types);
      }
    }
  }
  return gazetteer;
}
