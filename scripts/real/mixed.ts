/**
 * Mixed messages on the real store: precision at 10 and 20 of `onrecord mixed` for the five most quoted
 * speakers, against hand labels (labels/real/mixed.jsonl), and recall of the reversals that reporters
 * name in the articles (labels with `named: true`).
 *
 * A label is a pair of statements, each kept as its document and the raw-text offsets of its content
 * (never text), with a verdict: "real" (a contradiction or walk-back a political reporter would print),
 * "arguable" (a real shift of emphasis or a tension a reporter might note) or "no". A ranked pair matches
 * a label when each side's stored content overlaps one side of the label in the same document. Ranked
 * pairs with no label are listed (with `--draft` written to out/real/mixed-draft.jsonl for labelling) and
 * count as "no": precision is never raised by leaving pairs unlabelled.
 *
 * usage: node --import tsx scripts/real/mixed.ts [--no-rebuild] [--draft]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { judgePair } from "../../src/analysis/judge/index.ts";
import { type MixedPair, mixedReport, WEIGHT_SAMPLE, WordWeights } from "../../src/analysis/mixed.ts";
import { buildTimeline } from "../../src/analysis/timeline.ts";
import type { StatementView } from "../../src/core/statement.ts";
import type { Span } from "../../src/nlp/doc.ts";
import { contextFromArgs, overlaps, percent, readLabels, share } from "./common.ts";
import type { RealContext } from "./context.ts";
import { outDir } from "./corpus.ts";

export interface PairSide {
  doc: string;
  /** The content's raw-text offsets: from its first span's start to its last span's end. */
  content: [number, number];
}

export interface MixedLabel {
  speaker: string;
  a: PairSide;
  b: PairSide;
  verdict: "real" | "arguable" | "no";
  /** A reversal the article itself names ("later walked back"): it must be found. */
  named?: boolean;
  why: string;
}

/** The five most quoted speakers on the store (after folding their fragments by hand). */
export const SPEAKERS = ["Donald Trump", "Hillary Clinton", "Bernie Sanders", "Ted Cruz", "Barack Obama"];
const TOP = 20;
/** How deep the ranked list is searched for a named reversal (the default `mixed --limit`). */
const RECALL_DEPTH = 20;

/** Each stored statement's content span in its article's raw text. */
function rawContentSpans(ctx: RealContext): Map<number, Span> {
  const rows = ctx.sql.prepare("SELECT id, raw_content_spans FROM statements").all() as {
    id: number;
    raw_content_spans: string;
  }[];
  const out = new Map<number, Span>();
  for (const row of rows) {
    const spans = JSON.parse(row.raw_content_spans) as Span[];
    if (spans.length) out.set(row.id, { start: spans[0].start, end: spans[spans.length - 1].end });
  }
  return out;
}

interface Located {
  doc: string;
  span: Span;
}

function sideMatches(side: PairSide, at: Located | undefined): boolean {
  return (
    at !== undefined &&
    at.doc === side.doc &&
    overlaps(at.span, { start: side.content[0], end: side.content[1] })
  );
}

function labelOf(
  labels: MixedLabel[],
  a: Located | undefined,
  b: Located | undefined,
): MixedLabel | undefined {
  return labels.find(
    (l) => (sideMatches(l.a, a) && sideMatches(l.b, b)) || (sideMatches(l.a, b) && sideMatches(l.b, a)),
  );
}

export async function run(ctx: RealContext, draft = false): Promise<Record<string, number>> {
  const labels = readLabels<MixedLabel>("mixed.jsonl");
  const spans = rawContentSpans(ctx);
  const weights = new WordWeights(await ctx.store.contentSample(WEIGHT_SAMPLE));
  const viewsOf = new Map<string, StatementView[]>();
  for (const speaker of SPEAKERS) {
    const person = await ctx.store.person(speaker);
    viewsOf.set(speaker, person ? buildTimeline(await ctx.store.statementViews(person.name)) : []);
  }
  const locate = (pair: MixedPair, side: "earlier" | "later"): Located | undefined => {
    const statement = pair[side];
    const doc = ctx.docOf.get(statement.articleId);
    const span = spans.get(statement.id);
    return doc && span ? { doc, span } : undefined;
  };
  const figures: Record<string, number> = {};
  const drafts: object[] = [];
  let namedTotal = 0;
  let namedFound = 0;
  console.log(`mixed messages, top ${TOP} pairs per speaker; labels: ${labels.length} pairs`);
  SPEAKERS.forEach((speaker, index) => {
    const views = viewsOf.get(speaker) ?? [];
    const ranked = mixedReport(views, judgePair, { weights, limit: Number.MAX_SAFE_INTEGER }).pairs;
    const top = ranked.slice(0, TOP);
    const verdicts = top.map((pair) => labelOf(labels, locate(pair, "earlier"), locate(pair, "later")));
    const good = (k: number) =>
      verdicts.slice(0, k).filter((l) => l?.verdict === "real" || l?.verdict === "arguable").length;
    const real = (k: number) => verdicts.slice(0, k).filter((l) => l?.verdict === "real").length;
    const unlabelled = verdicts.filter((l) => !l).length;
    const shown10 = Math.min(10, top.length);
    const shown20 = Math.min(20, top.length);
    console.log(
      `  ${speaker}: ${views.length} statements, ${ranked.length} pairs flagged; top 10: ${good(10)}/${shown10} real or arguable (${real(10)} real); top 20: ${good(20)}/${shown20} (${real(20)} real)${unlabelled ? `; ${unlabelled} unlabelled (counted as no)` : ""}`,
    );
    top.forEach((pair, rank) => {
      if (verdicts[rank]) return;
      const [a, b] = [locate(pair, "earlier"), locate(pair, "later")];
      console.log(
        `    unlabelled #${rank + 1}: ${a?.doc} ${a?.span.start}-${a?.span.end} / ${b?.doc} ${b?.span.start}-${b?.span.end}`,
      );
      if (draft && a && b) {
        drafts.push({
          speaker,
          rank: rank + 1,
          a: { doc: a.doc, content: [a.span.start, a.span.end] },
          b: { doc: b.doc, content: [b.span.start, b.span.end] },
          aText: pair.earlier.content,
          bText: pair.later.content,
          aContext: pair.earlier.context,
          bContext: pair.later.context,
          reasons: pair.reasons,
        });
      }
    });
    // Reversals the articles name: found when they are among the first RECALL_DEPTH ranked pairs.
    const named = labels.filter((l) => l.speaker === speaker && l.named);
    const depth = ranked
      .slice(0, RECALL_DEPTH)
      .map((p) => [locate(p, "earlier"), locate(p, "later")] as const);
    for (const label of named) {
      const found = depth.some(([a, b]) => labelOf([label], a, b));
      namedTotal++;
      if (found) namedFound++;
      else
        console.log(
          `    named reversal missed: ${label.a.doc} ${label.a.content} / ${label.b.doc} ${label.b.content} (${label.why})`,
        );
    }
    const key = `s${index + 1}`;
    figures[`${key}Flagged`] = ranked.length;
    figures[`${key}Shown10`] = shown10;
    figures[`${key}Good10`] = good(10);
    figures[`${key}Shown20`] = shown20;
    figures[`${key}Good20`] = good(20);
    figures[`${key}Real20`] = real(20);
    figures[`${key}Unlabelled20`] = unlabelled;
  });
  console.log(
    `  reversals named by reporters found in the top ${RECALL_DEPTH}: ${namedFound}/${namedTotal} (${percent(namedFound, namedTotal)})`,
  );
  console.log(`  (s1..s5 = ${SPEAKERS.join(", ")})`);
  figures.namedReversals = namedTotal;
  figures.namedFound = namedFound;
  figures.namedRecall = share(namedFound, namedTotal);
  if (draft) {
    const out = path.join(outDir, "mixed-draft.jsonl");
    writeFileSync(out, drafts.map((d) => JSON.stringify(d)).join("\n") + (drafts.length ? "\n" : ""));
    console.log(`  ${drafts.length} unlabelled pairs → ${out}`);
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ctx = await contextFromArgs();
  await run(ctx, process.argv.includes("--draft"));
  await ctx.store.close();
}
