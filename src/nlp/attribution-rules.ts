import { firstIndex } from "../core/sorted.ts";
import { Context, isCapitalized, OPENING_MARKS } from "./attribution-rules/context.ts";
import { frameForVerb } from "./attribution-rules/frames.ts";
import {
  accordingTo,
  colonHeadline,
  inPollCue,
  nounCue,
  passiveByCue,
  possessedNounCue,
} from "./attribution-rules/patterns.ts";
import { sourcelessCue } from "./attribution-rules/sourceless.ts";
import { attributionForFrame } from "./attribution-rules/verb-attributions.ts";
import { CUE_NOUNS, CUE_VERBS } from "./cue-lexicon.ts";
import type { Attribution, Component, Doc } from "./doc.ts";
import { NOUN_MARKERS } from "./lexicon/attribution-clauses.ts";
import { VERB_GROUP_FILLERS } from "./lexicon/clause-words.ts";
import { POSSESSED_CUE_NOUNS } from "./lexicon/cue-words.ts";
import { PRONOUNS } from "./lexicon/pronouns.ts";

/**
 * Rule-based attribution extraction: finds cue words (said, told, according to, claims that ...),
 * then the source next to them (subject on the left, or after the verb when inverted) and the
 * content (the quote or clause on the right, or the quote or clause before `, X said.`).
 *
 * Beyond verbs it reads possessed nominal cues ("her criticism of X"), passives with an agent ("was
 * criticized by X"), poll openers ("In a new survey, ..."), transcript labels ("RUIZ: ...") and a few
 * sourceless patterns PolNeAR marks ("X seems to ...", "X is expected to ...", "Asked whether ...").
 * Cue spans take in the verb group and particles ("has also said", "called for"), source spans the
 * appositive ("Jane Roe, a spokeswoman,"), as PolNeAR's spans do.
 *
 * It fills `doc.attributions` with `speaker: null`; the speakers component resolves who spoke.
 * Needs the tokens, sentences, paragraphs and quotes layers.
 *
 * This file walks the tokens and picks the rule for each cue word; the rules live in
 * attribution-rules/, one module per thing they find:
 *   context.ts            per-document token indexes (sentence, paragraph and quote of each token)
 *   sources.ts            source phrases: names, descriptions, pronouns, appositives, party tags
 *   frames.ts             a cue verb's frame: where its source stands (before, inverted, inherited)
 *   contents.ts           content clauses: where they start and end, before or after the frame
 *   quote-contents.ts     quotations as content: split quotes and the quotes that continue a speech
 *   verb-attributions.ts  a frame to an attribution: the cue's verb group and the content's side
 *   patterns.ts           other cues with a source: "according to", "claims that", "her criticism of",
 *                         "In a poll, ...", "RUIZ: ...", "was criticized by X"
 *   sourceless.ts         cues without a source: "seems to", "is expected to", "Asked whether", "reportedly"
 * The word lists they read are in lexicon/ (attribution-*.ts, clause-words.ts, pronouns.ts, titles.ts,
 * source-nouns.ts); cue words come through cue-lexicon.ts from lexicon/cue-verbs.ts and lexicon/cue-words.ts.
 */

/** Every content span must hold a word: `Viguerie says.` after a missed quote has none. */
function hasWords(ctx: Context, attribution: Attribution): boolean {
  return (
    attribution.content.length > 0 && attribution.content.every((span) => /\w/.test(ctx.doc.slice(span)))
  );
}

export function extractAttributions(doc: Doc): Attribution[] {
  const ctx = new Context(doc);
  const attributions: Attribution[] = [];
  for (let i = 0; i < ctx.tokens.length; i++) {
    if (ctx.quoteOf[i] >= 0) continue;
    const word = ctx.text(i);
    let attribution: Attribution | null = null;
    const sourceless = sourcelessCue(ctx, i);
    if (sourceless && hasWords(ctx, sourceless)) {
      attributions.push(sourceless);
      continue;
    }
    // "his calls for", "her criticism of": a possessed noun; without a possessor "calls" may be a verb.
    const nominal = POSSESSED_CUE_NOUNS.has(word) ? possessedNounCue(ctx, i) : null;
    if (nominal) {
      attribution = nominal;
    } else if (word === "according" && ctx.text(i + 1) === "to") {
      attribution = accordingTo(ctx, i);
    } else if (word === "in" && ctx.tokens[i].text === "In") {
      attribution = inPollCue(ctx, i);
    } else if (word === ":") {
      attribution = colonHeadline(ctx, i);
    } else if (CUE_NOUNS.has(word) && ctx.text(i + 1) === "that") {
      attribution = nounCue(ctx, i);
    } else {
      const lemma = CUE_VERBS.get(word);
      // Capitalised cue words are headline words or names ("Joke", "Hope"), not verbs, except in the
      // title line, where every word is capitalised ("Jeb Bush Super PAC Chief Praises Rubio Donor").
      if (!lemma) continue;
      if (
        ctx.tokens[i].text !== word &&
        !(ctx.paragraphOf[i] === 0 && /^\p{Lu}\p{Ll}+$/u.test(ctx.tokens[i].text))
      ) {
        continue;
      }
      // After a determiner or possessive the word is a noun: "the said", "his hope", "Clinton’s email".
      const previousWord = ctx.text(i - 1);
      if (NOUN_MARKERS.has(previousWord) || /['’]s$/.test(previousWord)) continue;
      // "may want to", "might want to": advice, not a reported wish.
      if (/^wants?$/.test(word) && /^(may|might)$/.test(previousWord)) continue;
      // "One tweet said": a cue word followed by a verb of saying is a noun.
      if (/^(said|says|read|reads|showed|shows)$/.test(ctx.text(i + 1))) continue;
      // "pledged delegates", "reported cases": a participle used as an adjective.
      if (/^(delegates?|cases|income|losses|results)$/.test(ctx.text(i + 1))) continue;
      // "found itself at the center": a reflexive object reports a situation, not a finding.
      if (/^(itself|themselves|himself|herself|ourselves|myself)$/.test(ctx.text(i + 1))) continue;
      // "a group called Black Votes Matter": a naming participle after a common noun.
      if (
        /^(called|named|dubbed)$/.test(word) &&
        /^\p{Ll}+$/u.test(ctx.tokens[i - 1]?.text ?? "") &&
        !PRONOUNS.has(previousWord) &&
        !VERB_GROUP_FILLERS.has(previousWord) &&
        !/ly$/.test(previousWord) &&
        (isCapitalized(ctx.tokens[i + 1]) || OPENING_MARKS.has(ctx.text(i + 1)) || ctx.text(i + 1) === "#")
      )
        continue;
      // "appeared to tell", "refused to say": the later verb is the cue.
      // Not for refusals: PolNeAR marks "declined" in "declined to comment", with "to comment" as content.
      if (previousWord === "to" && CUE_VERBS.has(ctx.text(i - 2))) continue;
      // "seemed", "appears" report a stance only with an infinitive: "appeared to concede".
      if (/^(seem|appear)/.test(word) && ctx.text(i + 1) !== "to") continue;
      const passive = passiveByCue(ctx, i);
      const frame = passive ? null : frameForVerb(ctx, i, lemma, attributions);
      if (passive) attribution = passive;
      else if (frame) attribution = attributionForFrame(ctx, frame);
    }
    // Without a source an attribution cannot name a speaker; on train, keeping them lowered F1.
    if (attribution?.source && hasWords(ctx, attribution)) attributions.push(attribution);
  }
  return withoutNested(attributions);
}

/**
 * An attribution reported inside another one's content ("voters say they think ...", "Trump said
 * Putin offered a denial") is part of that statement, not the article's own report: PolNeAR
 * annotators rarely mark it, and the record should credit the outer speaker (measured on train:
 * dropping them raises precision 0.755 → 0.783 for a recall cost of 0.008).
 */
function withoutNested(all: readonly Attribution[]): Attribution[] {
  // Content spans sorted by start, with the running maximum end (and its owner) and the largest end
  // of any other owner: a cue is nested when some span starting before it, owned by another
  // attribution, ends after it. One sort and binary searches keep this O(n log n) on long texts.
  const spans = all
    .flatMap((owner, index) => owner.content.map((span) => ({ start: span.start, end: span.end, index })))
    .sort((a, b) => a.start - b.start);
  const bestEnd: number[] = [];
  const bestOwner: number[] = [];
  const otherEnd: number[] = [];
  let best = -1;
  let owner = -1;
  let other = -1;
  for (const span of spans) {
    if (span.end > best) {
      if (span.index !== owner) other = Math.max(other, best);
      best = span.end;
      owner = span.index;
    } else if (span.index !== owner) {
      other = Math.max(other, span.end);
    }
    bestEnd.push(best);
    bestOwner.push(owner);
    otherEnd.push(other);
  }
  return all.filter((attribution, index) => {
    const cue = attribution.cue;
    if (!cue) return true;
    // Last span starting at or before the cue.
    const at = firstIndex(spans.length, (k) => spans[k].start > cue.start) - 1;
    if (at < 0) return true;
    const covered = bestOwner[at] !== index ? bestEnd[at] >= cue.end : otherEnd[at] >= cue.end;
    return !covered;
  });
}

export const attributionRules: Component = {
  name: "attributionRules",
  needs: ["tokens", "sentences", "paragraphs", "quotes"],
  writes: ["attributions"],
  run(doc: Doc) {
    doc.attributions = extractAttributions(doc);
  },
};
