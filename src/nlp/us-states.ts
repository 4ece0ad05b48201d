/**
 * US states by name, with the abbreviations news writes in party tags ("(R-Wis.)", "(D-NY)"): a
 * description naming a state ("the Wisconsin Republican") fits only a person known from that state.
 */
import { STATES } from "./lexicon/us-states.ts";

const BY_NAME = new Map(STATES.map(([name, postal, ap]) => [name, [postal, ap, ap.replace(/\.$/, "")]]));
/** Longer forms some papers use in tags ("Tex.", "Wisc."). */
const EXTRA: Record<string, string[]> = { texas: ["Tex."], wisconsin: ["Wisc."], michigan: ["Mich"] };

/** The state a description word names ("wisconsin" → true), for one- and two-word names. */
export function stateIn(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const two = `${words[i]} ${words[i + 1] ?? ""}`.toLowerCase();
    if (BY_NAME.has(two)) return two;
    if (BY_NAME.has(words[i].toLowerCase())) return words[i].toLowerCase();
  }
  return undefined;
}

/** True when a party tag's state ("Wis.", "WI", "Wisconsin") is the named state. */
export function isStateTag(state: string, tag: string): boolean {
  const forms = [...(BY_NAME.get(state) ?? []), ...(EXTRA[state] ?? []), state];
  const bare = tag.trim().toLowerCase().replace(/\.$/, "");
  return forms.some((f) => f.toLowerCase().replace(/\.$/, "") === bare);
}

/** "Wisconsin", "New Hampshire", "Va.", "Calif.", "NH": a state's name or abbreviation, never a person's. */
export function isStateName(text: string): boolean {
  const bare = text
    .replace(/^the\s+/i, "")
    .replace(/['’]s$/, "")
    .trim();
  if (BY_NAME.has(bare.toLowerCase())) return /^\p{Lu}/u.test(bare);
  return [...BY_NAME.values()].some((forms) => forms.slice(1).includes(bare) && /\./.test(bare));
}
