/**
 * Binary search over a sorted sequence: the first index in [0, length) where `reached` holds (it must then
 * hold for every later index too), else `length`. Spans, quotes and tokens are kept sorted so that
 * lookups stay logarithmic on a megabyte of text.
 */
export function firstIndex(length: number, reached: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
