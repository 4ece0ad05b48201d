/**
 * Indexes that keep speaker resolution linear in the size of an article: every lookup a mention makes
 * (who was named before this offset, who has this given name, where a word occurs) is a map lookup or a
 * binary search, never a scan of all earlier mentions. A 10 MB article has some 200,000 mentions; one
 * scan per mention was what made `extract` quadratic (issue 13, case 3).
 */

import { firstIndex } from "../core/sorted.ts";
import type { Attribution, Span, Token } from "./doc.ts";
import type { Entity, EntityMention } from "./speaker-types.ts";

/** Mentions per entity in text order, and people by given name. */
export class MentionIndex {
  private readonly byEntity = new Map<Entity, EntityMention[]>();
  /** People by the given name they had when mentioned (or gained later, see `givenNameKnown`). */
  private readonly byGivenName = new Map<string, Set<Entity>>();
  /** Where each entity's first source mention ends. */
  private readonly firstSpoke = new Map<Entity, number>();

  add(mention: EntityMention): void {
    const list = this.byEntity.get(mention.entity) ?? [];
    let at = list.length;
    while (at > 0 && list[at - 1].start > mention.start) at--;
    list.splice(at, 0, mention);
    this.byEntity.set(mention.entity, list);
    this.givenNameKnown(mention.entity);
  }

  /** Call when an entity may have gained a given name ("Trump" joined by "Donald Trump"). */
  givenNameKnown(entity: Entity): void {
    const first = entity.kind === "person" ? entity.parsed?.first : undefined;
    if (!first || !this.byEntity.has(entity)) return;
    const people = this.byGivenName.get(first) ?? new Set<Entity>();
    people.add(entity);
    this.byGivenName.set(first, people);
  }

  /** The entity's latest mention ending at or before `offset` that passes `keep`. */
  latestBefore(
    entity: Entity,
    offset: number,
    keep: (m: EntityMention) => boolean = () => true,
  ): EntityMention | undefined {
    const list = this.byEntity.get(entity) ?? [];
    // Mentions are sorted by start; those starting at or after `offset` cannot end before it.
    for (let k = firstIndex(list.length, (i) => list[i].start >= offset) - 1; k >= 0; k--)
      if (list[k].end <= offset && keep(list[k])) return list[k];
    return undefined;
  }

  /** True when the entity has a mention ending at or before `offset`. */
  mentionedBefore(entity: Entity, offset: number): boolean {
    const first = this.byEntity.get(entity)?.[0];
    return first !== undefined && first.end <= offset;
  }

  /** Marks a mention as the source of an attribution, remembering where the entity first spoke. */
  markSource(mention: EntityMention): void {
    mention.isSource = true;
    const first = this.firstSpoke.get(mention.entity);
    if (first === undefined || mention.end < first) this.firstSpoke.set(mention.entity, mention.end);
  }

  /**
   * People mentioned before `offset` whose given name is `word` now, with whether each spoke (had a source
   * mention) before it. Stops at two: callers want the one person, and two already mean ambiguity.
   */
  peopleWithGivenName(word: string, offset: number): { entity: Entity; spoke: boolean }[] {
    const found: { entity: Entity; spoke: boolean }[] = [];
    for (const entity of this.byGivenName.get(word) ?? []) {
      if (entity.kind !== "person" || entity.parsed?.first !== word) continue;
      if (!this.mentionedBefore(entity, offset)) continue;
      const spoke = (this.firstSpoke.get(entity) ?? Number.POSITIVE_INFINITY) <= offset;
      found.push({ entity, spoke });
      if (found.length > 1) break;
    }
    return found;
  }
}

/** Start offsets of every token, by its text: where a word occurs, without a regex over the whole text. */
export function tokenOccurrences(tokens: readonly Token[]): Map<string, number[]> {
  const byText = new Map<string, number[]>();
  for (const token of tokens) {
    const list = byText.get(token.text);
    if (list) list.push(token.start);
    else byText.set(token.text, [token.start]);
  }
  return byText;
}

/**
 * The first span in `spans` (sorted by start, possibly overlapping, each at most `maxLength` long) that
 * contains `span` and passes `keep`.
 */
export function containing<T extends Span>(
  spans: readonly T[],
  span: Span,
  maxLength: number,
  keep: (s: T) => boolean = () => true,
): T | undefined {
  const from = firstIndex(spans.length, (i) => spans[i].start >= span.start - maxLength);
  for (let k = from; k < spans.length && spans[k].start <= span.start; k++)
    if (spans[k].end >= span.end && keep(spans[k])) return spans[k];
  return undefined;
}

/**
 * Content spans of every attribution, sorted by start, for "whose quote is this I in?": a bisection and a
 * walk back that stops where no earlier span reaches far enough (a running maximum of ends), instead of
 * a scan of all attributions per first-person source.
 */
export class ContentIndex {
  private readonly spans: { start: number; end: number; attribution: Attribution; order: number }[];
  /** reach[k]: the largest end among spans[0..k]. */
  private readonly reach: number[];

  constructor(attributions: readonly Attribution[]) {
    this.spans = attributions
      .flatMap((attribution, order) => attribution.content.map((c) => ({ ...c, attribution, order })))
      .sort((a, b) => a.start - b.start || a.order - b.order);
    let max = -1;
    this.reach = this.spans.map((s) => {
      max = Math.max(max, s.end);
      return max;
    });
  }

  /** The first attribution (in document order) whose content contains `span` and that passes `keep`. */
  owner(span: Span, keep: (a: Attribution) => boolean): Attribution | undefined {
    let best: { attribution: Attribution; order: number } | undefined;
    for (let k = firstIndex(this.spans.length, (i) => this.spans[i].start > span.start) - 1; k >= 0; k--) {
      if (this.reach[k] < span.end) break;
      const s = this.spans[k];
      if (s.end >= span.end && (!best || s.order < best.order) && keep(s.attribution)) best = s;
    }
    return best?.attribution;
  }
}
