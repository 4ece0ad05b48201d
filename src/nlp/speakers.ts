import {
  type Attribution,
  type Component,
  type Doc,
  type LayerKey,
  layerKey,
  type Mention,
  mergeSpans,
  type Span,
} from "./doc.ts";
import { groupCandidates, headlineLines, insideAny, nameCandidates, overlapsAny } from "./name-candidates.ts";
import { resolveSource } from "./resolve-source.ts";
import { storedRoles } from "./role-phrase.ts";
import { Resolver } from "./speaker-resolver.ts";
import type { NameHint, SpeakerConfig } from "./speaker-types.ts";

export type { NameHint, SpeakerConfig } from "./speaker-types.ts";

/** Full names of people in the text known from outside the prose (hover cards): set before the pipeline. */
export const NAME_HINTS: LayerKey<readonly NameHint[]> = layerKey("nameHints");
/** Hover-card full names per canonical name, as the speakers component grouped them. */
export const HINT_ALIASES: LayerKey<ReadonlyMap<string, readonly string[]>> = layerKey("hintAliases");

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

/** Full names known for the doc's people from outside the prose (hover cards), by canonical name. */
export function hintAliases(doc: Doc): ReadonlyMap<string, readonly string[]> {
  return doc.get(HINT_ALIASES) ?? new Map();
}

/** Resolves every attribution's speaker, reading the `nameHints` layer when it is set. */
export function resolveSpeakers(doc: Doc, config: SpeakerConfig = {}): void {
  const options = { ...config, nameHints: doc.get(NAME_HINTS) ?? [] };
  const sources = doc.attributions
    .map((attribution, index) => ({ attribution, index }))
    .filter((x) => x.attribution.source)
    .sort((a, b) => (a.attribution.source?.start ?? 0) - (b.attribution.source?.start ?? 0));
  const groups = groupCandidates(doc);
  const headlines = headlineLines(doc);
  const candidates = nameCandidates(doc, headlines).filter((span) => !insideAny(groups, span.start));
  const resolver = new Resolver(doc, candidates, options, headlines);
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
  doc.set(HINT_ALIASES, aliases);
  // Entities may have gained a fuller name after an attribution was resolved: refresh the names.
  for (const attribution of doc.attributions) {
    const speaker = attribution.speaker;
    if (!speaker || !attribution.source) continue;
    const mention = resolver.mentionAt(attribution.source);
    if (mention) {
      speaker.name = mention.entity.name;
      const roles = storedRoles(mention.entity.roles);
      if (roles.length > 0) speaker.roles = roles;
      if (mention.entity.party) speaker.party = mention.entity.party;
      if (mention.entity.state) speaker.state = mention.entity.state;
    }
  }
}

export function speakersWith(config: SpeakerConfig = {}): Component {
  return {
    name: "speakers",
    needs: ["tokens", "sentences", "quotes", "attributions"],
    reads: [NAME_HINTS.name],
    // Each attribution's speaker.
    writes: ["attributions", "mentions", HINT_ALIASES.name],
    run(doc: Doc) {
      resolveSpeakers(doc, config);
    },
  };
}

export const speakers: Component = speakersWith();
