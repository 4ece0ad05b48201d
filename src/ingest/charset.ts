/**
 * The text of a fetched page, decoded the way browsers decide (WHATWG encoding sniffing, simplified):
 * a byte-order mark wins, then the charset of the Content-Type header, then a <meta charset> or
 * <meta http-equiv> in the first bytes, then UTF-8 when the bytes are valid UTF-8, else windows-1252
 * (what pages labelled ISO-8859-1 or not labelled at all almost always are).
 */
const META_SNIFF_BYTES = 4096;

export interface DecodedPage {
  text: string;
  /** The encoding used, as TextDecoder names it ("utf-8", "windows-1252"). */
  encoding: string;
  /** Where the encoding came from. */
  source: "bom" | "header" | "meta" | "utf-8 check" | "default";
}

export function decodePage(bytes: Uint8Array, contentType?: string | null): DecodedPage {
  const bom = bomEncoding(bytes);
  if (bom)
    return {
      text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)),
      encoding: bom.encoding,
      source: "bom",
    };
  const fromHeader = usableEncoding(charsetOf(contentType));
  if (fromHeader) return { text: decode(bytes, fromHeader), encoding: fromHeader, source: "header" };
  const fromMeta = usableEncoding(metaCharset(bytes));
  if (fromMeta) return { text: decode(bytes, fromMeta), encoding: fromMeta, source: "meta" };
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true }).decode(bytes),
      encoding: "utf-8",
      source: "utf-8 check",
    };
  } catch {
    return { text: decode(bytes, "windows-1252"), encoding: "windows-1252", source: "default" };
  }
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  return null;
}

export function charsetOf(contentType: string | null | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "");
  return match?.[1];
}

/** <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x"> near the top. */
function metaCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 maps each byte to one character, so an ASCII declaration is found whatever the encoding.
  const head = Buffer.from(bytes.subarray(0, META_SNIFF_BYTES)).toString("latin1");
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct?.[1];
}

/** A label TextDecoder knows; a page declaring UTF-16 in ASCII markup is not UTF-16 (WHATWG rule). */
function usableEncoding(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    return encoding.startsWith("utf-16") ? "utf-8" : encoding;
  } catch {
    return undefined;
  }
}

function decode(bytes: Uint8Array, encoding: string): string {
  if (encoding === "windows-1252") return decodeWindows1252(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * Characters of windows-1252 bytes 0x80-0x9F (curly quotes, dashes, €). Node's TextDecoder reports
 * "windows-1252" but decodes these as C1 control characters (plain Latin-1), so we map them ourselves;
 * every other byte is the code point of the same number in both.
 */
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}
