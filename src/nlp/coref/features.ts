import { sliceSpan } from "../../core/span.ts";
/**
 * Features for pronoun resolution without a parser: each (pronoun, candidate) pair becomes a sparse
 * map of named features read off tokens and sentences, and "none of the candidates" gets its own map.
 * The model (model.ts) scores each option and picks one, so candidates compete with each other.
 *
 * Syntactic roles are guessed from neighbours: a name at the start of a sentence or right before a
 * verb-like word is subject-like; a name after a preposition is oblique; "X's" is a possessor. Real POS
 * tags and chunks (syntax.ts) add clause and chunk distances and the subject of this and the previous
 * sentence; in cross-validation they did not beat these word-list guesses (see addSyntaxFeatures).
 */
import type { Span, Token } from "../doc.ts";
import { splitSentences } from "../sentencizer.ts";
import { splitParagraphs, tokenize } from "../tokenizer.ts";
import {
  AFTER_OBJECT_HER,
  CLAUSE_BREAK,
  FRONTING,
  FUNCTION_WORDS,
  NOT_NAME,
  PARTICLES,
  PREPOSITIONS,
  VERB_LIKE,
} from "./lexicon.ts";
import { analyzeSyntax, roleOf, type SyntacticRole, type Syntax } from "./syntax.ts";

export interface Candidate extends Span {
  name: string;
}

export interface PronounContext {
  /** Wikipedia-style page URL or any title of the text: the page's subject is usually the referent. */
  url?: string;
}

export type FeatureMap = Map<string, number>;

export interface OptionFeatures {
  /** One map per candidate, in the order given. */
  candidates: FeatureMap[];
  /** The "refers to none of them" option. */
  none: FeatureMap;
}

export type PronounRole = "subj" | "obj" | "poss" | "refl";

const SUBJECT = new Set(["he", "she", "they"]);
const OBJECT = new Set(["him", "them"]);
const POSSESSIVE = new Set(["his", "hers", "their", "theirs"]);
const REFLEXIVE = new Set(["himself", "herself", "themselves"]);
const MASCULINE = new Set(["he", "him", "his", "himself"]);
const FEMININE = new Set(["she", "her", "hers", "herself"]);

/** A verb by word list or by the past-tense ending that most narrative verbs in encyclopedic prose take. */
function isVerbLike(word: string): boolean {
  return VERB_LIKE.has(word.toLowerCase()) || (/^\p{Ll}{2,}ed$/u.test(word) && word.length > 4);
}

export function pronounGender(pronoun: string): "M" | "F" | null {
  const p = pronoun.toLowerCase();
  if (MASCULINE.has(p)) return "M";
  if (FEMININE.has(p)) return "F";
  return null;
}

export function pronounRole(pronoun: string, next: string | undefined): PronounRole {
  const p = pronoun.toLowerCase();
  if (SUBJECT.has(p)) return "subj";
  if (OBJECT.has(p)) return "obj";
  if (POSSESSIVE.has(p)) return "poss";
  if (REFLEXIVE.has(p)) return "refl";
  // "her" is object or possessive: a following word that can be a possessed noun decides.
  if (next && /^\p{L}/u.test(next) && !AFTER_OBJECT_HER.has(next.toLowerCase())) return "poss";
  return "obj";
}

interface Mention {
  /** Token range [first, last] inclusive. */
  first: number;
  last: number;
  /** How it was found: the given span, the full name elsewhere, or one part of the name. */
  kind: "given" | "full" | "part";
}

/** Everything about the text computed once per pronoun: tokens, sentences, token-to-sentence map. */
interface Analysis {
  text: string;
  tokens: Token[];
  sentenceOf: number[];
  sentenceStarts: number[];
  pronounToken: number;
  role: PronounRole;
  /** 1 when the token looks like part of a person's name. */
  nameLike: boolean[];
  syntax: Syntax;
}

function tokenAt(tokens: readonly Token[], offset: number): number {
  for (let i = 0; i < tokens.length; i++) if (tokens[i].end > offset) return i;
  return tokens.length - 1;
}

/**
 * The shared tokenizer keeps "Maria's" whole (its word pattern wins over the clitic one); split the
 * possessive off, since "X's" marks a possessor and "X" must match the candidate's name.
 */
export function splitPossessives(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const match = /^(.+?)(['’]s?)$/u.exec(t.text);
    if (match && /\p{L}$/u.test(match[1]) && (match[2].length === 2 || /s$/u.test(match[1]))) {
      const cut = t.start + match[1].length;
      out.push({ start: t.start, end: cut, text: match[1] });
      out.push({ start: cut, end: t.end, text: match[2] });
    } else out.push(t);
  }
  return out;
}

function analyze(text: string, pronoun: Span): Analysis {
  const tokens = splitPossessives(tokenize(text));
  const sentences = splitSentences(tokens, splitParagraphs(text));
  const sentenceOf = new Array<number>(tokens.length).fill(0);
  const sentenceStarts: number[] = [];
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (s < sentences.length - 1 && tokens[i].start >= sentences[s].end) s++;
    sentenceOf[i] = s;
    if (sentenceStarts[s] === undefined) sentenceStarts[s] = i;
  }
  const pronounToken = tokenAt(tokens, pronoun.start);
  // Token ranges of the sentences, cut where the sentence index changes (a sentence may hold no token).
  const ranges: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (i === 0 || sentenceOf[i] !== sentenceOf[i - 1]) ranges.push([i, i + 1]);
    else ranges[ranges.length - 1][1] = i + 1;
  }
  const syntax = analyzeSyntax(tokens, ranges);
  // The tagger's PRP/PRP$ for "her" was tried in place of the next-word rule: 0.3 points worse in CV.
  const role = pronounRole(sliceSpan(text, pronoun), tokens[pronounToken + 1]?.text);
  // Sentence-initial capitals are left out: most of them are ordinary words.
  const nameLike = tokens.map(
    (t, i) => /^\p{Lu}\p{L}/u.test(t.text) && !NOT_NAME.has(t.text) && sentenceStarts[sentenceOf[i]] !== i,
  );
  return { text, tokens, sentenceOf, sentenceStarts, pronounToken, role, nameLike, syntax };
}

function nameParts(name: string): string[] {
  return name.split(/\s+/).filter((p) => p.length >= 2 && /^\p{Lu}/u.test(p) && !PARTICLES.has(p));
}

function tokenRange(a: Analysis, span: Span): [number, number] {
  const first = tokenAt(a.tokens, span.start);
  let last = first;
  while (last + 1 < a.tokens.length && a.tokens[last + 1].start < span.end) last++;
  return [first, last];
}

/** All mentions of a candidate: its span, other occurrences of its full name, and of a distinctive part. */
function findMentions(a: Analysis, candidate: Candidate, others: readonly Candidate[]): Mention[] {
  const [gf, gl] = tokenRange(a, candidate);
  const mentions: Mention[] = [{ first: gf, last: gl, kind: "given" }];
  const covered = new Set<number>();
  for (let t = gf; t <= gl; t++) covered.add(t);
  for (const other of others) {
    const [of, ol] = tokenRange(a, other);
    for (let t = of; t <= ol; t++) covered.add(t);
  }
  const words = candidate.name.split(/\s+/).filter(Boolean);
  const n = words.length;
  for (let i = 0; i + n <= a.tokens.length; i++) {
    let match = true;
    for (let k = 0; k < n && match; k++) if (a.tokens[i + k].text !== words[k]) match = false;
    let free = true;
    for (let k = 0; k < n; k++) if (covered.has(i + k)) free = false;
    if (match && free) {
      mentions.push({ first: i, last: i + n - 1, kind: "full" });
      for (let k = 0; k < n; k++) covered.add(i + k);
    }
  }
  // A part shared with another candidate ("Mary Smith" vs "John Smith") identifies neither.
  const otherParts = new Set(others.flatMap((o) => o.name.split(/\s+/)));
  const parts = nameParts(candidate.name).filter((p) => !otherParts.has(p));
  if (n > 1) {
    for (let i = 0; i < a.tokens.length; i++) {
      if (covered.has(i) || !parts.includes(a.tokens[i].text)) continue;
      mentions.push({ first: i, last: i, kind: "part" });
      covered.add(i);
    }
  }
  return mentions.sort((x, y) => x.first - y.first);
}

function bucket(value: number, edges: readonly number[]): string {
  for (const edge of edges) if (value <= edge) return `<=${edge}`;
  return `>${edges[edges.length - 1]}`;
}

interface MentionRole {
  /** Right after a lowercase content word, as in "Howard commended Coster": the object of a verb. */
  afterVerb: boolean;
  sentenceInitial: boolean;
  beforeVerb: boolean;
  afterPreposition: boolean;
  possessor: boolean;
  inParentheses: boolean;
  coordinated: boolean;
  subjectLike: boolean;
  /** The first name-like word of its sentence: topics are usually introduced first. */
  firstNameInSentence: boolean;
}

function mentionRole(a: Analysis, m: Mention): MentionRole {
  const prev = a.tokens[m.first - 1]?.text ?? "";
  const next = a.tokens[m.last + 1]?.text ?? "";
  const next2 = a.tokens[m.last + 2]?.text ?? "";
  const sentenceStart = a.sentenceStarts[a.sentenceOf[m.first]];
  const sentenceInitial =
    m.first === sentenceStart ||
    (m.first === sentenceStart + 1 && /^["“'‘(]$/.test(a.tokens[sentenceStart].text));
  const lowerNext = next.toLowerCase();
  const beforeVerb = isVerbLike(next) || (next === "," && next2 === "who");
  const afterPreposition = PREPOSITIONS.has(prev.toLowerCase());
  const afterVerb = /^\p{Ll}{3,}$/u.test(prev) && !afterPreposition && !FUNCTION_WORDS.has(prev);
  const possessor = next === "'s" || next === "’s" || next === "'" || next === "’";
  let depth = 0;
  for (let t = sentenceStart; t < m.first; t++) {
    if (a.tokens[t].text === "(") depth++;
    else if (a.tokens[t].text === ")") depth = Math.max(0, depth - 1);
  }
  const coordinated =
    ["and", "or", "&"].includes(prev.toLowerCase()) || ["and", "or", "&"].includes(lowerNext);
  let firstNameInSentence = true;
  for (let t = sentenceStart; t < m.first; t++) if (a.nameLike[t]) firstNameInSentence = false;
  // "In 1990, X moved": a name after an opening adverbial and its comma is the subject; after any other
  // comma it is more often an appositive ("her coach, X,").
  const fronted =
    prev === "," &&
    !afterPreposition &&
    firstNameInSentence &&
    FRONTING.has(a.tokens[sentenceStart].text.toLowerCase());
  return {
    afterVerb,
    sentenceInitial,
    beforeVerb,
    afterPreposition,
    possessor,
    inParentheses: depth > 0,
    coordinated,
    subjectLike: !afterPreposition && !possessor && depth === 0 && (sentenceInitial || beforeVerb || fronted),
    firstNameInSentence,
  };
}

/** Title words of a Wikipedia URL ("…/wiki/Jos%C3%A9_Manuel_de_la_Sota" → José, Manuel, de, la, Sota). */
export function titleWords(url: string | undefined): Set<string> {
  if (!url) return new Set();
  const last = url.split("/").pop() ?? "";
  let title: string;
  try {
    title = decodeURIComponent(last);
  } catch {
    title = last;
  }
  title = title.replace(/_/g, " ").replace(/\(.*?\)/g, " ");
  return new Set(title.split(/[\s,]+/).filter(Boolean));
}

function hasClauseBreak(a: Analysis, from: number, to: number): boolean {
  for (let t = from; t < to; t++) if (CLAUSE_BREAK.has(a.tokens[t].text.toLowerCase())) return true;
  return false;
}

function roleName(r: MentionRole): string {
  if (r.possessor) return "possessor";
  if (r.inParentheses) return "paren";
  if (r.afterPreposition) return "oblique";
  if (r.subjectLike) return "subject";
  if (r.afterVerb) return "object";
  return "other";
}

function syntacticRole(a: Analysis, m: Mention): SyntacticRole {
  return roleOf(a.syntax, a.tokens, a.sentenceOf, m.first, m.last);
}

/** The pronoun's role read off the chunks: "he" is always a subject, but "him" after "of" is oblique. */
function pronounSyntacticRole(a: Analysis): string {
  if (a.role === "poss" || a.role === "refl") return a.role;
  const r = roleOf(a.syntax, a.tokens, a.sentenceOf, a.pronounToken, a.pronounToken);
  return r === "other" ? a.role : r;
}

/**
 * Features from real POS tags and chunks: chunk and clause distance to the pronoun, the pair of roles
 * when both sit in one sentence (binding: "Ann saw her" rules out Ann), and whether the candidate is
 * the subject of the pronoun's sentence or of the one before (Hobbs' search visits those first).
 *
 * Measured by cross-validation on gap-development (training/gap/experiment.ts, 8 fold splits): F1
 * 0.752 with these against 0.751 without, within noise; they stay because they state binding and
 * subject continuity outright. Tried and dropped (no gain beyond 0.001, some up to 0.013 worse):
 * chunk-role parallelism, "subject of the main clause over a pronoun in a subordinate one", chunk
 * roles replacing the word-list roles, feature conjunctions with the pronoun's role, Lappin-Leass salience, the pronoun's verb, gendered
 * third names and nouns ("his father") for the "none" option, and earlier-pronoun chains.
 */
function addSyntaxFeatures(
  a: Analysis,
  ms: readonly Mention[],
  m: Mention,
  add: (name: string, value?: number) => void,
): void {
  const p = a.pronounToken;
  const s = a.syntax;
  const pSentence = a.sentenceOf[p];
  const role = syntacticRole(a, m);
  const pRole = pronounSyntacticRole(a);
  const before = m.last < p;
  const sd = Math.min(Math.abs(pSentence - a.sentenceOf[m.first]), 2);
  if (before) {
    let nps = 0;
    let vps = 0;
    for (const c of s.chunks) {
      if (c.start <= m.last || c.start >= p) continue;
      if (c.type === "NP") nps++;
      else if (c.type === "VP") vps++;
    }
    add(`syn-dist-np${bucket(nps, [0, 1, 2, 4, 8])}`);
    add(`syn-dist-vp${bucket(vps, [0, 1, 2, 4])}`);
    add(`syn-dist-clauses${bucket(s.clauseOf[p] - s.clauseOf[m.last], [0, 1, 2, 4])}`);
  }
  if (before && sd === 0) {
    const sameClause = s.clauseOf[m.last] === s.clauseOf[p];
    add(`syn-clause:${sameClause ? "same" : "diff"}:${pRole}~${role}`);
  }
  const subjectIn = (sentence: number) =>
    ms.some((x) => a.sentenceOf[x.first] === sentence && x.last < p && syntacticRole(a, x) === "subject");
  if (subjectIn(pSentence)) add(`syn-subject-this-sentence:${pRole}`);
  if (pSentence > 0 && subjectIn(pSentence - 1)) add(`syn-subject-prev-sentence:${pRole}`);
}

/** Computes the feature maps for one pronoun and its candidates. */
export function extractFeatures(
  text: string,
  pronoun: Span,
  candidates: readonly Candidate[],
  context: PronounContext = {},
): OptionFeatures {
  const a = analyze(text, pronoun);
  const p = a.pronounToken;
  const pSentence = a.sentenceOf[p];
  const pronounSentenceInitial = a.sentenceStarts[pSentence] === p;
  const title = titleWords(context.url);
  const mentionsOf = candidates.map((c, i) =>
    findMentions(
      a,
      c,
      candidates.filter((_, j) => j !== i),
    ),
  );
  const givenFirst = candidates.map((c) => tokenRange(a, c)[0]);

  // The nearest mention before the pronoun stands for the candidate; failing that, the nearest after it.
  const anchors = mentionsOf.map((ms) => {
    const before = ms.filter((m) => m.last < p);
    return before.length > 0 ? before[before.length - 1] : ms.find((m) => m.first > p);
  });
  const anchorEnds = anchors.map((m) => (m && m.last < p ? m.last : -1));
  const closestBefore = Math.max(...anchorEnds);

  const maps = candidates.map((candidate, i) => {
    const f: FeatureMap = new Map();
    const add = (name: string, value = 1) => f.set(name, (f.get(name) ?? 0) + value);
    const ms = mentionsOf[i];
    const m = anchors[i];
    if (!m) return f;
    const before = m.last < p;
    add(before ? "anaphoric" : "cataphoric");
    const tokenDistance = before ? p - m.last : m.first - p;
    add(`${before ? "b" : "a"}:tokdist${bucket(tokenDistance, [2, 5, 10, 20, 40, 80])}`);
    add("logdist", Math.log2(1 + tokenDistance) / 4);
    const sentenceDistance = Math.abs(pSentence - a.sentenceOf[m.first]);
    add(`sentdist=${Math.min(sentenceDistance, 3)}`);
    if (before && m.last === closestBefore) add("closest-before");
    if (givenFirst[i] === Math.min(...givenFirst)) add("first-of-candidates");
    const firstMention = ms[0];
    if (firstMention.first < p && firstMention.first === Math.min(...mentionsOf.map((x) => x[0].first)))
      add("introduced-first");

    const role = mentionRole(a, m);
    // Chunk-based roles in place of these word-list roles were tried: no better in CV (0.747 vs 0.753).
    const roleLabel = roleName(role);
    add(`role=${roleLabel}`);
    add(`${before ? "b" : "a"}:role=${roleLabel}:sd=${Math.min(sentenceDistance, 2)}`);
    if (role.sentenceInitial) add("sentence-initial");
    if (role.beforeVerb) add("before-verb");
    if (role.firstNameInSentence) add("first-name-in-sentence");
    if (role.coordinated) add("coordinated");
    add(`parallel:${a.role}~${roleLabel}`);
    if (pronounSentenceInitial) add(`pron-sentence-initial~${roleLabel}~sd${Math.min(sentenceDistance, 2)}`);
    // Any subject-like mention anywhere: a candidate that is ever the subject is a topic.
    const anySubject = ms.some((x) => x.first < p && mentionRole(a, x).subjectLike);
    if (anySubject) add("ever-subject-before");

    addSyntaxFeatures(a, ms, m, add);
    if (before && a.sentenceOf[m.last] === a.sentenceOf[p] && syntacticRole(a, m) === "object") {
      // "urged Stanner to come clean about her affair": a control verb's object is its infinitive's subject.
      const next = a.syntax.chunks[a.syntax.chunkOf[m.last] + 1];
      if (next?.type === "VP" && a.syntax.pos[next.start] === "TO" && next.start < p) add("object-control");
    }

    const count = ms.length;
    add(`mentions=${Math.min(count, 4)}`);
    const countBefore = ms.filter((x) => x.last < p).length;
    add(`mentions-before=${Math.min(countBefore, 3)}`);
    if (ms.some((x) => x.kind === "part")) add("has-part-mention");
    if (m.kind !== "given") add(`anchor-${m.kind}`);

    if (before) {
      const between = [m.last + 1, p] as const;
      const otherBetween = anchors.some(
        (o, j) => j !== i && o && mentionsOf[j].some((x) => x.first > between[0] && x.last < between[1]),
      );
      if (otherBetween) add("other-candidate-between");
      let names = 0;
      for (let t = between[0]; t < between[1]; t++) if (a.nameLike[t]) names++;
      add(`names-between${bucket(names, [0, 1, 3])}`);
      // Verbs and clause breaks between approximate the syntactic distance a parser would give.
      let verbs = 0;
      let breaks = 0;
      for (let t = between[0]; t < between[1]; t++) {
        const w = a.tokens[t].text;
        if (isVerbLike(w)) verbs++;
        if (CLAUSE_BREAK.has(w.toLowerCase())) breaks++;
      }
      add(`verbs-between${bucket(verbs, [0, 1, 2, 4])}`);
      add(`breaks-between${bucket(breaks, [0, 1, 2, 4])}`);
      if (sentenceDistance === 0) {
        const clauseBreak = hasClauseBreak(a, m.last + 1, p);
        // Binding: an object pronoun in the same clause cannot refer to that clause's subject ("Ann saw her").
        if (!clauseBreak) add(`same-clause-${a.role}`);
        if (a.role === "poss" && role.subjectLike) add("subject-owns-possessive");
      }
    } else if (sentenceDistance === 0 && m.first - p <= 4) {
      // "her husband, John": a name right after the pronoun's phrase names someone else.
      add("right-after-pronoun");
    }

    // The words right around the candidate ("by X", "X 's", "X , who", "coach X"): the trees pick up the
    // frequent ones that the word lists above miss. CV on gap-development (3 fold splits, tree seeds 17
    // and 18): 0.7726 against 0.7659 without. Tried and dropped: two words on each side (0.7735, within
    // the spread), the pronoun's neighbours (0.7706), these words split by direction and sentence
    // distance (0.7695), and lexical features for the trees only (0.7719).
    add(`lex-prev:${a.tokens[m.first - 1]?.text.toLowerCase() ?? "<s>"}`);
    add(`lex-next:${a.tokens[m.last + 1]?.text.toLowerCase() ?? "</s>"}`);

    const words = candidate.name.split(/\s+/);
    const parts = nameParts(candidate.name);
    if (title.size > 0) {
      if (words.every((w) => title.has(w))) add("url-full");
      else if (parts.length > 0 && title.has(parts[parts.length - 1])) add("url-last");
      else if (parts.some((w) => title.has(w))) add("url-part");
    }
    return f;
  });

  const none: FeatureMap = new Map();
  const addNone = (name: string) => none.set(name, 1);
  addNone("none");
  if (pronounSentenceInitial) addNone("none-pron-initial");
  if (anchorEnds.every((e) => e < 0)) addNone("none-all-after");
  const distances = anchors.map((m) => (m ? Math.abs(pSentence - a.sentenceOf[m.first]) : 9));
  addNone(`none-min-sentdist=${Math.min(Math.min(...distances), 3)}`);
  // A title name present in the text that is none of the candidates is a third person the pronoun may mean.
  if (title.size > 0 && !maps.some((f) => f.has("url-full") || f.has("url-last") || f.has("url-part"))) {
    const inText = [...title].some(
      (w) => w.length > 2 && /^\p{Lu}/u.test(w) && a.tokens.some((t) => t.text === w),
    );
    addNone(inText ? "none-title-name-elsewhere" : "none-title-absent");
  }
  let namesNear = 0;
  const start = a.sentenceStarts[pSentence];
  for (let t = start; t < p; t++) {
    if (a.nameLike[t] && !mentionsOf.some((ms) => ms.some((x) => t >= x.first && t <= x.last))) namesNear++;
  }
  addNone(`none-other-names-in-sentence${bucket(namesNear, [0, 1, 2])}`);
  return { candidates: maps, none };
}
