import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Span } from "../../src/nlp/doc.ts";

/**
 * Reads a PolNeAR split exactly as ../shared/tools/score-attributions.mjs does: the first annotator file
 * in name order, spans converted from code points to UTF-16 indices, Discard/Discuss ignored,
 * attributions kept when they have a cue or content.
 */
export interface GoldAttribution {
  source: Span[] | null;
  cue: Span[] | null;
  content: Span[];
}

export interface GoldArticle {
  name: string;
  text: string;
  attributions: GoldAttribution[];
}

function codePointToUnit(text: string): (cp: number) => number {
  const map: number[] = [];
  let unit = 0;
  for (const ch of text) {
    map.push(unit);
    unit += ch.length;
  }
  map.push(unit);
  return (cp) => map[Math.min(cp, map.length - 1)];
}

export function parseBrat(text: string, ann: string): GoldAttribution[] {
  const convert = codePointToUnit(text);
  const spans = new Map<string, Span[]>();
  const attributions: GoldAttribution[] = [];
  for (const line of ann.split("\n")) {
    const cols = line.split("\t");
    const textBound =
      line.startsWith("T") && cols.length >= 2 && cols[1].match(/^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/);
    if (textBound) {
      const ranges = textBound[2].split(";").map((range) => {
        const [start, end] = range.split(" ").map(Number);
        return { start: convert(start), end: convert(end) };
      });
      spans.set(cols[0], ranges);
    } else if (line.startsWith("E") && cols.length >= 2) {
      const attribution: GoldAttribution = { source: null, cue: null, content: [] };
      for (const part of cols[1].split(" ")) {
        const [role, id] = part.split(":");
        const ranges = spans.get(id);
        if (!ranges) continue;
        if (role === "Source") attribution.source = ranges;
        else if (role === "Cue") attribution.cue = ranges;
        else if (role.startsWith("Content")) attribution.content.push(...ranges);
      }
      if (attribution.cue || attribution.content.length) attributions.push(attribution);
    }
  }
  return attributions;
}

/** Loads every article of a split, sorted by name so training order is fixed. */
export function loadSplit(dir: string): GoldArticle[] {
  const texts = new Map<string, string>();
  for (const file of readdirSync(path.join(dir, "text")).sort()) {
    if (file.endsWith(".txt"))
      texts.set(file.slice(0, -4), readFileSync(path.join(dir, "text", file), "utf8"));
  }
  const annotations = new Map<string, string>();
  for (const file of readdirSync(path.join(dir, "attributions")).sort()) {
    const match = file.match(/^(.*)_([0-9a-f]{4})\.ann$/);
    if (!match || !texts.has(match[1]) || annotations.has(match[1])) continue;
    annotations.set(match[1], readFileSync(path.join(dir, "attributions", file), "utf8"));
  }
  return [...texts].map(([name, text]) => ({
    name,
    text,
    attributions: parseBrat(text, annotations.get(name) ?? ""),
  }));
}
