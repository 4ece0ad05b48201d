import { firstIndex } from "./sorted.ts";
import type { Span } from "./span.ts";

/**
 * Maps offsets in a derived text back to the text it was cut from: the cleaned text to the extracted
 * text (the cleaner's map), the extracted text to the page where that is known (src/core/provenance.ts).
 * Below, "clean" is the derived side and "raw" the side it was cut from.
 *
 * Cleaning only ever removes material, so the cleaned text is the concatenation of kept raw segments.
 * The map stores those segments in order (start offsets in both texts) and answers each lookup by
 * binary search, O(log n) in the number of segments.
 */
export interface OffsetMap {
  /** Raw offset of the character at `cleanOffset`; `cleanLength` maps to just after the last kept character. */
  toRaw(cleanOffset: number): number;
  /** Raw span of a clean span: start at the raw position of its first character, end just after its last. */
  spanToRaw(span: Span): Span;
  /** Clean offset of a raw offset; a removed position maps to the next kept character. */
  fromRaw(rawOffset: number): number;
  /** Kept raw segments in order, for inspection and tests. */
  readonly segments: readonly KeptSegment[];
  /** The map as plain data, for storing and sending. */
  data(): TextMap;
}

export interface KeptSegment {
  cleanStart: number;
  rawStart: number;
  length: number;
}

/**
 * A map as plain data (JSON, structured clone, a store column): its segments and the length of the text
 * it maps into. What `OffsetMap.data()` gives and `offsetMapFrom` reads back.
 */
export interface TextMap {
  segments: KeptSegment[];
  /** Length of the text the map points into (the raw side). */
  rawLength: number;
}

/**
 * Rebuilds a map from its data, as read back from a store: the segments must be in order, each starting
 * where the previous one ended on the clean side and not before it on the raw side, inside `rawLength`.
 */
export function offsetMapFrom(data: TextMap): OffsetMap {
  let cleanLength = 0;
  let rawEnd = 0;
  data.segments.forEach((segment, index) => {
    const { cleanStart, rawStart, length } = segment;
    const integers = [cleanStart, rawStart, length].every(Number.isInteger);
    if (!integers || length <= 0 || cleanStart !== cleanLength || rawStart < rawEnd) {
      throw new RangeError(
        `offset map segment ${index} (${JSON.stringify(segment)}) is out of order or not whole`,
      );
    }
    cleanLength += length;
    rawEnd = rawStart + length;
  });
  if (!Number.isInteger(data.rawLength) || rawEnd > data.rawLength) {
    throw new RangeError(`offset map reaches ${rawEnd}, past the length of its text (${data.rawLength})`);
  }
  return new SegmentOffsetMap(
    data.segments.map((segment) => ({ ...segment })),
    cleanLength,
    data.rawLength,
  );
}

/** Builds the map from the raw spans that were kept, sorted and non-overlapping. Empty spans are ignored. */
export function offsetMapFromKept(kept: readonly Span[], rawLength: number): OffsetMap {
  const segments: KeptSegment[] = [];
  let cleanStart = 0;
  for (const span of kept) {
    const length = span.end - span.start;
    if (length <= 0) continue;
    const last = segments[segments.length - 1];
    // Adjacent kept spans merge, so an untouched text is a single identity segment.
    if (last && last.rawStart + last.length === span.start) last.length += length;
    else segments.push({ cleanStart, rawStart: span.start, length });
    cleanStart += length;
  }
  return new SegmentOffsetMap(segments, cleanStart, rawLength);
}

export function identityOffsetMap(length: number): OffsetMap {
  return offsetMapFromKept([{ start: 0, end: length }], length);
}

class SegmentOffsetMap implements OffsetMap {
  readonly segments: readonly KeptSegment[];
  private readonly cleanLength: number;
  private readonly rawLength: number;

  constructor(segments: KeptSegment[], cleanLength: number, rawLength: number) {
    this.segments = segments;
    this.cleanLength = cleanLength;
    this.rawLength = rawLength;
  }

  toRaw(cleanOffset: number): number {
    if (!Number.isInteger(cleanOffset) || cleanOffset < 0 || cleanOffset > this.cleanLength) {
      throw new RangeError(`clean offset ${cleanOffset} outside [0, ${this.cleanLength}]`);
    }
    if (this.segments.length === 0) return cleanOffset === 0 ? 0 : this.rawLength;
    if (cleanOffset === this.cleanLength) {
      const last = this.segments[this.segments.length - 1] as KeptSegment;
      return last.rawStart + last.length;
    }
    const segment = this.segments[this.lastSegmentAtOrBefore(cleanOffset, "cleanStart")] as KeptSegment;
    return segment.rawStart + (cleanOffset - segment.cleanStart);
  }

  data(): TextMap {
    return { segments: this.segments.map((segment) => ({ ...segment })), rawLength: this.rawLength };
  }

  spanToRaw(span: Span): Span {
    const start = this.toRaw(span.start);
    if (span.end <= span.start) return { start, end: start };
    // The end maps through the last character of the span, so it never reaches into removed material.
    return { start, end: this.toRaw(span.end - 1) + 1 };
  }

  fromRaw(rawOffset: number): number {
    if (!Number.isInteger(rawOffset) || rawOffset < 0 || rawOffset > this.rawLength) {
      throw new RangeError(`raw offset ${rawOffset} outside [0, ${this.rawLength}]`);
    }
    if (this.segments.length === 0) return 0;
    const index = this.lastSegmentAtOrBefore(rawOffset, "rawStart");
    if (index < 0) return 0;
    const segment = this.segments[index] as KeptSegment;
    const within = rawOffset - segment.rawStart;
    return segment.cleanStart + Math.min(within, segment.length);
  }

  /** Index of the last segment whose `key` start is <= offset, or -1. */
  private lastSegmentAtOrBefore(offset: number, key: "cleanStart" | "rawStart"): number {
    const segments = this.segments;
    return firstIndex(segments.length, (i) => (segments[i] as KeptSegment)[key] > offset) - 1;
  }
}
