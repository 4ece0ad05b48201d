/**
 * Word lists of the mixed-message detector (src/analysis/mixed.ts and its modules). Kept apart from the
 * code so that a reader can see, and a maintainer extend, exactly which words decide what.
 */

/** Words that carry no proposition by themselves: a content made only of these says nothing checkable. */
export const FUNCTION_WORDS = new Set(
  (
    "a an the and or but if then so as of to in on at by for with from into about over under up out " +
    "this that these those it its itself they them their he him his she her i me my we us our you your " +
    "which who whom whose what whatever whichever there here one ones some any all both each such " +
    "is are was were be been being am do does did have has had will would can could should may might must " +
    "not no yes so too very just also only even ok okay oh well " +
    // Contractions and verbs of saying and going: in every kind of statement, about nothing in particular.
    "i'm i've i'd i'll we're we've we'll you're it's that's there's he's she's they're let's " +
    "going go goes said say says saying thing things lot get got know really"
  ).split(/\s+/),
);

/** Words that open a noun phrase pointing at something said elsewhere: "the claims", "his remarks". */
export const REFERENCE_OPENERS = new Set(
  "the his her their its this that these those such our my your a an".split(" "),
);

/**
 * Words that make a short phrase a clause rather than a noun phrase: auxiliaries, modals, copulas and
 * negation. "the claims" has none; "the deal is dead" has one.
 */
export const CLAUSE_MARKERS = new Set(
  (
    "is are was were be been am will would can could should must may might shall do does did has have had " +
    "won't wouldn't can't couldn't shouldn't isn't aren't wasn't weren't don't doesn't didn't hasn't haven't " +
    "not never no"
  ).split(/\s+/),
);

/**
 * Speech verbs; two or more inside one content mark a reporter's recap ("called the deal dead, said talks
 * had never stopped"), which retells several statements at once.
 */
export const RECAP_VERBS =
  /\b(said|says|told|called|denied|denies|claimed|insisted|declared|tweeted|stated|announced)\b/gi;

/** Cues that deny, reject or refuse their content: "denied that she called the deal dead" claims the opposite. */
export const NEGATING_CUE = /\b(den(y|ies|ied|ying)|reject|dismiss|disput|refut|contradict|refus|declin)/i;

/** Negators: "not", "n't", "never", and their kin. A negator scopes over the next few words only. */
export const NEGATORS = new Set([
  "not",
  "n't",
  "never",
  "no",
  "cannot",
  "neither",
  "nor",
  "won't",
  "wouldn't",
  "can't",
  "couldn't",
  "shouldn't",
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "don't",
  "doesn't",
  "didn't",
  "hasn't",
  "haven't",
]);

/**
 * Reporters' words for a speaker changing position. Each pattern is the reporter describing a shift; the
 * words alone are not enough (reporter-signal.ts also asks that they sit in the statement's clause and be
 * about its speaker). Bare "denied", "clarification" and "contradict" are left out on purpose: a speaker
 * denying an accusation, "needs clarification" in boilerplate and "contradicts the facts" are not shifts.
 */
export const SHIFT_SIGNALS: RegExp[] = [
  /\bwalk(?:ed|s|ing)? back\b/i,
  /\bwalk-?back\b/i,
  /\bbacktrack(?:ed|s|ing)?\b/i,
  /\bback(?:ed|ing|s)? (?:away|off) from\b/i,
  /\brevers(?:ed|es|ing|al of) (?:himself|herself|themselves|course|(?:his|her|their) (?:own |earlier |previous |prior )?(?:position|stance|view|decision|comments?|remarks?|pledge|promise|call|opposition|support))\b/i,
  /\bflip-?flop(?:ped|s|ping)?\b/i,
  /\bu-turn\b/i,
  /\bchang(?:ed|es|ing) (?:his|her|their) (?:position|mind|tune|stance|view|answer)\b/i,
  /\bcontradict(?:ed|s|ing) (?:his|her|their) (?:own )?(?:earlier|previous|prior|past|own)\b/i,
  /\bretract(?:ed|s|ing)?\b/i,
  /\bclarif(?:ied|ies|y|ying) (?:his|her|their) (?:earlier |previous )?(?:remarks?|comments?|position|statement|stance)\b/i,
  /\babandon(?:ed|s|ing) (?:his|her|their) (?:position|stance|pledge|promise|call|opposition|support)\b/i,
  /\bno longer\b/i,
  /\bden(?:ied|ies|y|ying) (?:ever )?(?:having )?(?:said|saying|making|calling|that (?:he|she|they) (?:had |ever )?(?:said|called))\b/i,
  // "once praised", "had previously backed": the reporter setting today's words against a past position.
  /\b(?:once|previously|formerly|initially) (?:supported|opposed|praised|backed|championed|endorsed|defended|called for)\b/i,
  /\bnow (?:says|opposes|supports|backs|insists|calls|wants|argues|vows|believes|acknowledges|admits|concedes|accepts)\b/i,
  // "finally believes", "finally conceded": the reporter saying the speaker has come round to a position.
  /\bfinally (?:believes|acknowledg(?:ed|es)|admit(?:ted|s)|conced(?:ed|es)|accept(?:ed|s)|agreed|recogni[sz](?:ed|es)|endors(?:ed|es)|back(?:ed|s)|support(?:ed|s))\b/i,
  // Further words reporters use for a change of position, each with its object or frame so that the bare
  // verb ("shifted the blame", "backed off the ball") does not count.
  /\bback(?:ed|s|ing) off (?:his|her|their|from|on)\b/i,
  /\bchang(?:ed|es|ing) course\b/i,
  /\b(?:has|have|had) since (?:disavowed|abandoned|dropped|renounced|reversed|retreated from)\b/i,
  /\babout-?face\b/i,
  /\bin an? (?:apparent |stark |sharp |abrupt |sudden |partial )?(?:reversal|turnabout|about-face)\b/i,
  /\b(?:a|an|his|her|their) (?:apparent |stark |sharp |abrupt |sudden |partial )?reversal (?:of|from|on)\b/i,
  /\bsoften(?:ed|s|ing) (?:his|her|their) (?:earlier |previous )?(?:stance|position|tone|rhetoric|criticism|remarks|language|opposition|call|pledge|promise)\b/i,
  /\bshift(?:ed|s|ing) (?:his|her|their) (?:earlier |previous )?(?:position|stance|tone|view|positions|rhetoric|message)\b/i,
  // "initially said" implies a later change; "previously said" and "once said" were read on real news and
  // mostly introduce the same position again, so only commitments count with them.
  /\binitially (?:said|insisted|claimed|denied|dismissed|rejected|refused)\b/i,
  /\b(?:once|previously|formerly|initially) (?:vowed|pledged|promised)\b/i,
  /\bhad (?:previously|once|earlier|initially) (?:vowed|pledged|promised|supported|opposed|backed|rejected|refused)\b/i,
];

/**
 * Reporters' words that the statement revises what the speaker said before ("revised his withdrawal plans
 * in October, saying ..."). They mark the new position, so they tie it only to the remark reported just
 * before it in the article (mixed.ts), never to other statements that share its words.
 */
export const REVISION_SIGNALS: RegExp[] = [
  /\brevis(?:ed|es|ing) (?:his|her|their) (?:[a-z-]+ )?(?:statement|position|stance|remarks|comments|answer|account|claim|plans?|timeline|estimate|pledge|promise)\b/i,
];

/**
 * Reporters' words that set a statement, as the earlier position, against what the speaker says or does
 * now: "the endorsement comes three days after Trump told the paper he was not there yet". The speaker
 * is named after these words, not before them, so reporter-signal.ts looks for the speaker between the
 * words and the statement ("after Trump told ...", "after he said ...").
 */
export const EARLIER_POSITION_SIGNALS: RegExp[] = [
  /\b(?:comes?|came|coming) (?:just |only |barely |less than |more than )?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+) (?:days?|weeks?|months?|hours?) after\b/i,
  /\b(?:comes?|came|coming) (?:just |only )?(?:days|weeks|months|hours) after\b/i,
];

/**
 * Adverbs of degree and time that stand in a negator's reach without being what it denies: "not quite
 * there yet" does not deny "quite" (whose stem, "quit", would otherwise clash with "quit the race").
 */
export const DEGREE_ADVERBS = new Set(
  "quite very really fully entirely completely exactly necessarily always just yet even so too much".split(
    " ",
  ),
);

/**
 * Words of backing a person or a measure: "back", "support", "endorse" are one act for a reversal ("would
 * not back Ortiz" then "endorses Ortiz"). Stems, as the stemmer writes them.
 */
export const SUPPORT_STEMS = new Set(["support", "back", "endors", "champion"]);

/**
 * Words in a statement's own sentence that place it in the past as the reporter tells it ("at the time",
 * "the following morning", "said then"): two statements of one article, one so placed, are a former
 * position set against a later one rather than a recap of one position.
 */
export const PAST_TIME_MARKERS =
  /\b(?:at the time|(?:said|wrote|told \w+) then|back then|the (?:following|next) (?:day|morning|week|month)|(?:earlier|later) (?:this|that) (?:year|month|week|spring|summer|fall|winter)|last (?:year|month|spring|summer|fall|winter)|in (?:his|her|their) (?:earlier|first) (?:campaign|run|bid))\b/i;

/**
 * A negated saying: the speaker disowns having said, proposed or pledged what follows ("had never
 * suggested", "never actually said", "did not call for"). What follows is the disowned saying
 * (disowned.ts); a denial of an accusation in other words ("I don't know him") is not one.
 */
export const DISOWNING =
  /(?:\bnever|\bnot|n't)\s+(?:(?:actually|really|ever|once|specifically)\s+)?(?:said|say|suggested|suggest|proposed|propose|pledged|pledge|promised|promise|called for|call for|advocated|advocate|vowed)\b/i;

/** Words that open a new clause: what a backing word backs ends before them. */
export const CLAUSE_OPENERS = new Set("what that which who whom when because while but and".split(" "));

/**
 * Of the shift words, those that say the statement itself undoes an earlier one ("reversed himself",
 * "walked back"), so that it points back at the remark reported before it. "Once supported" and
 * "initially defended" mark the old position instead and point forward.
 */
export const REVERSAL_WORDS = /revers|walk|backtrack|flip|about-?face|u-turn|backed (?:away|off)/i;

/** Pronouns a reporter uses for the speaker as the subject of a shift ("he reversed himself"). */
export const SUBJECT_PRONOUNS = /\b(?:he|she|they|his|her|their|himself|herself)\b/i;

/** A yes or a no, alone: an answer that contradicts an earlier answer to the same question. */
export const SHORT_ANSWER = /^\W*(yes|no)\W*$/i;

/**
 * Cues that carry the stance themselves: "once praised | the trade pact", "defended | his vote". With one
 * of these a short noun-phrase content still states a position, the cue's.
 */
export const STANCE_CUE =
  /\b(prais\w*|support\w*|defend\w*|oppos\w*|criticiz\w*|criticis\w*|reject\w*|endors\w*|back(?:ed|s|ing)?|attack\w*|blast\w*|condemn\w*|denounc\w*|champion\w*|embrac\w*|welcom\w*|applaud\w*|slam\w*)\b/i;
