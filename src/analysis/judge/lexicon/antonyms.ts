/**
 * Word lists for the pairwise statement judge (src/analysis/judge/), pairs of opposite poles.
 *
 * Where they come from: written by hand for this project from general knowledge of English policy
 * language (party programmes, voting-advice questionnaires) and of the usual themes of such
 * questionnaires. Nothing was generated from or copied out of a data set, but the lists were written
 * after reading the development pairs, so the cross-validated score is somewhat optimistic about
 * lexicon coverage on unseen topics.
 */

/**
 * Pairs of opposite poles. When one statement uses a word from one side and the other statement a word
 * from the other side, the pair is a candidate contradiction ("public vs private", "mandatory vs voluntary").
 */
export const ANTONYMS: [string, string[], string[]][] = [
  // Stances towards a claim or an institution, common in reported speech.
  [
    "trust vs doubt",
    ["confidence", "trust", "trusts", "trusted", "faith", "accept", "accepts", "accepted"],
    ["doubt", "doubts", "doubted", "distrust", "distrusts", "skeptical", "sceptical", "questioned"],
  ],
  [
    "real vs fake",
    ["real", "genuine", "true", "threat", "serious"],
    ["hoax", "fake", "fabricated", "invented", "false", "made-up"],
  ],
  [
    "public vs private",
    ["public", "state-owned", "state", "government"],
    ["private", "privatize", "privatise", "privatization", "free-market", "market"],
  ],
  [
    "more vs less",
    [
      "increase",
      "increases",
      "increased",
      "raise",
      "raising",
      "expand",
      "expansion",
      "more",
      "higher",
      "extend",
      "strengthen",
      "strengthening",
      "additional",
    ],
    [
      "decrease",
      "reduce",
      "reduced",
      "reducing",
      "reduction",
      "cut",
      "cuts",
      "lower",
      "less",
      "fewer",
      "limit",
      "limiting",
      "restrict",
      "weaken",
      "easing",
    ],
  ],
  [
    "allow vs ban",
    [
      "allow",
      "allowed",
      "permit",
      "permitted",
      "legal",
      "legalize",
      "legalise",
      "legalization",
      "freedom",
      "free",
    ],
    ["ban", "banned", "prohibit", "prohibited", "prohibition", "illegal", "forbid", "forbidden"],
  ],
  [
    "mandatory vs voluntary",
    ["mandatory", "compulsory", "obligatory", "required", "requirement", "obliged"],
    ["voluntary", "optional", "exclude", "choose", "choice"],
  ],
  [
    "introduce vs abolish",
    [
      "introduce",
      "introduction",
      "establish",
      "established",
      "create",
      "build",
      "construction",
      "reintroduction",
      "retain",
      "maintain",
      "maintained",
      "continue",
      "remain",
    ],
    [
      "abolish",
      "abolished",
      "abolition",
      "abandon",
      "remove",
      "removal",
      "end",
      "scrap",
      "dissolution",
      "dissolve",
      "withdrawal",
      "withdraw",
      "phase-out",
    ],
  ],
  [
    "support vs oppose",
    ["support", "favor", "favour", "advocate", "welcome"],
    ["oppose", "reject", "against", "unethical"],
  ],
  [
    "central vs local",
    ["central", "centrally", "federal", "national", "uniform"],
    ["autonomy", "local", "decentralized", "decentralised", "regional", "districts"],
  ],
  [
    "separate vs include",
    ["separation", "separate", "segregation", "special"],
    ["inclusion", "integration", "regular", "together"],
  ],
  [
    "regulate vs deregulate",
    [
      "regulation",
      "regulations",
      "regulate",
      "control",
      "controls",
      "oversight",
      "monitored",
      "surveillance",
    ],
    ["deregulation", "freedom", "without", "privacy", "free-market"],
  ],
  [
    "strict vs relaxed",
    ["strict", "stricter", "strictly", "tighten", "tougher"],
    ["relax", "relaxation", "loosen", "ease", "easing", "lenient"],
  ],
];
