import { firstIndex } from "../core/sorted.ts";
import { resolvePronoun as resolveCorefPronoun } from "./coref/index.ts";
import type { Doc, Span, Speaker, SpeakerResolution } from "./doc.ts";
import { FIRST_NAME_GENDER } from "./lexicon/given-names.ts";
import { POSSESSIVES, PRONOUNS } from "./lexicon/pronouns.ts";
import { HONORIFICS, PARTY_WORDS, PLACE_WORDS } from "./lexicon/speaker-words.ts";
import { ContentIndex, MentionIndex } from "./mention-index.ts";
import { GOVERNMENT_PLACES, keyOf, type ParsedName, parseName } from "./names.ts";
import { organizationLike, organizationName } from "./organizations.ts";
import { hasHeadTitle, isRoleHead, roleFit, speakerNounKind } from "./roles.ts";
import type {
  Entity,
  EntityMention,
  Gender,
  NameHint,
  SpeakerOptions,
  TentativeName,
} from "./speaker-types.ts";
import { isStateName } from "./us-states.ts";
import { WordUses } from "./word-uses.ts";

/** Overrule the subject-first pronoun rule only when the model gives the rival this probability. */
/** The longest name a hover card is expected to cover (characters). */
const MAX_HINT_LENGTH = 200;

export const COREF_CONFIDENCE = 0.8;

/** How many sentences back "the senator" may look for a senator (a long news article is ~60). */
export const ROLE_WINDOW_SENTENCES = 80;

/** "The statement said" refers to a statement just reported: the previous speaker in three sentences. */
export const DOCUMENT_WINDOW_SENTENCES = 3;

export class Resolver {
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
  private seen = 0;
  /** Per-entity mentions and people by given name: lookups that stay logarithmic (mention-index.ts). */
  private readonly index = new MentionIndex();
  /** Attribution contents, for the quote a first-person source is in. */
  readonly contents: ContentIndex;
  /** Hover-card hints sorted by start, for binary search. */
  private readonly sortedHints: readonly NameHint[];

  constructor(
    doc: Doc,
    names: readonly Span[],
    options: SpeakerOptions = {},
    /** Title-case lines (headlines), sorted: no pronoun in them has a referent. */
    readonly headlines: readonly Span[] = [],
  ) {
    this.doc = doc;
    this.sentenceStarts = doc.sentences.map((s) => s.start);
    this.nameHints = options.nameHints ?? [];
    this.contents = new ContentIndex(doc.attributions);
    this.words = new WordUses(doc, (offset) => this.sentenceOf(offset));
    this.sortedHints = [...this.nameHints].sort((a, b) => a.span.start - b.span.start);
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
    // "Wisconsin Republican", "South Carolina", "Senate Democrats": a place or a party noun, not a name.
    const lastWord = parsed.last.toLowerCase();
    if (
      isStateName(text) ||
      isStateName(parsed.first) ||
      PARTY_WORDS[lastWord] ||
      speakerNounKind(lastWord) === "group"
    )
      return;
    // Roles written next to the name ("Jo Bell, the harbour minister,") are evidence for a later
    // "the minister" even before anything shows the name is a person's.
    const probe: Entity = { kind: "person", name: "", roles: new Set() };
    this.addRolesAround(probe, span);
    const entry: TentativeName = { span, parsed, roles: probe.roles };
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
    // Marked rather than spliced out of the text-ordered list: a splice would cost a scan per confirmation.
    t.confirmed = true;
    return entity;
  }

  /** The nearest tentative name in the same sentence before `offset` ("Jo Bell, head of X, who said"). */
  tentativeInSentence(offset: number): TentativeName | undefined {
    return this.latestTentative(offset, this.sentenceOf(offset));
  }

  /**
   * The latest unconfirmed tentative name ending at or before `offset` and starting in sentence `oldest`
   * or later. The list is in text order, so the search starts by bisection and walks back only through
   * the sentences in reach.
   */
  private latestTentative(offset: number, oldest: number): TentativeName | undefined {
    const list = this.tentativeList;
    for (let k = firstIndex(list.length, (i) => list[i].span.start >= offset) - 1; k >= 0; k--) {
      const t = list[k];
      if (this.sentenceOf(t.span.start) < oldest) return undefined;
      if (!t.confirmed && t.span.end <= offset) return t;
    }
    return undefined;
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
    const hints = this.sortedHints;
    // Hints over a name are name-sized: those starting up to a long name's length before it can overlap.
    const from = firstIndex(hints.length, (i) => hints[i].span.start >= span.start - MAX_HINT_LENGTH);
    for (let k = from; k < hints.length && hints[k].span.start < span.end; k++) {
      const hint = hints[k];
      if (hint.span.end <= span.start) continue;
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
    const starts = this.sentenceStarts;
    // The last sentence starting at or before the offset (the first when none does).
    return Math.max(0, firstIndex(starts.length, (k) => starts[k] > offset) - 1);
  }

  /** Finds or creates the entity for a name as written; `asSource` names of speakers are people by default. */
  nameEntity(span: Span, asSource: boolean): { entity: Entity; resolution: SpeakerResolution } | null {
    const text = this.doc.slice(span);
    if (organizationLike(text)) return { entity: this.organization(text), resolution: "name" };
    // "Kestrel" after a headline's "KESTREL": a name already known as an organisation's stays one.
    if (this.organizations.has(organizationName(text).toLowerCase()))
      return { entity: this.organization(text), resolution: "name" };
    // "New Hampshire", "Va.": a state is no person (a source "in New Hampshire" cut short names no one).
    if (isStateName(text)) return null;
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
    if (
      single &&
      !known &&
      !this.personSurnames.has(parsed.last) &&
      this.words.treatedAsOrganization(parsed.last)
    )
      return { entity: this.organization(text), resolution: "name" };
    const entity: Entity = { kind: "person", name: key, parsed, roles: new Set() };
    this.absorb(entity, parsed);
    const namesakes = this.peopleBySurname.get(parsed.last) ?? [];
    namesakes.push(entity);
    this.peopleBySurname.set(parsed.last, namesakes);
    return { entity, resolution: "name" };
  }

  /** The person already known by this surname ("Bell" after "Jo Bell"), without creating anyone. */
  knownPerson(surname: string, offset: number): { entity: Entity; resolution: SpeakerResolution } | null {
    const people = (this.peopleBySurname.get(surname) ?? []).filter((e) =>
      this.index.mentionedBefore(e, offset),
    );
    if (people.length === 1) return { entity: people[0], resolution: "alias" };
    // "Aria Lund lost the final. ... the 14th-ranked Lund": a full name not yet known as a person's.
    const earlier =
      people.length === 0 ? this.tentativeFor({ last: surname, middle: [], roles: [] }, offset) : undefined;
    return earlier ? { entity: this.confirm(earlier), resolution: "alias" } : null;
  }

  /** The one person named before `offset` whose given name is `word` (none when two people share it). */
  private personByGivenName(word: string, offset: number): Entity | undefined {
    const people = this.index.peopleWithGivenName(word, offset);
    if (people.length !== 1) return undefined;
    const [{ entity: person, spoke }] = people;
    // Only a name known to be a person's: a known given name, a role, or a speaker ("Patriot Coal",
    // a company taken for a name, must not absorb every "Patriot").
    const certain = person.gender || person.roles.size > 0 || spoke;
    return certain ? person : undefined;
  }

  /** Merges what a new spelling tells about an entity: a fuller name, roles, party, gender. */
  absorb(entity: Entity, parsed: ParsedName): void {
    if (parsed.first && !entity.parsed?.first) {
      entity.parsed = parsed;
      entity.name = keyOf(parsed) ?? entity.name;
      this.index.givenNameKnown(entity);
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
    return { kind, name, roles: new Set(), unnamed: true };
  }

  /** "The company", "the union": an organisation known by its kind only, one entity per mention. */
  unnamedOrganization(text: string): Entity {
    return { kind: "organization", name: organizationName(text), roles: new Set(), unnamed: true };
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
    this.index.add(mention);
    const inSentence = this.bySentence.get(mention.sentence) ?? [];
    insertSorted(inSentence, mention);
    this.bySentence.set(mention.sentence, inSentence);
    return mention;
  }

  /** Uses of words across the article (word-uses.ts). */
  readonly words: WordUses;

  markSource(mention: EntityMention): void {
    this.index.markSource(mention);
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
        // "It" after "Washington" is as often the city, the policy or the year as the government.
        if (e.kind === "organization" && !GOVERNMENT_PLACES.has(e.name)) return m;
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
    const chosenName = this.index.latestBefore(
      chosen.entity,
      span.start,
      (m) => m.resolution === "name" || m.resolution === "alias",
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
    return this.index.latestBefore(wanted[0], offset);
  }

  /** "the president", "the senator": the latest person seen with that role. */
  resolveRole(offset: number, noun: string, modifiers: readonly string[] = []): EntityMention | undefined {
    // A role noun points back within the article's recent text, not to any earlier namesake.
    const oldest = this.sentenceOf(offset) - ROLE_WINDOW_SENTENCES;
    // Everyone in reach who holds the role, with how well: "the president" fits "President Trump"
    // exactly and "Russian President Putin" only with a qualifier the description does not give.
    const holders = new Map<
      Entity | TentativeName,
      { fit: number; mention?: EntityMention; tentative?: TentativeName }
    >();
    for (let k = this.mentions.length - 1; k >= 0 && this.mentions[k].sentence >= oldest; k--) {
      const m = this.mentions[k];
      if (m.end > offset || m.entity.kind !== "person" || m.entity.unnamed || holders.has(m.entity)) continue;
      const fit = roleFit(m.entity, noun, modifiers);
      if (fit > 0) holders.set(m.entity, { fit, mention: m });
    }
    // Capitalised names not yet known as a person's, with the role written next to them.
    const list = this.tentativeList;
    for (let k = firstIndex(list.length, (i) => list[i].span.start >= offset) - 1; k >= 0; k--) {
      const t = list[k];
      if (this.sentenceOf(t.span.start) < oldest) break;
      if (t.confirmed || t.span.end > offset || t.roles.size === 0) continue;
      if ([...holders.values()].some((h) => h.tentative && keyOf(h.tentative.parsed) === keyOf(t.parsed)))
        continue;
      const fit = roleFit({ kind: "person", name: "", roles: t.roles }, noun, modifiers);
      if (fit > 0) holders.set(t, { fit, tentative: t });
    }
    // The one best fit, or no one: two equal fits ("the nominee" with both parties' nominees) are a guess.
    const best = Math.max(0, ...[...holders.values()].map((h) => h.fit));
    const top = [...holders.values()].filter((h) => h.fit === best);
    if (top.length !== 1) return undefined;
    const [chosen] = top;
    if (chosen.mention) return chosen.mention;
    if (!chosen.tentative) return undefined;
    this.confirm(chosen.tentative);
    return this.mentionAt(chosen.tentative.span);
  }

  /** "the ministry", "Guild officials": the latest organisation whose name holds the noun. */
  resolveOrganization(offset: number, noun: string, capitalizedOnly = false): EntityMention | undefined {
    const oldest = this.sentenceOf(offset) - ROLE_WINDOW_SENTENCES;
    for (let k = this.mentions.length - 1; k >= 0 && this.mentions[k].sentence >= oldest; k--) {
      const m = this.mentions[k];
      if (m.end > offset || m.entity.kind !== "organization") continue;
      const hit = (e: Entity) =>
        e.kind === "organization" &&
        e.name
          .split(/\s+/)
          .map((w) => w.replace(/['’]s?$/, ""))
          .some((w) => (capitalizedOnly ? w : w.toLowerCase()) === noun);
      if (hit(m.entity)) return this.onlyOne(m, k, oldest, hit);
    }
    return undefined;
  }

  /**
   * `found` (mention k), unless another entity in the window also fits: "the campaign" with two campaigns
   * in the article is a guess, and wrong is worse than unknown. The walk back stays in the search window.
   */
  private onlyOne(
    found: EntityMention,
    k: number,
    oldest: number,
    fits: (e: Entity) => boolean,
  ): EntityMention | undefined {
    for (let j = k - 1; j >= 0 && this.mentions[j].sentence >= oldest; j--) {
      const other = this.mentions[j].entity;
      if (other !== found.entity && !other.unnamed && fits(other)) return undefined;
    }
    return found;
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
export function insertSorted(list: EntityMention[], mention: EntityMention): void {
  let at = list.length;
  while (at > 0 && list[at - 1].start > mention.start) at--;
  list.splice(at, 0, mention);
}
