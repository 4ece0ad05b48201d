/**
 * Feature templates for the POS tagger and the chunker, and the mapping from our tokens to the forms
 * CoNLL-2003 (Penn Treebank conventions) uses, since both models were trained on it.
 */

/**
 * Our tokenizer keeps typographic characters that the Reuters CoNLL text never has: curly quotes,
 * en and em dashes. Mapping them to their ASCII Treebank forms lets the tagger's word features fire.
 */
export function conllForm(word: string): string {
  if (word === "“" || word === "”" || word === "„" || word === "«" || word === "»") return '"';
  if (word === "‘" || word === "’" || word === "`") return "'";
  if (word === "—" || word === "–" || word === "---") return "--";
  return word.replace(/[’‘]/g, "'");
}

/** A word class for rare-word generalisation: digits, years and hyphenated words share features. */
function normalized(word: string): string {
  if (/^\d{4}$/.test(word)) return "!YEAR";
  if (/^\d/.test(word)) return "!DIGITS";
  if (word.length > 1 && word.includes("-") && !word.startsWith("-")) return "!HYPHEN";
  return word.toLowerCase();
}

/** "Xxxx", "XX", "dd-dd": case and digit pattern with repeated classes collapsed. */
function shape(word: string): string {
  let out = "";
  for (let i = 0; i < word.length && out.length < 6; i++) {
    const code = word.charCodeAt(i);
    // ASCII fast path: this runs on every token, and Unicode regexes per character are slow.
    let c: string;
    if (code >= 65 && code <= 90) c = "X";
    else if (code >= 97 && code <= 122) c = "x";
    else if (code >= 48 && code <= 57) c = "d";
    else if (code < 128) c = word[i];
    else {
      const ch = word[i];
      c = ch.toLowerCase() !== ch ? "X" : ch.toUpperCase() !== ch ? "x" : ch;
    }
    if (out.length < 2 || out[out.length - 1] !== c || out[out.length - 2] !== c) out += c;
  }
  return out;
}

/** Precomputed per-sentence context, so each template is a string concatenation. */
export interface WordContext {
  words: string[];
  norms: string[];
  shapes: string[];
}

export function wordContext(words: readonly string[]): WordContext {
  const forms = words.map(conllForm);
  return { words: forms, norms: forms.map(normalized), shapes: forms.map(shape) };
}

const START = ["-START-", "-START2-"];
const END = ["-END-", "-END2-"];

function normAt(ctx: WordContext, i: number): string {
  if (i < 0) return START[-i - 1] ?? "-START-";
  if (i >= ctx.norms.length) return END[i - ctx.norms.length] ?? "-END-";
  return ctx.norms[i];
}

/** Honnibal's templates plus shape and longer suffixes, which matter for names and capitalised headlines. */
export function posFeatures(ctx: WordContext, i: number, prev: string, prev2: string): string[] {
  const w = ctx.norms[i];
  const p1 = normAt(ctx, i - 1);
  const n1 = normAt(ctx, i + 1);
  return [
    "b",
    `w ${w}`,
    `s3 ${w.slice(-3)}`,
    `s2 ${w.slice(-2)}`,
    `s4 ${w.slice(-4)}`,
    `p1 ${w[0]}`,
    `sh ${ctx.shapes[i]}`,
    `cap ${ctx.shapes[i][0] === "X" ? (i === 0 ? "first" : "mid") : "no"}`,
    `t-1 ${prev}`,
    `t-2 ${prev2}`,
    `t-1-2 ${prev} ${prev2}`,
    `t-1w ${prev} ${w}`,
    `w-1 ${p1}`,
    `s-1 ${p1.slice(-3)}`,
    `w-2 ${normAt(ctx, i - 2)}`,
    `w+1 ${n1}`,
    `s+1 ${n1.slice(-3)}`,
    `w+2 ${normAt(ctx, i + 2)}`,
    `ww-1 ${p1} ${w}`,
  ];
}

/** Chunk features: words and POS in a ±2 window, POS n-grams, and the two previous chunk tags. */
export function chunkFeatures(
  ctx: WordContext,
  tags: readonly string[],
  i: number,
  prev: string,
  prev2: string,
): string[] {
  const t = (k: number) => (k < 0 ? "-S-" : k >= tags.length ? "-E-" : tags[k]);
  const w = ctx.norms[i];
  return [
    "b",
    `w ${w}`,
    `w-1 ${normAt(ctx, i - 1)}`,
    `w+1 ${normAt(ctx, i + 1)}`,
    `t ${t(i)}`,
    `t-1 ${t(i - 1)}`,
    `t-2 ${t(i - 2)}`,
    `t+1 ${t(i + 1)}`,
    `t+2 ${t(i + 2)}`,
    `t-1t ${t(i - 1)} ${t(i)}`,
    `tt+1 ${t(i)} ${t(i + 1)}`,
    `t-2-1t ${t(i - 2)} ${t(i - 1)} ${t(i)}`,
    `tt+1+2 ${t(i)} ${t(i + 1)} ${t(i + 2)}`,
    `wt ${w} ${t(i)}`,
    `c-1 ${prev}`,
    `c-2 ${prev2} ${prev}`,
    `c-1t ${prev} ${t(i)}`,
    `c-1tw ${prev} ${t(i)} ${w}`,
    `c-1t+1 ${prev} ${t(i)} ${t(i + 1)}`,
  ];
}
