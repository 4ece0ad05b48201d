import { firstIndex } from "../core/sorted.ts";
import type { Attribution, Span, Speaker } from "./doc.ts";
import { POSSESSIVES, PRONOUNS } from "./lexicon/pronouns.ts";
import { DOCUMENT_NOUNS } from "./lexicon/speaker-words.ts";
import { insideAny } from "./name-candidates.ts";
import { nameEdges } from "./name-edges.ts";
import { GOVERNMENT_PLACES, isPlaceWord } from "./names.ts";
import { isCommonPlural, isDocumentSource, isShareOfPeople } from "./non-speakers.ts";
import { organizationLike } from "./organizations.ts";
import { speakerNounKind } from "./roles.ts";
import {
  coreOfSource,
  describedName,
  descriptionPhrase,
  extendToName,
  headNoun,
  isExtractionSlip,
  isLabel,
  linked,
  modifiersOf,
  namePair,
  speakerOf,
} from "./sources.ts";
import type { Resolver } from "./speaker-resolver.ts";

/** Descriptions that introduce someone rather than refer back ("a spokesman", "one official", "another aide"). */
const INDEFINITE = /^(?:a|an|one|another|some|several|two|three|any|many|other)\s/i;

/** The first name candidate inside `span` (candidates are sorted and disjoint). */
function nameWithin(names: readonly Span[], span: Span): Span | undefined {
  const k = firstIndex(names.length, (i) => names[i].end > span.start);
  const name = names[k];
  return name && name.start >= span.start && name.end <= span.end ? name : undefined;
}

/** Plural heads of people who speak for an organisation. */
const SPOKESPEOPLE = new Set(["officials", "spokesmen", "spokeswomen", "spokespeople", "spokespersons"]);

/** Resolves one source span to a speaker, adding a mention for it. */
export function resolveSource(
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
  // A poll, a report, "Six in 10", "Investors": the statement is stored without a person (a description
  // with no mention), as an entry pooling every article's "Poll" would name no one.
  const whole = doc.slice(source).trim();
  if (
    isDocumentSource(text) ||
    isShareOfPeople(whole) ||
    isCommonPlural(
      text,
      (w) => resolver.words.occurs(w),
      (w) => resolver.words.capitalizedMidSentence(w),
    )
  ) {
    const kind = isDocumentSource(text) ? "organization" : "group";
    const m = resolver.addMention(source, resolver.description(text, kind), "description");
    resolver.markSource(m);
    return speakerOf(m);
  }
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
      // Two people are not one entry of the record: the pair is a description that names no one alone.
      const m = resolver.addMention(source, resolver.description(name, "group"), "description");
      resolver.markSource(m);
      return speakerOf(m);
    }
  }
  if (PRONOUNS.has(lowerText) || POSSESSIVES.has(lowerText)) {
    if (lowerText === "i" || lowerText === "we") {
      // First person outside a quote is the author; inside a quote, the quote's speaker.
      const quote = resolver.contents.owner(source, (a) => a !== owner && !!a.speaker);
      if (quote?.speaker) return { ...quote.speaker, resolution: "first-person" };
      return null;
    }
    // A headline's "She Backs Trump" has no sentence before it to take a referent from.
    if (insideAny(resolver.headlines, core.start)) return null;
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
      resolver.markSource(m);
      return { ...speakerOf(m), mention: { start: holder.start, end: holder.end } };
    }
  }
  // In a title-case headline every word is capitalised: only a name found there (a given name, a title,
  // a surname the body gives a person) speaks; "Schlafly’s Final Column" is Schlafly's, "Poll" no one's.
  if (insideAny(resolver.headlines, core.start)) {
    const piece = nameWithin(names, core);
    if (!piece) return null;
    const found = resolver.nameEntity(piece, true);
    if (!found) return null;
    const m = resolver.addMention(source, found.entity, found.resolution);
    resolver.markSource(m);
    return speakerOf(m);
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
  // "His tweet", "her statement": the document is its author's, and the possessive is a pronoun.
  const possessor = text.split(/\s+/)[0].toLowerCase();
  if (DOCUMENT_NOUNS.has(head) && POSSESSIVES.has(possessor) && !/^(?:their|its)$/.test(possessor)) {
    if (insideAny(resolver.headlines, core.start)) return null;
    const found = resolver.resolvePronoun(core.start, possessor);
    if (found) return linked(resolver, source, found, "pronoun");
    return null;
  }
  // "the statement said" speaks for the last speaker; "The Harbor Post" is a newspaper's name.
  if (DOCUMENT_NOUNS.has(head) && !capitalized) {
    const found = resolver.previousSpeakerMention(source.start);
    if (found) return linked(resolver, source, found, "description");
  }
  // "a Baton Rouge newspaper", "an anti-Trump PAC": an indefinite description of an organisation
  // introduces one without naming it.
  if (capitalized && INDEFINITE.test(text) && (nounKind === "organization" || /^[A-Z]{2,}$/.test(head))) {
    const m = resolver.addMention(source, resolver.unnamedOrganization(text), "description");
    resolver.markSource(m);
    return speakerOf(m);
  }
  if (
    (capitalized && organizationLike(nameText)) ||
    (capitalized && nounKind === "organization" && !/^the\s/i.test(text))
  ) {
    const m = resolver.addMention(source, resolver.organization(nameText), "name");
    resolver.markSource(m);
    return speakerOf(m);
  }
  // A name does not end in a lowercase word: "Port employers" at a sentence start is a noun phrase.
  // "Mr. King", "Dr. Judge": an honorific makes a name of a word that is also a role noun.
  const honorific = /^(?:mr|mrs|ms|dr|miss)\.?\s+\p{Lu}/iu.test(text);
  if (capitalized && (!nounKind || honorific) && !/^\p{Ll}+$/u.test(nameText.split(/\s+/).at(-1) ?? "")) {
    // "Whether Cruz", "Maybe Trump": glue words at the edges of a capitalised source are no part of the name.
    const edges = nameEdges(doc.slice(nameSpan));
    const found = resolver.nameEntity(
      { start: nameSpan.start + edges.from, end: nameSpan.start + edges.to },
      true,
    );
    if (found) {
      const m = resolver.addMention(source, found.entity, found.resolution);
      resolver.markSource(m);
      resolver.addRolesAround(found.entity, nameSpan);
      return speakerOf(m);
    }
  }
  // "Ministry officials", "Guild officials" speak for their body; "Podesta employees", "Clinton
  // supporters", "some Republican leaders" are people near it, not its voice.
  if (nounKind === "group" && SPOKESPEOPLE.has(head) && !INDEFINITE.test(text) && !/^\d/.test(text)) {
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
    resolver.markSource(m);
    return speakerOf(m);
  }
  // "His doctor": a possessed singular noun is one person, like a capitalised unknown head.
  const possessed = POSSESSIVES.has(text.split(/\s+/)[0].toLowerCase());
  if (
    nounKind === "person" ||
    ((capitalized || possessed) && nounKind !== "group" && nounKind !== "organization")
  ) {
    // Only with evidence: a definite or possessed description ("the senator", "his campaign manager")
    // names the person the article gave that role; "a spokesman", "one official" name no one, and a
    // description with no such person on record stays unresolved (wrong is worse than unknown).
    if (!INDEFINITE.test(text)) {
      const byRole = resolver.resolveRole(source.start, head, modifiers);
      if (byRole) return linked(resolver, source, byRole, "description");
    }
    const m = resolver.addMention(source, resolver.description(text, "person"), "description");
    resolver.markSource(m);
    return speakerOf(m);
  }
  if (nounKind === "organization") {
    // "a campaign", "one group": an indefinite description introduces another body.
    const found = INDEFINITE.test(text) ? undefined : resolver.resolveOrganization(source.start, head);
    if (found) return linked(resolver, source, found, "description");
    const m = resolver.addMention(source, resolver.unnamedOrganization(text), "description");
    resolver.markSource(m);
    return speakerOf(m);
  }
  const m = resolver.addMention(source, resolver.description(text, "group"), "description");
  resolver.markSource(m);
  return speakerOf(m);
}
