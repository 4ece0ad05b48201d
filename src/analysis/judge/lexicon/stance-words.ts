/**
 * Word lists for the pairwise statement judge (src/analysis/judge/), the words of stance and form:
 * negators, words against and for their object, obligation and party voice.
 *
 * Where they come from: written by hand for this project from general knowledge of English policy
 * language (party programmes, voting-advice questionnaires) and of the usual themes of such
 * questionnaires. Nothing was generated from or copied out of a data set, but the lists were written
 * after reading the development pairs, so the cross-validated score is somewhat optimistic about
 * lexicon coverage on unseen topics.
 *
 * Entries are surface forms written out with their inflections ("ban|bans|banned|banning") so matching
 * is exact and no stemmer mistakes creep into the stance signal; the first form names the entry
 * (src/analysis/judge/lexicon.ts turns each list into a form → lemma map).
 */

/** Plain negators: they flip whatever follows. */
export const NEGATOR_ENTRIES = ["not", "no", "n't", "never", "nor", "without", "none", "neither", "cannot"];

/**
 * Words that push against their object: to ban, abolish, cut or reject something is a negative stance on
 * it. "ease" is here because in policy text it is almost always "easing of sanctions/controls".
 */
export const AGAINST_ENTRIES = [
  "against",
  "oppose|opposes|opposed|opposing|opposition",
  "reject|rejects|rejected|rejecting|rejection",
  "ban|bans|banned|banning",
  "prohibit|prohibits|prohibited|prohibiting|prohibition",
  "forbid|forbids|forbidden|forbidding",
  "abolish|abolishes|abolished|abolishing|abolition",
  "abandon|abandons|abandoned|abandoning",
  "end|ends|ended|ending",
  "stop|stops|stopped|stopping",
  "remove|removes|removed|removing|removal",
  "eliminate|eliminates|eliminated|eliminating|elimination",
  "scrap|scraps|scrapped|scrapping",
  "dissolve|dissolves|dissolved|dissolving|dissolution",
  "withdraw|withdraws|withdrawn|withdrawing|withdrawal",
  "cut|cuts|cutting",
  "reduce|reduces|reduced|reducing|reduction|reductions",
  "decrease|decreases|decreased|decreasing",
  "lower|lowers|lowered|lowering",
  "limit|limits|limited|limiting|limitation",
  "restrict|restricts|restricted|restricting|restriction|restrictions",
  "curb|curbs|curbed|curbing",
  "ease|eases|eased|easing",
  "weaken|weakens|weakened|weakening",
  "exclude|excludes|excluded|excluding|exclusion",
  "illegal",
  "unethical",
  "unnecessary",
  "harmful",
  "threat|threats|threaten|threatens|endanger|endangers",
  "dismantle|dismantles|dismantled|dismantling",
  "leave|leaving",
  "deny|denies|denied|denying",
  "phase-out",
];

/** Words that push for their object: to introduce, expand, fund or protect something is a positive stance. */
export const FOR_ENTRIES = [
  "support|supports|supported|supporting",
  "favor|favors|favour|favours|favored|favoured",
  "advocate|advocates|advocated|advocating",
  "introduce|introduces|introduced|introducing|introduction",
  "establish|establishes|established|establishing|establishment",
  "expand|expands|expanded|expanding|expansion",
  "increase|increases|increased|increasing",
  "raise|raises|raised|raising",
  "extend|extends|extended|extending|extension",
  "strengthen|strengthens|strengthened|strengthening",
  "promote|promotes|promoted|promoting|promotion",
  "invest|invests|invested|investing|investment",
  "fund|funds|funded|funding",
  "subsidize|subsidise|subsidizes|subsidized|subsidizing|subsidies|subsidy",
  "allow|allows|allowed|allowing",
  "permit|permits|permitted|permitting",
  "legalize|legalise|legalized|legalised|legalization",
  "maintain|maintains|maintained|maintaining",
  "continue|continues|continued|continuing",
  "keep|keeps|kept|keeping",
  "retain|retains|retained|retaining",
  "remain|remains|remained",
  "protect|protects|protected|protecting|protection",
  "encourage|encourages|encouraged|encouraging",
  "build|builds|building|construction",
  "create|creates|created|creating|creation",
  "provide|provides|provided|providing",
  "guarantee|guarantees|guaranteed",
  "grant|grants|granted|granting",
  "enable|enables|enabled|enabling",
  "require|requires|required|requiring|requirement",
  "mandatory|compulsory|obligatory",
  "essential",
  "crucial",
  "key",
  "priority|prioritize|prioritise|prioritized",
  "right|rights",
  "beneficial",
];

/**
 * Obligation modality: marks a statement as a policy demand ("X should/must be banned") rather than a
 * description or value claim ("X threatens Y", "X is important").
 */
export const NORMATIVE = /\b(?:should|must|shall|ought|needs? to|has to|have to|(?:is|are) to be)\b/i;

/** First-person party voice ("we support", "our goal"): a programme position rather than a general claim. */
export const FIRST_PERSON = /\b(?:we|our|us)\b/i;
