/** Splits a whitespace-separated word list: the lists in this folder stay compact and diff-friendly. */
export function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}
