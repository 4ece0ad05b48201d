import type { Attribution, Component, Doc, Mention, Span, Speaker, SpeakerResolution, Token } from "./doc.ts";
import {
  FIRST_NAME_GENDER,
  NAME_SUFFIXES,
  ORGANIZATION_HEADS,
  ORGANIZATION_NAMES,
  POSSESSIVES,
  PRONOUNS,
  SOURCE_NOUNS,
  SURNAME_PARTICLES,
  TITLES,
  words,
} from "./lexicon.ts";
import { keyOf, type ParsedName, parseName } from "./names.ts";

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
}

interface EntityMention extends Span {
  entity: Entity;
  sentence: number;
  resolution: SpeakerResolution;
  /** The span of the name this mention resolved to (for pronouns and descriptions). */
  antecedent?: Span;
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

/** How many sentences back "the senator" may look for a senator (a long news article is ~60). */
const ROLE_WINDOW_SENTENCES = 80;

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

/** Sorted, disjoint union of spans. */
function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** True when `span` overlaps one of the sorted, disjoint `spans` (binary search). */
function overlapsAny(spans: readonly Span[], span: Span): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo].start < span.end;
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
      else if (next.text === "(" && /^[RDI]-/.test(tokens[j + 2]?.text ?? "")) {
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
  const words = lowerText.split(/\s+/);
  // "Senate Intelligence Committee" ends with its kind; "Ministry of Finance" starts with it.
  if (words.length > 2 && words[1] === "of" && ORGANIZATION_HEADS.has(words[0])) return true;
  if (words.length > 0 && ORGANIZATION_HEADS.has(words[words.length - 1])) return true;
  // "the Roper Center for Public Opinion Research": an organisation word inside a capitalised name,
  // unless the name is a person's ("House Speaker Paul Ryan" has a known given name).
  const capitalized = bare
    .split(/\s+/)
    .every((w) => /^[\p{Lu}\d(&]/u.test(w) || /^(of|for|and|on|the)$/.test(w));
  const personal =
    words.some((w) => FIRST_NAME_GENDER.has(w)) || words.some((w) => TITLES.has(w) && w !== "house");
  return capitalized && !personal && words.some((w) => ORGANIZATION_HEADS.has(w));
}

function sameRole(entity: Entity, noun: string): boolean {
  const wanted = ROLE_SYNONYMS[noun] ?? noun;
  for (const role of entity.roles) if (roleWords(role).includes(wanted)) return true;
  return false;
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
  private seen = 0;

  constructor(doc: Doc) {
    this.doc = doc;
    this.sentenceStarts = doc.sentences.map((s) => s.start);
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
    const parsed = parseName(text);
    if (!parsed.last) return null;
    const key = keyOf(parsed) ?? parsed.last;
    const hasTitle = parsed.roles.some((role) => role.split(" ").some((w) => TITLES.has(w.toLowerCase())));
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
    if (!known && !asSource) return null;
    const entity: Entity = { kind: "person", name: key, parsed, roles: new Set() };
    this.absorb(entity, parsed);
    const namesakes = this.peopleBySurname.get(parsed.last) ?? [];
    namesakes.push(entity);
    this.peopleBySurname.set(parsed.last, namesakes);
    return { entity, resolution: "name" };
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
    const name = text
      .replace(/^(the|a|an)\s+/i, "")
      .replace(/['’]s$/, "")
      .trim();
    const existing = this.organizations.get(name.toLowerCase());
    if (existing) return existing;
    const entity: Entity = { kind: "organization", name, roles: new Set() };
    this.organizations.set(name.toLowerCase(), entity);
    return entity;
  }

  /** A speaker known only by a description ("officials", "a spokesman"): one entity per mention. */
  description(text: string, kind: Speaker["kind"]): Entity {
    const name = text.replace(/^(the|some|many|a|an)\s+/i, "").trim();
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

  resolvePronoun(offset: number, pronoun: string): EntityMention | undefined {
    const kind = PRONOUNS.get(pronoun) ?? POSSESSIVES.get(pronoun);
    for (const m of this.candidates(offset)) {
      const e = m.entity;
      if (kind === "male" || kind === "female") {
        if (e.kind === "person" && (e.gender === undefined || e.gender === kind)) return m;
      } else if (kind === "group") {
        if (e.kind === "group") return m;
      } else if (kind === "thing") {
        if (e.kind === "organization") return m;
      } else if (kind === "relative") {
        // "Smith, who said": the nearest mention in the same sentence.
        const sentence = this.sentenceOf(offset);
        return (this.bySentence.get(sentence) ?? []).filter((c) => c.end <= offset).at(-1);
      }
    }
    return undefined;
  }

  /** "the president", "the senator": the latest person seen with that role. */
  resolveRole(offset: number, noun: string): EntityMention | undefined {
    // A role noun points back within the article's recent text, not to any earlier namesake.
    const oldest = this.sentenceOf(offset) - ROLE_WINDOW_SENTENCES;
    for (let k = this.mentions.length - 1; k >= 0 && this.mentions[k].sentence >= oldest; k--) {
      const m = this.mentions[k];
      if (m.end <= offset && m.entity.kind === "person" && sameRole(m.entity, noun)) return m;
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
    .replace(/['’]s$/, "")
    .split(/\s+/);
  return words[words.length - 1] ?? "";
}

/** Resolves one source span to a speaker, adding a mention for it. */
function resolveSource(resolver: Resolver, source: Span, owner?: Attribution): Speaker | null {
  const doc = resolver.doc;
  const text = doc.slice(source).trim();
  const lowerText = text.toLowerCase();
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
    const found = resolver.resolvePronoun(source.start, lowerText);
    if (!found) {
      if (PRONOUNS.get(lowerText) === "group") return { name: text, kind: "group", resolution: "pronoun" };
      return null;
    }
    const antecedent = found.antecedent ?? { start: found.start, end: found.end };
    resolver.addMention(source, found.entity, "pronoun", antecedent);
    return { ...speakerOf(found), resolution: "pronoun", mention: antecedent };
  }
  // A name inside the source ("Director of National Intelligence Dan Coats", "Trump campaign").
  const capitalized = /^(the\s+)?\p{Lu}/u.test(text) && !/^(the|a|an)\s+\p{Ll}/u.test(text);
  const head = headNoun(text);
  const nounKind = SOURCE_NOUNS.get(head);
  if (organizationLike(text) || (capitalized && nounKind === "organization")) {
    const entity = resolver.organization(text);
    const m = resolver.addMention(source, entity, "name");
    return speakerOf(m);
  }
  if (capitalized && !nounKind) {
    const found = resolver.nameEntity(source, true);
    if (found) {
      const m = resolver.addMention(source, found.entity, found.resolution);
      return speakerOf(m);
    }
  }
  if (nounKind === "person" || (capitalized && nounKind !== "group")) {
    const found = resolver.resolveRole(source.start, head);
    if (found) {
      const antecedent = { start: found.start, end: found.end };
      resolver.addMention(source, found.entity, "description", antecedent);
      return { ...speakerOf(found), resolution: "description", mention: antecedent };
    }
    const m = resolver.addMention(source, resolver.description(text, "person"), "description");
    return speakerOf(m);
  }
  if (nounKind === "organization") {
    const m = resolver.addMention(source, resolver.organization(text), "description");
    return speakerOf(m);
  }
  const m = resolver.addMention(source, resolver.description(text, "group"), "description");
  return speakerOf(m);
}

export function resolveSpeakers(doc: Doc): void {
  const resolver = new Resolver(doc);
  const sources = doc.attributions
    .map((attribution, index) => ({ attribution, index }))
    .filter((x) => x.attribution.source)
    .sort((a, b) => (a.attribution.source?.start ?? 0) - (b.attribution.source?.start ?? 0));
  const groups = groupCandidates(doc);
  const candidates = nameCandidates(doc).filter((span) => !insideAny(groups, span.start));
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
      if (found) resolver.addMention(event.span, found.entity, found.resolution);
      continue;
    }
    const attribution = event.attribution;
    if (!attribution?.source) continue;
    attribution.speaker = resolveSource(resolver, attribution.source, attribution);
  }
  doc.mentions = resolver.mentions.map(
    (m): Mention => ({ start: m.start, end: m.end, name: m.entity.name, kind: m.entity.kind }),
  );
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
