import { firstIndex } from "../core/sorted.ts";
import { resolvePronoun as resolveCorefPronoun } from "./coref/index.ts";
import {
  type Attribution,
  type Component,
  type Doc,
  type Mention,
  mergeSpans,
  type Span,
  type Speaker,
  type SpeakerResolution,
  type Token,
} from "./doc.ts";
import {
  FIRST_NAME_GENDER,
  HEAD_TITLES,
  NAME_SUFFIXES,
  ORGANIZATION_HEADS,
  ORGANIZATION_NAMES,
  POSSESSIVES,
  PRONOUNS,
  SOURCE_NOUNS,
  SURNAME_PARTICLES,
  VERB_GROUP_FILLERS,
  words,
} from "./lexicon.ts";
import { GOVERNMENT_PLACES, isPlaceWord, keyOf, type ParsedName, parseName } from "./names.ts";

/**
 * Speaker resolution: finds person and organisation names in the document, groups their aliases
 * ("Donald John Trump", "President Trump", "Mr. Trump", "the president") into entities, resolves
 * pronoun and description sources to the nearest compatible entity, and sets `speaker` on every
 * attribution. Writes `doc.mentions`.
 *
 * Pronouns follow a Hobbs-like preference: first the entities mentioned earlier in the same
 * sentence, left to right (the subject comes first), then the previous sentences, each left to
 * right. News writing keeps the topic person in subject position, so "He ..." after
 * "Trump did X to Putin." means Trump, not the nearer Putin.
 */

type Gender = "male" | "female";

interface Entity {
  kind: Speaker["kind"];
  /** Display and key name, recomputed when a fuller name joins the entity. */
  name: string;
  parsed?: ParsedName;
  roles: Set<string>;
  party?: string;
  state?: string;
  gender?: Gender;
  /** Order number of the latest mention, for "most recently mentioned" choices. */
  lastSeen?: number;
  /** Full names known from outside the prose (hover cards): aliases without a span. */
  hintAliases?: Set<string>;
}

/** A full name for a name span, known from outside the prose (a hover card the cleaner removed). */
export interface NameHint {
  span: Span;
  fullName: string;
}

export interface SpeakerOptions {
  nameHints?: readonly NameHint[];
  /**
   * Let the GAP-trained pronoun model overrule the subject-first rule when two people fit (off by
   * default: on PolNeAR dev it changed few pronouns and none for the better, see scripts/eval-speakers.ts).
   */
  corefModel?: boolean;
}

/** Last words of place names that look like "First Last" ("Tessary City", "Harbour Street"). */
const PLACE_WORDS = new Set(
  words(`
  city county street road avenue square river island islands bay port harbour harbor district province
  state valley lake mountain mountains park bridge station airport hall center centre coast beach
`),
);

/** A capitalised name seen without evidence that it is a person; becomes one if a source later uses it. */
interface TentativeName {
  span: Span;
  parsed: ParsedName;
}

interface EntityMention extends Span {
  entity: Entity;
  sentence: number;
  resolution: SpeakerResolution;
  /** The span of the name this mention resolved to (for pronouns and descriptions). */
  antecedent?: Span;
  /** True for the source span of an attribution. */
  isSource?: boolean;
}

/** Capitalised words that start sentences or name things other than people. */
const NOT_NAMES = new Set([
  "the",
  "a",
  "an",
  "this",
  "that",
  "these",
  "those",
  "in",
  "on",
  "at",
  "but",
  "and",
  "or",
  "however",
  "meanwhile",
  "he",
  "she",
  "they",
  "it",
  "we",
  "i",
  "his",
  "her",
  "their",
  "its",
  "our",
  "my",
  "you",
  "your",
  "if",
  "when",
  "while",
  "as",
  "after",
  "before",
  "since",
  "for",
  "with",
  "from",
  "by",
  "to",
  "of",
  "yes",
  "no",
  "so",
  "then",
  "now",
  "there",
  "here",
  "what",
  "who",
  "why",
  "how",
  "where",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "still",
  "also",
  "even",
  "just",
  "not",
  "all",
  "some",
  "many",
  "most",
  "both",
  "each",
  "every",
  "another",
  "other",
  "such",
  "asked",
  "according",
  "despite",
  "although",
  "though",
  "because",
  "ADVERTISEMENT".toLowerCase(),
  "more",
  "read",
  "related",
  "photo",
  "video",
  "said",
  "says",
]);

/** Overrule the subject-first pronoun rule only when the model gives the rival this probability. */
const COREF_CONFIDENCE = 0.8;

/** How many sentences back "the senator" may look for a senator (a long news article is ~60). */
const ROLE_WINDOW_SENTENCES = 80;

/** A description of unknown role re-names only a person from the last two sentences (a lede and its follow-up). */
const DESCRIPTION_FALLBACK_SENTENCES = 2;

/** "The statement said" refers to a statement just reported: the previous speaker in three sentences. */
const DOCUMENT_WINDOW_SENTENCES = 3;

/** Documents that speak for whoever issued them ("the statement said", "the memo says"). */
const DOCUMENT_NOUNS = new Set(["statement", "memo", "letter", "release", "communique", "post", "tweet"]);

const HONORIFICS = new Set(["mr.", "mrs.", "ms.", "miss", "mr", "mrs", "ms", "sir", "dame"]);

/** Role words that also appear as abbreviations ("Sen." ↔ "senator"). */
const ROLE_SYNONYMS: Record<string, string> = {
  "sen.": "senator",
  "sens.": "senator",
  senators: "senator",
  "rep.": "representative",
  "reps.": "representative",
  congressman: "representative",
  congresswoman: "representative",
  "gov.": "governor",
  "pres.": "president",
  "gen.": "general",
  "dr.": "doctor",
  "prof.": "professor",
  "lt.": "lieutenant",
  "atty.": "attorney",
};

function roleWords(role: string): string[] {
  return role
    .toLowerCase()
    .split(/\s+/)
    .map((w) => ROLE_SYNONYMS[w] ?? w);
}

const isCapitalized = (token: Token | undefined) => !!token && /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(token.text);

/** True when `offset` falls inside one of `spans`, which are sorted and disjoint (binary search). */
function insideAny(spans: readonly Span[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else if (spans[mid].start > offset) hi = mid - 1;
    else return true;
  }
  return false;
}

/** True when `span` overlaps one of the sorted, disjoint `spans` (binary search). */
function overlapsAny(spans: readonly Span[], span: Span): boolean {
  const i = firstIndex(spans.length, (k) => spans[k].end > span.start);
  return i < spans.length && spans[i].start < span.end;
}

/** Finds runs of capitalised tokens that look like names, with titles, particles, suffixes and party tags. */
function nameCandidates(doc: Doc): Span[] {
  const candidates: Span[] = [];
  const tokens = doc.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (!isCapitalized(tokens[i]) || insideAny(doc.quotes, tokens[i].start)) continue;
    let j = i;
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1];
      const word = next.text.toLowerCase();
      if (/\n/.test(doc.text.slice(tokens[j].end, next.start))) break;
      if (isCapitalized(next) && !NOT_NAMES.has(word)) j++;
      else if ((SURNAME_PARTICLES.has(word) || word === "of") && isCapitalized(tokens[j + 2])) j += 2;
      // "Ministry of Trade and Ports": "and" joins words of a domain opened by "of".
      else if (word === "and" && hasOfBefore(tokens, i, j) && isCapitalized(tokens[j + 2])) j += 2;
      // "Saltmere Dockworkers' Guild": a plural possessive inside an organisation's name.
      else if (
        (next.text === "'" || next.text === "’") &&
        next.start === tokens[j].end &&
        /s$/.test(tokens[j].text) &&
        isCapitalized(tokens[j + 2])
      )
        j += 2;
      else if (next.text === "(" && /^[A-Z]{1,3}-\p{Lu}/u.test(tokens[j + 2]?.text ?? "")) {
        let k = j + 2;
        while (k < tokens.length && k < j + 6 && tokens[k].text !== ")") k++;
        if (tokens[k]?.text !== ")") break;
        j = k;
      } else if (next.text === "," && NAME_SUFFIXES.has(tokens[j + 2]?.text.toLowerCase() ?? "")) j += 2;
      else if (next.text === "(" && isCapitalized(tokens[j + 2]) && tokens[j + 3]?.text === ")") j += 3;
      else break;
    }
    // Drop leading sentence words ("The", "However") that are capitalised only by position.
    let start = i;
    while (start <= j && NOT_NAMES.has(tokens[start].text.toLowerCase())) start++;
    if (start <= j) candidates.push({ start: tokens[start].start, end: tokens[j].end });
    i = j;
  }
  return candidates;
}

function hasOfBefore(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) if (tokens[k].text === "of") return true;
  return false;
}

/** Plural nouns for groups of people that "they" can refer to ("Administration officials"). */
const GROUP_NOUNS = new Set(
  words(`
  officials aides advisers advisors lawmakers senators republicans democrats voters supporters
  critics experts analysts leaders members conservatives liberals investigators prosecutors diplomats
  protesters activists strategists donors
`),
);

/** Group descriptions outside quotes: optional capitalised or modifier words before a plural people noun. */
function groupCandidates(doc: Doc): Span[] {
  const spans: Span[] = [];
  const tokens = doc.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (!GROUP_NOUNS.has(tokens[i].text.toLowerCase()) || insideAny(doc.quotes, tokens[i].start)) continue;
    let first = i;
    while (first > 0 && i - first < 3 && /^\p{Lu}[\p{L}.-]*$/u.test(tokens[first - 1].text)) first--;
    while (first < i && NOT_NAMES.has(tokens[first].text.toLowerCase())) first++;
    spans.push({ start: tokens[first].start, end: tokens[i].end });
  }
  return spans;
}

function organizationLike(text: string): boolean {
  const bare = text.replace(/^the\s+/i, "").replace(/['’]s$/, "");
  const lowerText = bare.toLowerCase();
  if (ORGANIZATION_NAMES.has(lowerText)) return true;
  const bareWords = bare.split(/\s+/);
  const words = lowerText.split(/\s+/);
  const capitalized = bareWords.every((w) => /^[\p{Lu}\d(&]/u.test(w) || /^(of|for|and|on|the)$/.test(w));
  // "Officials at the Ministry of Trade", "Ministers in the governing Liberal Union": people described by
  // the body they belong to. ("Friends of the Earth" is a name: "of" does not count here.)
  const [first, second] = words;
  if (
    ["person", "group"].includes(speakerNounKind(first) ?? "") &&
    /^(?:in|at|from|with|for)$/.test(second ?? "")
  )
    return false;
  // "NASA", "VW", "CBS DFW": acronyms name agencies, firms and outlets; people are not written in capitals.
  if (bareWords.every((w) => /^[A-Z][A-Z0-9&]+$/.test(w.replace(/\./g, "")) && w.length > 1)) return true;
  // "China said", "Washington had concluded": a country or capital speaks for its government.
  if (GOVERNMENT_PLACES.has(bare) && !FIRST_NAME_GENDER.has(lowerText)) return true;
  // "The Marlow Brothers", "the Harbour Daily", "The Northern Front": a person's name takes no article,
  // so "the" before capitalised words names an organisation, unless a title makes it a role
  // ("the Senate Majority Leader").
  if (/^the\s/i.test(text) && bare.length > 0) {
    // A possessive title names the body's owner, not a person ("the U.S. Attorney’s Office").
    const role = bareWords.some((w) => !/['’]s$/.test(w) && isRoleHead(w));
    // "The Democrats" are party members, a group rather than an organisation's name.
    const members = speakerNounKind(words[words.length - 1]) === "group";
    if (capitalized && !role && !members) return true;
  }
  // "Senate Intelligence Committee" ends with its kind; "Ministry of Finance" starts with it.
  if (words.length > 2 && words[1] === "of" && ORGANIZATION_HEADS.has(words[0])) return true;
  const personal = words.some((w) => FIRST_NAME_GENDER.has(w) || HEAD_TITLES.has(w));
  // "Committee for a Balanced Harbour Budget", "Institute on Tide Studies": a kind of body and its remit.
  if (
    !personal &&
    words.some((w, i) => ORGANIZATION_HEADS.has(w) && /^(of|for|on)$/.test(words[i + 1] ?? ""))
  )
    return true;
  if (words.length > 0 && ORGANIZATION_HEADS.has(words[words.length - 1])) return true;
  // "the Roper Center for Public Opinion Research": an organisation word inside a capitalised name,
  // unless the name is a person's ("House Speaker Paul Ryan" has a known given name).
  return capitalized && !personal && words.some((w) => ORGANIZATION_HEADS.has(w));
}

/** An organisation's name as written, without an article or a possessive ending ("the Guild's"). */
function organizationName(text: string): string {
  return text
    .replace(/^(the|a|an)\s+/i, "")
    .replace(/['’]s$/, "")
    .trim();
}

/**
 * Evidence that a parsed name is a person's: a title that heads a role ("Sen.", "President", "Mr.");
 * qualifiers such as "North American" or "former" alone are not.
 */
function hasHeadTitle(parsed: ParsedName): boolean {
  return parsed.roles.some((role) => role.split(" ").some((w) => HEAD_TITLES.has(w.toLowerCase())));
}

/**
 * The kind of speaker a noun names (see SOURCE_NOUNS); a plural of a person noun ("ministers",
 * "diplomats" after "diplomat") names a group. The lexicon lists the common plurals only, and it is shared
 * with the attribution rules, so the plural is worked out here rather than added there.
 */
function speakerNounKind(word: string): "person" | "group" | "organization" | undefined {
  const kind = SOURCE_NOUNS.get(word);
  if (kind || !word.endsWith("s")) return kind;
  return SOURCE_NOUNS.get(word.slice(0, -1)) === "person" ? "group" : undefined;
}

/** A word that can head a role phrase: a title ("minister", "Sen.") or a person noun ("economist"). */
function isRoleHead(word: string): boolean {
  const lower = word.toLowerCase();
  return !KINSHIP.has(lower) && (HEAD_TITLES.has(lower) || speakerNounKind(lower) === "person");
}

/**
 * Family words describe a relation to someone else, not a position ("His father, Jo Bell"); generic
 * people nouns ("the woman", "the source") name no role, so they never re-name a known person.
 */
const KINSHIP = new Set([
  "mother",
  "father",
  "wife",
  "husband",
  "daughter",
  "son",
  "friend",
  "man",
  "woman",
  "person",
  "source",
  "someone",
  "somebody",
  "anyone",
  "everyone",
  "nobody",
]);

/** Heads that name a position by its field rather than its title: "the guild leader", "the party chief". */
const GENERIC_HEADS = new Set(["leader", "head", "chief", "official", "boss"]);

/**
 * True when a description ("the minister", "the guild leader") fits one of the entity's roles: its head
 * noun is a word of the role, or a generic head's modifier is ("guild" in "president of the ... Guild").
 */
function sameRole(entity: Entity, noun: string, modifiers: readonly string[] = []): boolean {
  const wanted = ROLE_SYNONYMS[noun] ?? noun;
  if (otherParty(entity, modifiers)) return false;
  for (const role of entity.roles) {
    const words = roleWords(role).map((w) => w.replace(/['’]s?$/, ""));
    if (words.includes(wanted)) return true;
    if (GENERIC_HEADS.has(wanted) && modifiers.some((m) => words.includes(m))) return true;
  }
  return false;
}

/** Party words of descriptions and roles, as the letter of a party tag ("(D-Ore.)"). */
const PARTY_WORDS: Record<string, string> = { democratic: "D", democrat: "D", republican: "R", gop: "R" };

/**
 * "The Democratic nominee" is not the Republican nominee: a party word in the description that differs
 * from the entity's party tag or from a party word in its roles rules the entity out.
 */
function otherParty(entity: Entity, modifiers: readonly string[]): boolean {
  const wanted = modifiers.map((m) => PARTY_WORDS[m]).find(Boolean);
  if (!wanted) return false;
  const held = new Set<string>();
  if (entity.party) held.add(entity.party.charAt(0).toUpperCase());
  for (const role of entity.roles)
    for (const word of roleWords(role)) {
      const letter = PARTY_WORDS[word.toLowerCase()];
      if (letter) held.add(letter);
    }
  return held.size > 0 && !held.has(wanted);
}

class Resolver {
  readonly doc: Doc;
  /** People by surname ("Clinton" → Hillary Clinton, Bill Clinton) and organisations by name. */
  private readonly peopleBySurname = new Map<string, Entity[]>();
  private readonly organizations = new Map<string, Entity>();
  readonly mentions: EntityMention[] = [];
  /** Mentions of each sentence in text order, so pronoun search looks at a few sentences only. */
  private readonly bySentence = new Map<number, EntityMention[]>();
  private readonly bySpan = new Map<string, EntityMention>();
  private readonly sentenceStarts: number[];
  private readonly tentative = new Map<string, TentativeName[]>();
  private readonly tentativeList: TentativeName[] = [];
  private readonly nameHints: readonly NameHint[];
  private readonly useCorefModel: boolean;
  /** Surnames that some full name, titled name or hover card in the article gives to a person. */
  private readonly personSurnames: ReadonlySet<string>;
  private readonly organizationVotes = new Map<string, boolean>();
  private seen = 0;

  constructor(doc: Doc, names: readonly Span[], options: SpeakerOptions = {}) {
    this.doc = doc;
    this.sentenceStarts = doc.sentences.map((s) => s.start);
    this.nameHints = options.nameHints ?? [];
    this.useCorefModel = options.corefModel ?? false;
    const surnames = new Set<string>();
    const written = [...names.map((span) => doc.slice(span)), ...this.nameHints.map((h) => h.fullName)];
    for (const text of written) {
      // A known given name before a capitalised word marks a surname even inside a headline's long
      // capitalised run ("Hillary Clinton Goes After Donald Trump").
      const runWords = text.split(/\s+/);
      runWords.forEach((w, i) => {
        const next = runWords[i + 1]?.replace(/['’]s$/, "");
        if (next && FIRST_NAME_GENDER.has(w.toLowerCase()) && /^\p{Lu}/u.test(next)) surnames.add(next);
      });
      if (organizationLike(text)) continue;
      const parsed = parseName(text);
      if (parsed.last && (parsed.first || hasHeadTitle(parsed) || parsed.gender)) surnames.add(parsed.last);
    }
    this.personSurnames = surnames;
  }

  /** Keeps a two- or three-word capitalised name that has no person evidence yet ("Helena Voss"). */
  addTentative(span: Span): void {
    const text = this.doc.slice(span);
    if (organizationLike(text)) return;
    const parsed = parseName(text);
    const words = text.split(/\s+/).length;
    if (!parsed.first || !parsed.last || words > 4 || PLACE_WORDS.has(parsed.last.toLowerCase())) return;
    const entry = { span, parsed };
    const list = this.tentative.get(parsed.last) ?? [];
    list.push(entry);
    this.tentative.set(parsed.last, list);
    this.tentativeList.push(entry);
  }

  /** The latest tentative name before `offset` whose surname (and given name, suffix) fit `parsed`. */
  private tentativeFor(parsed: ParsedName, offset: number): TentativeName | undefined {
    if (!parsed.last) return undefined;
    return (this.tentative.get(parsed.last) ?? []).findLast(
      (t) =>
        t.span.end <= offset &&
        (t.parsed.suffix ?? "") === (parsed.suffix ?? "") &&
        (!parsed.first || t.parsed.first === parsed.first),
    );
  }

  /** Promotes a tentative name to a person entity with a mention at its own span. */
  private confirm(t: TentativeName): Entity {
    const entity: Entity = {
      kind: "person",
      name: keyOf(t.parsed) ?? t.parsed.last ?? "",
      parsed: t.parsed,
      roles: new Set(),
    };
    this.absorb(entity, t.parsed);
    const namesakes = this.peopleBySurname.get(t.parsed.last ?? "") ?? [];
    namesakes.push(entity);
    this.peopleBySurname.set(t.parsed.last ?? "", namesakes);
    this.addMention(t.span, entity, "name");
    this.addRolesAround(entity, t.span);
    const list = this.tentative.get(t.parsed.last ?? "") ?? [];
    this.tentative.set(
      t.parsed.last ?? "",
      list.filter((x) => x !== t),
    );
    const at = this.tentativeList.indexOf(t);
    if (at >= 0) this.tentativeList.splice(at, 1);
    return entity;
  }

  /** The nearest tentative name in the same sentence before `offset` ("Jo Bell, head of X, who said"). */
  tentativeInSentence(offset: number): TentativeName | undefined {
    const sentence = this.sentenceOf(offset);
    return this.tentativeList.findLast(
      (t) => t.span.end <= offset && this.sentenceOf(t.span.start) === sentence,
    );
  }

  confirmAsPerson(t: TentativeName): Entity {
    return this.confirm(t);
  }

  /**
   * Roles written next to a name: a lowercase title just before it ("former defence minister Edmund
   * Farrow", "A ministry spokeswoman, Dalia Renner") or an appositive after it ("Jonas Castellan,
   * president of the Saltmere Dockworkers' Guild,"). They let "the spokeswoman" or "the guild
   * leader" find the person later.
   */
  addRolesAround(entity: Entity, span: Span): void {
    if (entity.kind !== "person") return;
    const before = this.doc.text.slice(Math.max(0, span.start - 80), span.start);
    const lead = /(?:^|[\s(])((?:(?:a|an|the)\s+)?(?:[\p{Ll}'’-]+\s+){0,3}([\p{Ll}'’-]+)),?\s+$/u.exec(
      before,
    );
    if (lead && isRoleHead(lead[2])) entity.roles.add(lead[1].replace(/^(?:a|an|the)\s+/, ""));
    const after = this.doc.text.slice(span.end, span.end + 100);
    const appositive = /^,\s+((?:a|an|the)\s+)?([^,.;:!?\n"“”]{2,80})[,.;]/u.exec(after);
    this.addPredicateRole(entity, span);
    if (appositive) {
      const phrase = appositive[2].trim();
      const headPart = phrase.split(/\s+(?:of|for|at|to|in|with)\s+/)[0].split(/\s+/);
      if (headPart.length <= 4 && headPart.some((w) => isRoleHead(w.replace(/['’]s$/, ""))))
        entity.roles.add(phrase);
    }
  }

  /** "confirmed Jo Bell as its candidate": a role given to the name by "as". */
  addPredicateRole(entity: Entity, span: Span): void {
    const after = this.doc.text.slice(span.end, span.end + 60);
    const as = /^\s+as\s+(?:its|the|their|his|her|our)\s+((?:[\p{Ll}-]+\s+){0,2}?([\p{Ll}-]+))/u.exec(after);
    if (as && isRoleHead(as[2])) entity.roles.add(as[1]);
  }

  /** Full names from hover cards over this span become part of the entity's name. */
  applyHints(entity: Entity, span: Span): void {
    if (entity.kind !== "person") return;
    for (const hint of this.nameHints) {
      if (hint.span.start >= span.end || hint.span.end <= span.start) continue;
      const parsed = parseName(hint.fullName);
      if (!parsed.last || parsed.last !== entity.parsed?.last) continue;
      if (
        entity.parsed?.first &&
        parsed.first !== entity.parsed.first &&
        !parsed.middle.includes(entity.parsed.first)
      )
        continue;
      if (!entity.parsed?.first) {
        entity.parsed = { ...parsed, roles: [] };
        entity.name = keyOf(parsed) ?? entity.name;
      }
      entity.gender ??= parsed.gender;
      entity.hintAliases ??= new Set();
      entity.hintAliases.add(hint.fullName.trim());
    }
  }

  sentenceOf(offset: number): number {
    let lo = 0;
    let hi = this.sentenceStarts.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.sentenceStarts[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Finds or creates the entity for a name as written; `asSource` names of speakers are people by default. */
  nameEntity(span: Span, asSource: boolean): { entity: Entity; resolution: SpeakerResolution } | null {
    const text = this.doc.slice(span);
    if (organizationLike(text)) return { entity: this.organization(text), resolution: "name" };
    // "Kestrel" after a headline's "KESTREL": a name already known as an organisation's stays one.
    if (this.organizations.has(organizationName(text).toLowerCase()))
      return { entity: this.organization(text), resolution: "name" };
    const parsed = parseName(text);
    if (!parsed.last) return null;
    const key = keyOf(parsed) ?? parsed.last;
    const hasTitle = hasHeadTitle(parsed);
    const known = parsed.gender !== undefined || hasTitle || parsed.party !== undefined;
    // A bare surname joins the fullest earlier entity with that surname (and no conflicting given name).
    const matches = (this.peopleBySurname.get(parsed.last) ?? []).filter(
      (e) =>
        (e.parsed?.suffix ?? "") === (parsed.suffix ?? "") &&
        (!parsed.first || !e.parsed?.first || e.parsed.first === parsed.first) &&
        // "Mrs. Clinton" is not "Bill Clinton".
        (!parsed.gender || !e.gender || parsed.gender === e.gender),
    );
    if (matches.length > 0) {
      // With several people of one surname ("Bill Clinton", "Hillary Clinton"), a bare surname means
      // the one mentioned most recently; a full name is preferred over another bare surname.
      const rank = (e: Entity) => (e.parsed?.first ? Number.MAX_SAFE_INTEGER / 2 : 0) + (e.lastSeen ?? -1);
      const best = matches.reduce((a, b) => (rank(b) > rank(a) ? b : a));
      this.absorb(best, parsed);
      return { entity: best, resolution: key === best.name ? "name" : "alias" };
    }
    // Capitalised words are a person only with evidence: a known given name, a title, a party tag, or
    // being the source of a reporting verb. Places and things ("New York", "Helsinki") have none.
    const earlier = this.tentativeFor(parsed, span.start);
    if (earlier) {
      const entity = this.confirm(earlier);
      this.absorb(entity, parsed);
      return { entity, resolution: key === entity.name ? "name" : "alias" };
    }
    // "Wu" after "Wu Lianhe", "Elsa" after "Elsa Marrow": a lone word that is the given name of
    // exactly one person named earlier is that person (names written family name first, first names in
    // features and sport).
    const single = !parsed.first && parsed.roles.length === 0 && !/\s/.test(parsed.last);
    if (single) {
      const byGiven = this.personByGivenName(parsed.last, span.start);
      if (byGiven) return { entity: byGiven, resolution: "alias" };
    }
    if (!known && !asSource) return null;
    // "Kestrel says it will", "Harwood hope to": news introduces a person by full name before using the
    // surname alone, so a lone capitalised word with no person behind it anywhere in the article (no
    // full name, title or hover card with that surname) that the article treats as an "it" or a
    // plural is a company or other organisation.
    if (single && !known && !this.personSurnames.has(parsed.last) && this.treatedAsOrganization(parsed.last))
      return { entity: this.organization(text), resolution: "name" };
    const entity: Entity = { kind: "person", name: key, parsed, roles: new Set() };
    this.absorb(entity, parsed);
    const namesakes = this.peopleBySurname.get(parsed.last) ?? [];
    namesakes.push(entity);
    this.peopleBySurname.set(parsed.last, namesakes);
    return { entity, resolution: "name" };
  }

  /**
   * How the article refers back to a bare name: after each use of the word, the first pronoun in its
   * sentence ("Kestrel says it will", "Orba says ... its") or a plural verb right after it ("Harwood hope",
   * "Blue Lantern have") votes for an organisation; "he", "she", "his", "her" vote for a person.
   */
  private treatedAsOrganization(word: string): boolean {
    const cached = this.organizationVotes.get(word);
    if (cached !== undefined) return cached;
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const uses = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}'’-])`, "gu");
    let organization = 0;
    let person = 0;
    for (const use of this.doc.text.matchAll(uses)) {
      const end = use.index + use[0].length;
      const sentence = this.doc.sentences[this.sentenceOf(use.index)];
      // The pronoun that refers back to a subject follows closely ("Kestrel on Tuesday announced that it");
      // later ones are as likely to mean someone else.
      const rest = this.doc.text
        .slice(end, Math.max(end, sentence?.end ?? end))
        .split(/\s+/)
        .slice(0, 9)
        .join(" ");
      // "Clinton aides", "Trump Tower": the word modifies another noun and is not the subject.
      const next = /^\s*([\p{L}]+)/u.exec(rest)?.[1] ?? "";
      if (/^\p{Lu}/u.test(next) || speakerNounKind(next.toLowerCase()) !== undefined) continue;
      if (/^\s*(?:have|are|were|hope|say|want|plan|expect|believe|do)\b/.test(rest)) organization++;
      const pronoun = /\b(it|its|itself|they|their|he|she|his|her|him|himself|herself)\b/i.exec(rest)?.[1];
      if (!pronoun) continue;
      if (/^(it|its|itself|they|their)$/i.test(pronoun)) organization++;
      else person++;
    }
    const verdict = organization > person;
    this.organizationVotes.set(word, verdict);
    return verdict;
  }

  /** The person already known by this surname ("Bell" after "Jo Bell"), without creating anyone. */
  knownPerson(surname: string, offset: number): { entity: Entity; resolution: SpeakerResolution } | null {
    const people = (this.peopleBySurname.get(surname) ?? []).filter((e) =>
      this.mentions.some((m) => m.entity === e && m.end <= offset),
    );
    if (people.length === 1) return { entity: people[0], resolution: "alias" };
    // "Aria Lund lost the final. ... the 14th-ranked Lund": a full name not yet known as a person's.
    const earlier =
      people.length === 0 ? this.tentativeFor({ last: surname, middle: [], roles: [] }, offset) : undefined;
    return earlier ? { entity: this.confirm(earlier), resolution: "alias" } : null;
  }

  /** The one person named before `offset` whose given name is `word` (none when two people share it). */
  private personByGivenName(word: string, offset: number): Entity | undefined {
    const people = new Set<Entity>();
    const spoke = new Set<Entity>();
    for (const m of this.mentions) {
      if (m.end > offset || m.entity.kind !== "person" || m.entity.parsed?.first !== word) continue;
      people.add(m.entity);
      if (m.isSource) spoke.add(m.entity);
    }
    const [person] = people;
    // Only a name known to be a person's: a known given name, a role, or a speaker ("Patriot Coal",
    // a company taken for a name, must not absorb every "Patriot").
    const certain = person && (person.gender || person.roles.size > 0 || spoke.has(person));
    return people.size === 1 && certain ? person : undefined;
  }

  /** Merges what a new spelling tells about an entity: a fuller name, roles, party, gender. */
  absorb(entity: Entity, parsed: ParsedName): void {
    if (parsed.first && !entity.parsed?.first) {
      entity.parsed = parsed;
      entity.name = keyOf(parsed) ?? entity.name;
    }
    // Honorifics ("Mr.", "Mrs.") say nothing about a role; they only feed gender agreement.
    for (const role of parsed.roles) if (!HONORIFICS.has(role.toLowerCase())) entity.roles.add(role);
    entity.party ??= parsed.party;
    entity.state ??= parsed.state;
    entity.gender ??= parsed.gender;
  }

  organization(text: string): Entity {
    const name = organizationName(text);
    const existing = this.organizations.get(name.toLowerCase());
    // A headline's "KESTREL" gives way to the name as the prose writes it ("Kestrel").
    if (existing && existing.name === existing.name.toUpperCase() && name !== name.toUpperCase())
      existing.name = name;
    if (existing) return existing;
    const entity: Entity = { kind: "organization", name, roles: new Set() };
    this.organizations.set(name.toLowerCase(), entity);
    return entity;
  }

  /** A speaker known only by a description ("officials", "a spokesman"): one entity per mention. */
  description(text: string, kind: Speaker["kind"]): Entity {
    // "Many in Port Ellery" keeps "Many": without it the name would start at the preposition.
    const name = text.replace(/^(the|some|many|a|an)\s+(?!(?:in|at|of|from|across|around)\s)/i, "").trim();
    return { kind, name, roles: new Set() };
  }

  addMention(span: Span, entity: Entity, resolution: SpeakerResolution, antecedent?: Span): EntityMention {
    const key = `${span.start}:${span.end}`;
    const existing = this.bySpan.get(key);
    if (existing) return existing;
    const mention: EntityMention = {
      ...span,
      entity,
      sentence: this.sentenceOf(span.start),
      resolution,
      antecedent,
    };
    this.bySpan.set(key, mention);
    entity.lastSeen = this.seen++;
    if (resolution === "name" || resolution === "alias") this.applyHints(entity, span);
    insertSorted(this.mentions, mention);
    const inSentence = this.bySentence.get(mention.sentence) ?? [];
    insertSorted(inSentence, mention);
    this.bySentence.set(mention.sentence, inSentence);
    return mention;
  }

  mentionAt(span: Span): EntityMention | undefined {
    return this.bySpan.get(`${span.start}:${span.end}`);
  }

  /**
   * Candidates for a pronoun or description at `offset`: mentions earlier in the same sentence left to
   * right, then earlier sentences (most recent first), each left to right.
   */
  *candidates(offset: number): Generator<EntityMention> {
    const sentence = this.sentenceOf(offset);
    for (let s = sentence; s >= Math.max(0, sentence - 8); s--) {
      for (const m of this.bySentence.get(s) ?? []) if (m.end <= offset) yield m;
    }
  }

  resolvePronoun(offset: number, pronoun: string, span?: Span): EntityMention | undefined {
    const kind = PRONOUNS.get(pronoun) ?? POSSESSIVES.get(pronoun);
    for (const m of this.candidates(offset)) {
      const e = m.entity;
      if (kind === "male" || kind === "female") {
        if (e.kind === "person" && (e.gender === undefined || e.gender === kind))
          return span ? this.secondOpinion(span, kind, m) : m;
      } else if (kind === "group") {
        // "Guild officials said ... They said": plural people standing for an organisation count too.
        if (e.kind === "group" || (m.resolution === "description" && /s$/i.test(this.doc.slice(m).trim())))
          return m;
      } else if (kind === "thing") {
        if (e.kind === "organization") return m;
      } else if (kind === "relative") {
        // "Smith, who said": the nearest mention in the same sentence (an appositive may sit between:
        // "Smith, a former aide who said"); "who" wants a person or group, "which" an organisation.
        const sentence = this.sentenceOf(offset);
        const before = (this.bySentence.get(sentence) ?? []).filter((c) => c.end <= offset);
        const fit = before.filter((c) =>
          pronoun === "who" ? c.entity.kind !== "organization" : c.entity.kind === "organization",
        );
        const nearest = fit.at(-1);
        const tentative = pronoun === "who" ? this.tentativeInSentence(offset) : undefined;
        if (tentative && (!nearest || tentative.span.start > nearest.start)) {
          this.confirm(tentative);
          return this.mentionAt(tentative.span);
        }
        return nearest;
      }
    }
    return undefined;
  }

  /**
   * The Hobbs-style choice, checked by the pronoun model (src/nlp/coref, trained on GAP) when a second
   * person of compatible gender was named in the same or the previous sentence: the model decides
   * between the latest mentions of the two only when it is confident, otherwise the subject-first rule stands.
   */
  private secondOpinion(span: Span, gender: Gender, chosen: EntityMention): EntityMention {
    if (!this.useCorefModel) return chosen;
    const sentence = this.sentenceOf(span.start);
    const rival = [...(this.bySentence.get(sentence) ?? []), ...(this.bySentence.get(sentence - 1) ?? [])]
      .filter(
        (m) =>
          m.end <= span.start &&
          m.entity !== chosen.entity &&
          m.entity.kind === "person" &&
          (m.entity.gender === undefined || m.entity.gender === gender) &&
          (m.resolution === "name" || m.resolution === "alias"),
      )
      .at(-1);
    if (!rival) return chosen;
    const chosenName = this.mentions.findLast(
      (m) =>
        m.entity === chosen.entity &&
        m.end <= span.start &&
        (m.resolution === "name" || m.resolution === "alias"),
    );
    if (!chosenName) return chosen;
    // The model reads a local window: the two sentences before the pronoun and the pronoun's own.
    const from = Math.min(
      chosenName.start,
      rival.start,
      this.doc.sentences[Math.max(0, sentence - 1)]?.start ?? 0,
    );
    const to = this.doc.sentences[sentence]?.end ?? span.end;
    const window = this.doc.text.slice(from, to);
    const shift = (m: Span) => ({ start: m.start - from, end: m.end - from });
    const candidates = [chosenName, rival].map((m) => ({ ...shift(m), name: m.entity.name }));
    const result = resolveCorefPronoun(window, shift(span), candidates);
    if (result.candidate === 1 && result.scores[1] >= COREF_CONFIDENCE) return rival;
    return chosen;
  }

  /** "the elder Farrow" is the namesake without "Jr."; "the younger Farrow" the one with it. */
  generation(offset: number, surname: string, younger: boolean): EntityMention | undefined {
    const people = this.peopleBySurname.get(surname) ?? [];
    const isJunior = (e: Entity) => /^jr\.?$/i.test(e.parsed?.suffix ?? "");
    const wanted = people.filter((e) => isJunior(e) === younger);
    if (wanted.length === 0) {
      const tentative = (this.tentative.get(surname) ?? []).filter(
        (t) => t.span.end <= offset && /^jr\.?$/i.test(t.parsed.suffix ?? "") === younger,
      );
      if (tentative.length === 1) wanted.push(this.confirm(tentative[0]));
    }
    if (wanted.length !== 1) return undefined;
    return this.mentions.findLast((m) => m.entity === wanted[0] && m.end <= offset);
  }

  /** "the president", "the senator": the latest person seen with that role. */
  resolveRole(offset: number, noun: string, modifiers: readonly string[] = []): EntityMention | undefined {
    // A role noun points back within the article's recent text, not to any earlier namesake.
    const oldest = this.sentenceOf(offset) - ROLE_WINDOW_SENTENCES;
    for (let k = this.mentions.length - 1; k >= 0 && this.mentions[k].sentence >= oldest; k--) {
      const m = this.mentions[k];
      if (m.end <= offset && m.entity.kind === "person" && sameRole(m.entity, noun, modifiers)) return m;
    }
    return undefined;
  }

  /**
   * "It has been a long week for Jo Bell. On Monday, the minister ...": a description with no person of
   * that role on record re-names the person just mentioned, if that person's role is still unknown.
   */
  resolveUnknownRole(offset: number): EntityMention | undefined {
    const oldest = this.sentenceOf(offset) - DESCRIPTION_FALLBACK_SENTENCES;
    let found: EntityMention | undefined;
    for (let k = this.mentions.length - 1; k >= 0 && this.mentions[k].sentence >= oldest; k--) {
      const m = this.mentions[k];
      if (m.end > offset) continue;
      if (m.entity.kind === "person" && m.entity.roles.size === 0 && m.entity.parsed?.first) {
        // Two such people in reach ("Bell and Quill met ... the minister said") make it a coin flip
        // (on PolNeAR train such picks were plausible half the time): better left unresolved.
        if (found && found.entity !== m.entity) return undefined;
        found ??= m;
      }
    }
    const tentative = this.tentativeList.findLast(
      (t) => t.span.end <= offset && this.sentenceOf(t.span.start) >= oldest,
    );
    // A capitalised run not yet known as a person counts as the second candidate too.
    if (tentative && found) return undefined;
    if (tentative) {
      this.confirm(tentative);
      return this.mentionAt(tentative.span);
    }
    return found;
  }

  /** "the ministry", "Guild officials": the latest organisation whose name holds the noun. */
  resolveOrganization(offset: number, noun: string, capitalizedOnly = false): EntityMention | undefined {
    const oldest = this.sentenceOf(offset) - ROLE_WINDOW_SENTENCES;
    for (let k = this.mentions.length - 1; k >= 0 && this.mentions[k].sentence >= oldest; k--) {
      const m = this.mentions[k];
      if (m.end > offset || m.entity.kind !== "organization") continue;
      const words = m.entity.name.split(/\s+/).map((w) => w.replace(/['’]s?$/, ""));
      const hit = words.some((w) => (capitalizedOnly ? w : w.toLowerCase()) === noun);
      if (hit) return m;
    }
    return undefined;
  }

  /** "The statement said": the speaker of the latest attribution in the last few sentences. */
  previousSpeakerMention(offset: number): EntityMention | undefined {
    const oldest = this.sentenceOf(offset) - DOCUMENT_WINDOW_SENTENCES;
    for (let k = this.mentions.length - 1; k >= 0 && this.mentions[k].sentence >= oldest; k--) {
      const m = this.mentions[k];
      if (m.end <= offset && m.isSource && m.entity.kind !== "group") return m;
    }
    return undefined;
  }
}

/** Inserts a mention keeping text order; mentions arrive almost in order, so search from the end. */
function insertSorted(list: EntityMention[], mention: EntityMention): void {
  let at = list.length;
  while (at > 0 && list[at - 1].start > mention.start) at--;
  list.splice(at, 0, mention);
}

function speakerOf(mention: EntityMention): Speaker {
  const e = mention.entity;
  const speaker: Speaker = { name: e.name, kind: e.kind, resolution: mention.resolution };
  if (mention.antecedent) speaker.mention = mention.antecedent;
  if (e.roles.size > 0) speaker.roles = [...e.roles];
  if (e.party) speaker.party = e.party;
  if (e.state) speaker.state = e.state;
  return speaker;
}

/** The head noun of a description ("senior administration officials" → "officials"). */
function headNoun(text: string): string {
  const words = text
    .toLowerCase()
    // "officials in Norvale", "aides to the governor": the head comes before the prepositional phrase.
    .replace(/\s+(?:in|at|from|to|with|close to|familiar with)\s.*$/, "")
    .replace(/['’]s$/, "")
    .split(/\s+/);
  // "the former secretary of state", "the director of national intelligence": a lowercase role before
  // "of" is the head; elsewhere ("dozens of officials") the noun after it is. Capitalised, it is a
  // title before a name ("Director of National Intelligence Dan Coats").
  const of = words.indexOf("of");
  if (of > 0 && isRoleHead(words[of - 1]) && !/\p{Lu}/u.test(text.split(/\s+/)[of - 1] ?? ""))
    return words[of - 1];
  return words[words.length - 1] ?? "";
}

/** Words of a description before its head noun, without articles ("the guild leader" → ["guild"]). */
function modifiersOf(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/['’]s$/, "")
    .split(/\s+/)
    .filter((w) => !/^(the|a|an|some|many|one|two|three|several)$/.test(w));
  return words.slice(0, -1);
}

/** The mention for a source resolved through another mention (a pronoun or a description). */
function linked(
  resolver: Resolver,
  source: Span,
  found: EntityMention,
  resolution: SpeakerResolution,
): Speaker {
  const antecedent = found.antecedent ?? { start: found.start, end: found.end };
  const m = resolver.addMention(source, found.entity, resolution, antecedent);
  m.isSource = true;
  return { ...speakerOf(found), resolution, mention: antecedent };
}

/** The source span, extended to a name that the extractor cut short ("the Ministry of Trade| and Ports"). */
function extendToName(names: readonly Span[], source: Span): Span {
  const longer = names.find(
    (n) => n.start < source.end && n.end > source.start && (n.end > source.end || n.start < source.start),
  );
  return longer
    ? { start: Math.min(source.start, longer.start), end: Math.max(source.end, longer.end) }
    : source;
}

/**
 * The part of a source span that names the speaker: an appositive or relative clause after a name is
 * cut ("Sen. Ilse Varga (N-Ash.), who leads the party," → "Sen. Ilse Varga (N-Ash.)"), and a source the
 * extractor cut short inside a group phrase is widened to it ("Administration" → "Administration officials").
 */
function coreOfSource(doc: Doc, source: Span, groups: readonly Span[]): Span {
  const raw = doc.slice(source);
  const start = source.start + (raw.length - raw.trimStart().length);
  const end = source.start + raw.trimEnd().length;
  // "Voss herself", "He instead", "Vey still": an intensifier or adverb the extractor took along is
  // no part of the name.
  const trailing = /(?:\s+\p{Ll}+)+$/u.exec(doc.text.slice(start, end));
  const adverbs = trailing?.[0].trim().split(/\s+/) ?? [];
  const strip =
    trailing && adverbs.every((w) => TRAILING_ADVERBS.has(w) || VERB_GROUP_FILLERS.has(w)) ? trailing[0] : "";
  let core = { start, end: end - strip.length };
  let text = doc.text.slice(start, core.end);
  // "Orrin in October", "Jo Bell at the summit": a capitalised name ends where a time or place phrase starts.
  const phrase =
    /^((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*)\s+(?:in|at|during|via|on|last|this|earlier)\s/u.exec(
      text,
    );
  const phraseWords = phrase?.[1].toLowerCase().split(/\s+/) ?? [];
  if (
    phrase &&
    !ORGANIZATION_HEADS.has(phraseWords.at(-1) ?? "") &&
    // "Many in Port Ellery", "Officials at the port": a description, not a name, before the phrase.
    !phraseWords.some((w) => speakerNounKind(w) !== undefined || NOT_NAMES.has(w))
  ) {
    core = { start, end: start + phrase[1].length };
    text = phrase[1];
  }
  // "Public companies such as A and B": the examples are not the speaker.
  const examples = /\s+(?:such as|including|like)\s/.exec(text);
  if (
    examples &&
    /^\p{Ll}/u.test(
      text
        .replace(/^(?:the|a|an)\s+/i, "")
        .split(/\s+/)
        .at(-1) ?? "",
    )
  ) {
    core = { start, end: start + examples.index };
    text = text.slice(0, examples.index);
  }
  // A dash sets off an appositive as a comma does ("Ada Quill — project manager for ...").
  const comma = text.search(/,\s|\s(?:[—–]|--)\s/);
  // A description then the name in apposition ("A ministry spokeswoman, Dalia Renner"): the name speaks.
  // ("The committee's chairwoman, Sen. Nadia Ferrante (L-Norv.)": a party tag stays with the name.)
  const named =
    /^(?:(?:[Aa]n?|[Tt]he)\s+)?\p{Ll}[^,]*,\s+(\p{Lu}[\p{L}.'’ -]*?(?:\s*\([^()]*\))?)\s*(?:,|$)/u.exec(text);
  if (named?.[1] && parseName(named[1]).first) {
    const offset = start + text.indexOf(named[1], comma);
    core = { start: offset, end: offset + named[1].length };
  } else if (comma > 0 && /^\p{Lu}/u.test(text.slice(0, comma).replace(/^the\s+/i, ""))) {
    core = { start, end: start + comma };
  } else if (
    comma > 0 &&
    ["person", "group"].includes(
      speakerNounKind(text.slice(0, comma).split(/\s+/).at(-1)?.toLowerCase() ?? "") ?? "",
    )
  ) {
    // "one legal expert, as reported by the Independent": the speaker is the description before the comma.
    core = { start, end: start + comma };
  }
  const group = groups.find((g) => g.start <= core.start && g.end > core.end && g.start < core.end);
  return group ? { start: core.start, end: group.end } : core;
}

/** Adverbs that an extractor leaves at the end of a source ("He instead said", "Vey still says"). */
const TRAILING_ADVERBS = new Set(
  words(`
  instead very still also too however alone both all himself herself themselves itself
`),
);

/** Words a speaker's phrase does not start with, or end with: a source cut in the wrong place. */
const SLIP_FIRST = new Set("of to for with by who which that how having being".split(" "));
const SLIP_LAST = new Set("the a an of to for with by and or how who which that".split(" "));

/**
 * A source span that cannot name a speaker ("of anonymity", "who opposes the", "having", a lone
 * lowercase word such as "attack"): the extractor slipped, and a junk entry in the registry would be
 * worse than leaving the statement unresolved.
 */
function isExtractionSlip(text: string): boolean {
  const lower = text.toLowerCase();
  if (PRONOUNS.has(lower) || POSSESSIVES.has(lower)) return false;
  const words = lower.split(/\s+/);
  if (SLIP_FIRST.has(words[0]) || SLIP_LAST.has(words[words.length - 1])) return true;
  return words.length === 1 && /^\p{Ll}+$/u.test(text) && speakerNounKind(lower) === undefined;
}

/** Words that open a page element rather than name a speaker ("Note:", "Disclaimer:", "Q:"). */
const LABELS = new Set(
  words(`
  note summary disclaimer disclosure update correction editor's one never why
`),
);

/** A one-word source that cannot be a speaker: a label, a sentence adverb or a lone capital letter. */
function isLabel(text: string): boolean {
  if (/\s/.test(text)) return false;
  const lower = text.toLowerCase();
  if (PRONOUNS.has(lower) || POSSESSIVES.has(lower)) return false;
  if (speakerNounKind(lower) !== undefined) return false;
  return /^\p{Lu}$/u.test(text) || LABELS.has(lower) || (/^\p{Lu}/u.test(text) && NOT_NAMES.has(lower));
}

/**
 * A lowercase role before a name ("athletic director Jo Bell", "the 14th-ranked Bell", "firm JP
 * Morgan"): the name speaks, the words before it describe it. Returns the speaker, or undefined when the
 * source does not end in a name.
 */
function describedName(resolver: Resolver, core: Span, text: string): Speaker | null | undefined {
  if (!/^\p{Ll}/u.test(text)) return undefined;
  const words = text.split(/\s+/);
  let first = words.length;
  while (first > 0 && /^\p{Lu}/u.test(words[first - 1])) first--;
  if (first === words.length || first === 0) return undefined;
  // Only a role, a modifier or an organisation noun describes the name ("host", "14th-ranked",
  // "firm"); "the league to suspend Garrett" or "friends of Mike Ford" is about someone else.
  const before = words.slice(0, first).map((w) => w.toLowerCase());
  const describer = before[before.length - 1];
  const describes =
    isRoleHead(describer) || speakerNounKind(describer) === "organization" || /\d|-\p{Ll}+$/u.test(describer);
  if (!describes || before.length > 5 || before.some((w) => DESCRIPTION_BREAKS.has(w))) return undefined;
  const name = words.slice(first).join(" ");
  const nameStart = core.start + text.lastIndexOf(name);
  const nameSpan = { start: nameStart, end: nameStart + name.length };
  const noun = words[first - 1].toLowerCase();
  let found: { entity: Entity; resolution: SpeakerResolution } | null = null;
  if (speakerNounKind(noun) === "organization" || organizationLike(name))
    found = { entity: resolver.organization(name), resolution: "name" };
  else if (parseName(text).first) found = resolver.nameEntity(core, true);
  else found = resolver.knownPerson(name, core.start);
  if (!found) return undefined;
  const m = resolver.addMention(core, found.entity, found.resolution);
  m.isSource = true;
  resolver.addRolesAround(found.entity, nameSpan);
  return speakerOf(m);
}

/** Words that put a name outside a description: "friends of X", "the league to suspend X", "X and Y". */
const DESCRIPTION_BREAKS = new Set(
  words("of to than by from for with and or at in on as like about against"),
);

/** Two names joined by "and" ("Sens. Jo Bell (D-Md.) and Al Roy (R-Fla.)"): their spans in `text`. */
function namePair(text: string): [Span, Span] | null {
  const and = text.indexOf(" and ");
  if (and < 0 || text.indexOf(" and ", and + 1) >= 0) return null;
  // "both Volk and Marren": "both" only marks the pair.
  const from = /^both\s+/i.exec(text)?.[0].length ?? 0;
  const left = text.slice(from, and);
  const right = text.slice(and + 5);
  // Surnames alone count ("Volk and Marren", "Ida and Tova"): one person is never "X and Y".
  const isName = (part: string) =>
    part.split(/\s+/).length <= 5 &&
    part.split(/\s+/).every((w) => /^[\p{Lu}(]/u.test(w) || SURNAME_PARTICLES.has(w)) &&
    (GOVERNMENT_PLACES.has(part) || (!!parseName(part).last && !organizationLike(part)));
  if (!isName(left) || !isName(right) || /\bof$/.test(left)) return null;
  // "Harbour and Fisheries Minister Orla Fenwick": a lone word before a titled name joins the title.
  if (!/\s/.test(left) && parseName(right).roles.length > 0) return null;
  return [
    { start: from, end: and },
    { start: and + 5, end: text.length },
  ];
}

/**
 * A lowercase source with the determiner and modifiers the extractor left out: "office" in "The
 * governor's office said" → "The governor's office". Only lowercase and possessive words are taken.
 */
function descriptionPhrase(doc: Doc, source: Span, text: string): string {
  if (!/^\p{Ll}/u.test(text)) return text;
  const before = doc.text.slice(Math.max(0, source.start - 40), source.start);
  const lead = /\b(the\s+(?:[\p{Ll}'’-]+\s+){0,4})$/iu.exec(before);
  return lead ? lead[1] + text : text;
}

/** Resolves one source span to a speaker, adding a mention for it. */
function resolveSource(
  resolver: Resolver,
  source: Span,
  owner: Attribution,
  names: readonly Span[],
  groups: readonly Span[] = [],
): Speaker | null {
  const doc = resolver.doc;
  const core = coreOfSource(doc, source, groups);
  const text = doc.slice(core).trim();
  // "We’ve", "You’re", "I’m": a pronoun with its verb contracted onto it is still the pronoun.
  const lowerText = text.toLowerCase().replace(/^(i|you|we|they|he|she|it)['’](?:ve|re|ll|d|m|s)$/, "$1");
  if (isExtractionSlip(text) || isLabel(text)) return null;
  const pair = namePair(text);
  if (pair) {
    // "Sens. Jo Bell (D-Md.) and Al Roy (R-Fla.)": both are people; the statement is theirs jointly.
    const spans = pair.map((part) => ({ start: core.start + part.start, end: core.start + part.end }));
    const people = spans.map((span) => resolver.nameEntity(span, true));
    if (people.every((p) => p !== null)) {
      // Each is also mentioned on their own, so a later "the Republican senator" can find them.
      people.forEach((p, i) => {
        if (p) resolver.addMention(spans[i], p.entity, p.resolution);
      });
      const name = people.map((p) => p?.entity.name).join(" and ");
      const m = resolver.addMention(source, resolver.description(name, "group"), "name");
      m.isSource = true;
      return speakerOf(m);
    }
  }
  if (PRONOUNS.has(lowerText) || POSSESSIVES.has(lowerText)) {
    if (lowerText === "i" || lowerText === "we") {
      // First person outside a quote is the author; inside a quote, the quote's speaker.
      const quote = doc.attributions.find(
        (a) =>
          a !== owner && a.speaker && a.content.some((c) => c.start <= source.start && source.end <= c.end),
      );
      if (quote?.speaker) return { ...quote.speaker, resolution: "first-person" };
      return null;
    }
    const found = resolver.resolvePronoun(core.start, lowerText, core);
    if (!found) {
      // An unresolved "they" names nobody; a speaker called "They" would only pollute the registry.
      return null;
    }
    // A gendered pronoun tells the gender of a person whose name did not ("Jo Bell ... she said").
    const gender = PRONOUNS.get(lowerText) ?? POSSESSIVES.get(lowerText);
    if ((gender === "male" || gender === "female") && found.entity.kind === "person")
      found.entity.gender ??= gender;
    return linked(resolver, source, found, "pronoun");
  }
  // "the elder Farrow", "the younger Farrow": father and son share the name but not the suffix.
  const generation = /^the\s+(elder|younger)\s+(\p{Lu}[\p{L}'’-]+)$/iu.exec(text);
  if (generation) {
    const found = resolver.generation(source.start, generation[2], generation[1].toLowerCase() === "younger");
    if (found) return linked(resolver, source, found, "alias");
  }
  // "the governor's office": an office speaks for the person holding the role, named after them.
  const office = /^the\s+([\p{Ll}-]+)['’]s\s+(office|staff|campaign|team)$/iu.exec(
    descriptionPhrase(doc, source, text),
  );
  if (office) {
    const holder = resolver.resolveRole(source.start, office[1].toLowerCase());
    if (holder) {
      const noun = office[2].toLowerCase();
      const name = `${noun[0].toUpperCase()}${noun.slice(1)} of ${holder.entity.name}`;
      const m = resolver.addMention(source, resolver.organization(name), "description");
      m.isSource = true;
      return { ...speakerOf(m), mention: { start: holder.start, end: holder.end } };
    }
  }
  const described = describedName(resolver, core, text);
  if (described !== undefined) return described;
  const nameSpan = extendToName(names, core);
  const nameText = doc.slice(nameSpan).trim();
  // A name inside the source ("Director of National Intelligence Dan Coats", "Trump campaign").
  // "His program on Wednesday" is a description, capitalised only by its place in the sentence.
  const capitalized =
    /^\p{Lu}/u.test(text.replace(/^(the|a|an)\s+/i, "")) &&
    !POSSESSIVES.has(text.split(/\s+/)[0].toLowerCase());
  const head = headNoun(text);
  const modifiers = modifiersOf(text);
  const nounKind = speakerNounKind(head);
  // "the statement said" speaks for the last speaker; "The Harbor Post" is a newspaper's name.
  if (DOCUMENT_NOUNS.has(head) && !capitalized) {
    const found = resolver.previousSpeakerMention(source.start);
    if (found) return linked(resolver, source, found, "description");
  }
  if (
    (capitalized && organizationLike(nameText)) ||
    (capitalized && nounKind === "organization" && !/^the\s/i.test(text))
  ) {
    const m = resolver.addMention(source, resolver.organization(nameText), "name");
    m.isSource = true;
    return speakerOf(m);
  }
  // A name does not end in a lowercase word: "Port employers" at a sentence start is a noun phrase.
  // "Mr. King", "Dr. Judge": an honorific makes a name of a word that is also a role noun.
  const honorific = /^(?:mr|mrs|ms|dr|miss)\.?\s+\p{Lu}/iu.test(text);
  if (capitalized && (!nounKind || honorific) && !/^\p{Ll}+$/u.test(nameText.split(/\s+/).at(-1) ?? "")) {
    const found = resolver.nameEntity(nameSpan, true);
    if (found) {
      const m = resolver.addMention(source, found.entity, found.resolution);
      m.isSource = true;
      resolver.addRolesAround(found.entity, nameSpan);
      return speakerOf(m);
    }
  }
  if (nounKind === "group") {
    // "Ministry officials", "Guild officials": a capitalised modifier naming an organisation in the article.
    // The words before the head, not those of a place after it ("Many in Port Ellery").
    const original = text
      .replace(/\s+(?:in|at|from|to|with|of|across|around)\s.*$/, "")
      .split(/\s+/)
      .slice(0, -1);
    for (const word of original) {
      if (!/^\p{Lu}/u.test(word) || /^(The|A|An|Some|Many)$/.test(word)) continue;
      // "Swiss scientists", "US officials": a nationality is not an organisation they speak for.
      const bareWord = word.replace(/['’]s?$/, "");
      if (isPlaceWord(bareWord) || GOVERNMENT_PLACES.has(bareWord)) continue;
      const org = resolver.resolveOrganization(source.start, word.replace(/['’]s?$/, ""), true);
      if (org) return linked(resolver, source, org, "description");
    }
  }
  // "the US lawyers", "Health bosses", "Both companies": an unlisted plural head is a group of speakers.
  if (!nounKind && /[^su'’]s$/.test(head)) {
    const m = resolver.addMention(source, resolver.description(text, "group"), "description");
    m.isSource = true;
    return speakerOf(m);
  }
  // "His doctor": a possessed singular noun is one person, like a capitalised unknown head.
  const possessed = POSSESSIVES.has(text.split(/\s+/)[0].toLowerCase());
  if (
    nounKind === "person" ||
    ((capitalized || possessed) && nounKind !== "group" && nounKind !== "organization")
  ) {
    const byRole = resolver.resolveRole(source.start, head, modifiers);
    if (byRole) return linked(resolver, source, byRole, "description");
    // Only a definite description ("the minister") re-names someone; "a spokesman", "one official" do not.
    const before = doc.text.slice(Math.max(0, source.start - 40), source.start);
    const definite =
      /^the\s/i.test(text) || (/^\p{Ll}/u.test(text) && /\bthe\s+(?:[\p{Ll}'’-]+\s+){0,4}$/iu.test(before));
    // A proper-noun qualifier ("the Indiana governor", "the FBI director"; party words aside) names one
    // particular office; the person just mentioned is then rarely its holder, so it stays unresolved.
    const qualified = text
      .split(/\s+/)
      .slice(0, -1)
      .some(
        (word) => /^\p{Lu}/u.test(word) && !/^(The|A|An)$/.test(word) && !PARTY_WORDS[word.toLowerCase()],
      );
    const found =
      definite && !qualified && isRoleHead(head) ? resolver.resolveUnknownRole(source.start) : undefined;
    if (found) {
      // The description is a role the person holds ("the trade and ports minister").
      const phrase = doc.text.slice(
        source.start -
          (/^\p{Ll}/u.test(text)
            ? (/\bthe\s+((?:[\p{Ll}'’-]+\s+){0,4})$/iu.exec(before)?.[1].length ?? 0)
            : 0),
        source.end,
      );
      found.entity.roles.add(phrase.replace(/^(the|a|an)\s+/i, "").trim());
      return linked(resolver, source, found, "description");
    }
    const m = resolver.addMention(source, resolver.description(text, "person"), "description");
    m.isSource = true;
    return speakerOf(m);
  }
  if (nounKind === "organization") {
    const found = resolver.resolveOrganization(source.start, head);
    if (found) return linked(resolver, source, found, "description");
    const m = resolver.addMention(source, resolver.organization(text), "description");
    m.isSource = true;
    return speakerOf(m);
  }
  const m = resolver.addMention(source, resolver.description(text, "group"), "description");
  m.isSource = true;
  return speakerOf(m);
}

/** Hover-card full names per canonical name, from the last `resolveSpeakers` run on a doc. */
const hintAliasesByDoc = new WeakMap<Doc, Map<string, string[]>>();

/** Full names known for the doc's people from outside the prose (hover cards), by canonical name. */
export function hintAliases(doc: Doc): ReadonlyMap<string, readonly string[]> {
  return hintAliasesByDoc.get(doc) ?? new Map();
}

export function resolveSpeakers(doc: Doc, options: SpeakerOptions = {}): void {
  const sources = doc.attributions
    .map((attribution, index) => ({ attribution, index }))
    .filter((x) => x.attribution.source)
    .sort((a, b) => (a.attribution.source?.start ?? 0) - (b.attribution.source?.start ?? 0));
  const groups = groupCandidates(doc);
  const candidates = nameCandidates(doc).filter((span) => !insideAny(groups, span.start));
  const resolver = new Resolver(doc, candidates, options);
  const sourceSpans = mergeSpans(
    sources.map((s) => s.attribution.source).filter((span): span is Span => span !== null),
  );
  const overlapsSource = (span: Span) => overlapsAny(sourceSpans, span);
  // Walk names, groups and sources in text order, so every resolution sees only what came before it.
  // Names inside a source are resolved with the source itself.
  type Event = { offset: number; kind: "name" | "group" | "source"; span: Span; attribution?: Attribution };
  const events: Event[] = [
    ...candidates
      .filter((span) => !overlapsSource(span))
      .map((span): Event => ({ offset: span.start, kind: "name", span })),
    ...groups
      .filter((span) => !overlapsSource(span))
      .map((span): Event => ({ offset: span.start, kind: "group", span })),
    ...sources.map(
      ({ attribution }): Event => ({
        offset: attribution.source?.start ?? 0,
        kind: "source",
        span: attribution.source ?? { start: 0, end: 0 },
        attribution,
      }),
    ),
  ].sort((a, b) => a.offset - b.offset || (a.kind === "source" ? 1 : 0) - (b.kind === "source" ? 1 : 0));
  for (const event of events) {
    if (event.kind === "group") {
      resolver.addMention(event.span, resolver.description(doc.slice(event.span), "group"), "description");
      continue;
    }
    if (event.kind === "name") {
      const found = resolver.nameEntity(event.span, false);
      if (found) {
        resolver.addMention(event.span, found.entity, found.resolution);
        resolver.addRolesAround(found.entity, event.span);
      } else resolver.addTentative(event.span);
      continue;
    }
    const attribution = event.attribution;
    if (!attribution?.source) continue;
    attribution.speaker = resolveSource(resolver, attribution.source, attribution, candidates, groups);
  }
  doc.mentions = resolver.mentions.map(
    (m): Mention => ({
      start: m.start,
      end: m.end,
      name: m.entity.name,
      kind: m.entity.kind,
      resolution: m.resolution,
    }),
  );
  const aliases = new Map<string, string[]>();
  for (const m of resolver.mentions)
    if (m.entity.hintAliases) aliases.set(m.entity.name, [...m.entity.hintAliases]);
  hintAliasesByDoc.set(doc, aliases);
  // Entities may have gained a fuller name after an attribution was resolved: refresh the names.
  for (const attribution of doc.attributions) {
    const speaker = attribution.speaker;
    if (!speaker || !attribution.source) continue;
    const mention = resolver.mentionAt(attribution.source);
    if (mention) {
      speaker.name = mention.entity.name;
      if (mention.entity.roles.size > 0) speaker.roles = [...mention.entity.roles];
      if (mention.entity.party) speaker.party = mention.entity.party;
      if (mention.entity.state) speaker.state = mention.entity.state;
    }
  }
}

export const speakers: Component = {
  name: "speakers",
  run(doc: Doc) {
    resolveSpeakers(doc);
  },
};
