/**
 * Whole lines of page furniture that scrapers leave in article text: ad markers and
 * share/subscribe/follow prompts. Each rule matches a complete line (trimmed), never part of one,
 * and the wording is kept narrow on purpose: newsroom copy such as "Subscribe to HuffPost's politics
 * podcast here." or "Sign up to get an email from the reporter" is the outlet's own text and stays.
 */

/** Ad slot labels: the whole line is the label, optionally boxed in dashes or bullets. */
const AD_MARKER =
  /^[\s\-–—*·•|]*(?:advertisement|story continues below advertisement|article continues below advertisement)[\s\-–—*·•|]*$/i;

/** Share/subscribe/follow prompts. */
const PROMPT_PATTERNS: readonly RegExp[] = [
  /^share (?:on|to|via) (?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|email|messenger)\b/i,
  /^share this (?:article|story|post|page|video)\b/i,
  /^subscribe to (?:our|the) newsletters?\b/i,
  /^sign up for (?:our|the|a|free|daily|weekly|breaking)\b/i,
  /^follow us on (?:facebook|twitter|x|instagram|linkedin|tiktok|youtube|threads|bluesky)\b/i,
  /^click here to\b/i,
  /^(?:read more|related|see also)\s*:/i,
];

/**
 * A prompt line longer than this is more likely a real paragraph that happens to start with the
 * same words; furniture lines are short (a headline at most).
 */
const MAX_PROMPT_LENGTH = 200;

export function isBoilerplateLine(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed) return false;
  if (AD_MARKER.test(trimmed)) return true;
  if (trimmed.length > MAX_PROMPT_LENGTH) return false;
  return PROMPT_PATTERNS.some((pattern) => pattern.test(trimmed));
}
