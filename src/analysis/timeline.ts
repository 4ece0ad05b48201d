import { webUrl } from "../core/urls.ts";
import { markdownLink, markdownText } from "./markdown.ts";
import {
  byDate,
  dateOf,
  kindAndConfidence,
  type StatementView,
  spanRef,
  statementTopicKeys,
} from "./statement-view.ts";
import { matchesTopic, topicQuery } from "./topics.ts";

export interface TimelineFilter {
  about?: string;
  since?: string;
  until?: string;
}

/** A speaker's statements in date order, narrowed to a topic and a date range. */
export function buildTimeline(
  statements: readonly StatementView[],
  filter: TimelineFilter = {},
): StatementView[] {
  const query = filter.about ? topicQuery(filter.about) : [];
  if (filter.about && query.length === 0) {
    throw new Error(`topic "${filter.about}" has no words to match on; name a place, person or issue`);
  }
  return statements
    .filter((s) => !filter.since || (s.published ?? "") >= filter.since)
    .filter((s) => !filter.until || (s.published ?? "").slice(0, filter.until.length) <= filter.until)
    .filter((s) => !filter.about || matchesTopic(statementTopicKeys(s), query))
    .sort(byDate);
}

export function timelineText(statements: readonly StatementView[]): string {
  return statements
    .map(
      (s) =>
        `${dateOf(s)}  ${s.outlet ?? "unknown outlet"}${alsoIn(s)}  [${kindAndConfidence(s)}]\n  ${s.content}\n  (${spanRef(s)})`,
    )
    .join("\n\n");
}

export function timelineMarkdown(speaker: string, statements: readonly StatementView[]): string {
  const lines = [`# ${markdownText(speaker)}: timeline`, ""];
  for (const s of statements) {
    const url = webUrl(s.url);
    const outlet = s.outlet ?? url ?? "unknown outlet";
    const where = url ? markdownLink(outlet, url) : markdownText(outlet);
    lines.push(
      `- **${dateOf(s)}**, ${where}${markdownText(alsoIn(s))}, ${kindAndConfidence(s)}: “${markdownText(s.content)}” — ${markdownText(spanRef(s))}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** " (also in 19 outlets)": the same statement in near-duplicates of the story, counted once. */
export function alsoIn(statement: StatementView): string {
  const count = statement.alsoIn?.length ?? 0;
  return count === 0 ? "" : ` (also in ${count} outlet${count === 1 ? "" : "s"})`;
}
