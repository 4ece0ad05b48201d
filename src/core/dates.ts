/**
 * Normalises a published date to ISO 8601: "YYYY-MM-DD" when only the day is known, otherwise a full
 * date-time. ISO inputs keep their own time zone (converting "2018-07-24T22:10-04:00" to UTC would
 * move the article to the next day); other formats go through Date.parse. Unparseable → undefined.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;
/** Epoch numbers below this are seconds, above it milliseconds (1e11 s is the year 5138). */
const EPOCH_SECONDS_LIMIT = 1e11;

export function normalizeDate(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    const date = new Date(value < EPOCH_SECONDS_LIMIT ? value * 1000 : value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!text) return undefined;
  const day = ISO_DATE.exec(text);
  if (day) return validDay(Number(day[1]), Number(day[2]), Number(day[3])) ? text : undefined;
  const dateTime = ISO_DATE_TIME.exec(text);
  if (dateTime) {
    const iso = `${dateTime[1]}T${dateTime[2]}${(dateTime[3] ?? "").toUpperCase()}`;
    return Number.isNaN(Date.parse(iso)) ? undefined : iso;
  }
  if (/^\d{9,13}$/.test(text)) return normalizeDate(Number(text));
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) return undefined;
  const date = new Date(parsed);
  // Without a time of day, Date.parse gives local midnight: report the calendar day that was written.
  if (!/\d:\d/.test(text)) return localDay(date);
  return date.toISOString();
}

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
