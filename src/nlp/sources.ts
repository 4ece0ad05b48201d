/** Reading a source span: the part that names the speaker, slips, labels, name pairs and described names. */

import { firstIndex } from "../core/sorted.ts";
import type { Doc, Span, Speaker, SpeakerResolution } from "./doc.ts";
import { VERB_GROUP_FILLERS } from "./lexicon/clause-words.ts";
import { ORGANIZATION_HEADS } from "./lexicon/organizations.ts";
import { POSSESSIVES, PRONOUNS } from "./lexicon/pronouns.ts";
import {
  DESCRIPTION_BREAKS,
  LABELS,
  NOT_NAMES,
  SLIP_FIRST,
  SLIP_LAST,
  TRAILING_ADVERBS,
} from "./lexicon/speaker-words.ts";
import { SURNAME_PARTICLES } from "./lexicon/titles.ts";
import { containing } from "./mention-index.ts";
import { isLeadingGlue } from "./name-edges.ts";
import { GOVERNMENT_PLACES, parseName } from "./names.ts";
import { organizationLike } from "./organizations.ts";
import { storedRoles } from "./role-phrase.ts";
import { isRoleHead, speakerNounKind } from "./roles.ts";
import type { Resolver } from "./speaker-resolver.ts";
import type { Entity, EntityMention } from "./speaker-types.ts";

export function speakerOf(mention: EntityMention): Speaker {
  const e = mention.entity;
  const speaker: Speaker = { name: e.name, kind: e.kind, resolution: mention.resolution };
  if (mention.antecedent) speaker.mention = mention.antecedent;
  const roles = storedRoles(e.roles);
  if (roles.length > 0) speaker.roles = roles;
  if (e.party) speaker.party = e.party;
  if (e.state) speaker.state = e.state;
  return speaker;
}

/** The head noun of a description ("senior administration officials" → "officials"). */
export function headNoun(text: string): string {
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
export function modifiersOf(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/['’]s$/, "")
    .split(/\s+/)
    .filter((w) => !/^(the|a|an|some|many|one|two|three|several)$/.test(w));
  return words.slice(0, -1);
}

/** The mention for a source resolved through another mention (a pronoun or a description). */
export function linked(
  resolver: Resolver,
  source: Span,
  found: EntityMention,
  resolution: SpeakerResolution,
): Speaker {
  const antecedent = found.antecedent ?? { start: found.start, end: found.end };
  const m = resolver.addMention(source, found.entity, resolution, antecedent);
  resolver.markSource(m);
  // "Voters ... they said": the mention chains on, but "they" names no one more than "voters" did: the
  // speaker is that description, with no mention, so the record stores it without a person.
  if (found.entity.unnamed) {
    const speaker = speakerOf(found);
    delete speaker.mention;
    return { ...speaker, resolution: "description" };
  }
  return { ...speakerOf(found), resolution, mention: antecedent };
}

/** The source span, extended to a name that the extractor cut short ("the Ministry of Trade| and Ports"). */
export function extendToName(names: readonly Span[], source: Span): Span {
  // Names are sorted and disjoint: bisect to the first that ends after the source starts.
  let longer: Span | undefined;
  for (let k = firstIndex(names.length, (i) => names[i].end > source.start); k < names.length; k++) {
    const n = names[k];
    if (n.start >= source.end) break;
    if (n.end > source.end || n.start < source.start) {
      longer = n;
      break;
    }
  }
  return longer
    ? { start: Math.min(source.start, longer.start), end: Math.max(source.end, longer.end) }
    : source;
}

/**
 * The part of a source span that names the speaker: an appositive or relative clause after a name is
 * cut ("Sen. Ilse Varga (N-Ash.), who leads the party," → "Sen. Ilse Varga (N-Ash.)"), and a source the
 * extractor cut short inside a group phrase is widened to it ("Administration" → "Administration officials").
 */
export function coreOfSource(doc: Doc, source: Span, groups: readonly Span[]): Span {
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
  // A dateline before the name ("CHICAGO - Rahm Emanuel", "Palm Beach - Corey Lewandowski"): the
  // place is no part of the speaker. A hyphen between spaces, or a place written in capitals, marks it.
  const dateline =
    /^(?:(?:\p{Lu}[\p{L}.'’]*\s+){0,3}\p{Lu}[\p{L}.'’]*\s+-|(?:[\p{Lu}.'’]{2,}\s+){0,2}[\p{Lu}.'’]{3,}\s*(?:[—–]|-{1,2}))\s+(?=\p{Lu})/u.exec(
      text,
    );
  if (dateline) {
    core = { start: core.start + dateline[0].length, end: core.end };
    text = text.slice(dateline[0].length);
  }
  const from = core.start;
  // A dash sets off an appositive as a comma does ("Ada Quill — project manager for ...").
  const comma = text.search(/,\s|\s(?:[—–]|--)\s/);
  // A description then the name in apposition ("A ministry spokeswoman, Dalia Renner"): the name speaks.
  // ("The committee's chairwoman, Sen. Nadia Ferrante (L-Norv.)": a party tag stays with the name.)
  // A possessor may open the description ("His campaign manager, Jeff Weaver", "Nevada's governor, Brian
  // Sandoval").
  const named =
    /^(?:(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|(?:\p{Lu}[\p{L}.-]*\s+){0,2}\p{Lu}[\p{L}.-]*['’]s)\s+)?\p{Ll}[^,]*,\s+(\p{Lu}[\p{L}.'’ -]*?(?:\s*\([^()]*\))?)\s*(?:,|$)/u.exec(
      text,
    );
  if (named?.[1] && parseName(named[1]).first) {
    const offset = from + text.indexOf(named[1], comma);
    core = { start: offset, end: offset + named[1].length };
  } else if (comma > 0 && /^\p{Lu}/u.test(text.slice(0, comma).replace(/^the\s+/i, ""))) {
    core = { start: from, end: from + comma };
  } else if (
    comma > 0 &&
    ["person", "group"].includes(
      speakerNounKind(text.slice(0, comma).split(/\s+/).at(-1)?.toLowerCase() ?? "") ?? "",
    )
  ) {
    // "one legal expert, as reported by the Independent": the speaker is the description before the comma.
    core = { start: from, end: from + comma };
  }
  const group = containing(groups, core, MAX_GROUP_LENGTH, (g) => g.end > core.end && g.start < core.end);
  return group ? { start: core.start, end: group.end } : core;
}

/**
 * A source span that cannot name a speaker ("of anonymity", "who opposes the", "having", a lone
 * lowercase word such as "attack"): the extractor slipped, and a junk entry in the registry would be
 * worse than leaving the statement unresolved.
 */
/** A group description is at most four words (groupCandidates); in characters, generously. */
const MAX_GROUP_LENGTH = 200;

export function isExtractionSlip(text: string): boolean {
  const lower = text.toLowerCase();
  if (PRONOUNS.has(lower) || POSSESSIVES.has(lower)) return false;
  const words = lower.split(/\s+/);
  if (SLIP_FIRST.has(words[0]) || SLIP_LAST.has(words[words.length - 1])) return true;
  return words.length === 1 && /^\p{Ll}+$/u.test(text) && speakerNounKind(lower) === undefined;
}

/** A one-word source that cannot be a speaker: a label, a sentence adverb or a lone capital letter. */
export function isLabel(text: string): boolean {
  if (/\s/.test(text)) return false;
  const lower = text.toLowerCase();
  if (PRONOUNS.has(lower) || POSSESSIVES.has(lower)) return false;
  if (speakerNounKind(lower) !== undefined) return false;
  // "Breaking", "Revealed", "Interestingly": a headline or sentence word standing alone.
  if (/^\p{Lu}/u.test(text) && isLeadingGlue(text)) return true;
  return /^\p{Lu}$/u.test(text) || LABELS.has(lower) || (/^\p{Lu}/u.test(text) && NOT_NAMES.has(lower));
}

/**
 * A lowercase role before a name ("athletic director Jo Bell", "the 14th-ranked Bell", "firm JP
 * Morgan"): the name speaks, the words before it describe it. Returns the speaker, or undefined when the
 * source does not end in a name.
 */
export function describedName(resolver: Resolver, core: Span, text: string): Speaker | null | undefined {
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
  resolver.markSource(m);
  resolver.addRolesAround(found.entity, nameSpan);
  return speakerOf(m);
}

/** Two names joined by "and" ("Sens. Jo Bell (D-Md.) and Al Roy (R-Fla.)"): their spans in `text`. */
export function namePair(text: string): [Span, Span] | null {
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
export function descriptionPhrase(doc: Doc, source: Span, text: string): string {
  if (!/^\p{Ll}/u.test(text)) return text;
  const before = doc.text.slice(Math.max(0, source.start - 40), source.start);
  const lead = /\b(the\s+(?:[\p{Ll}'’-]+\s+){0,4})$/iu.exec(before);
  return lead ? lead[1] + text : text;
}
