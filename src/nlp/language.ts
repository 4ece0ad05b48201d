import { franc } from "franc-min";
import { ENGLISH_FUNCTION_WORDS } from "./lexicon/english-function-words.ts";

/**
 * The language of an article, by franc's character-trigram profiles. The extractor and the speaker
 * resolver are trained on English news; on other languages they only produce noise ("ATENÇÃO" as a
 * speaker), so such articles are stored without statements.
 *
 * The first characters are enough: on the 91 benchmark pages and 924 PolNeAR articles, the first 1,000
 * give the same verdict as the first 3,000 (8 pages in German, Portuguese, Malay, Russian and Japanese; no
 * English article misread), at about 1 ms an article instead of 2.
 */
const SAMPLE_LENGTH = 1000;

/**
 * Below this many letters trigram profiles guess: a 75-character English sentence came out as Javanese
 * and was stored without statements. Short texts are "und" (undetermined), and undetermined is processed.
 */
export const MIN_LETTERS_TO_DETECT = 200;

/**
 * Share of English function words (lexicon/english-function-words.ts) from which a sample is English
 * without asking franc: franc's trigram distances were 16% of the CPU of processing a small article, and
 * almost every article ingested is plainly English. Measured over 1,055 texts (PolNeAR, the 91 benchmark
 * pages, the samples, the seed article; out/tmp tooling, see docs/figures.md): franc's English samples
 * have a median share of 0.30 (tenth percentile 0.25), its non-English ones at most 0.08; at 0.2 the
 * shortcut answers for most English texts and never where franc says otherwise. Below the share, or with
 * letters outside ASCII in more than 1 word in 50, franc decides as before.
 */
const OBVIOUSLY_ENGLISH_SHARE = 0.2;
const MIN_WORDS_FOR_SHORTCUT = 60;

/** ISO 639-3 code of the text's language; "und" (undetermined) when the text is too short to tell. */
export function languageOf(text: string): string {
  const sample = text.slice(0, SAMPLE_LENGTH);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS_TO_DETECT) return "und";
  return obviouslyEnglish(sample) ? "eng" : franc(sample);
}

/** Whether the sample is so plainly English (by its function words) that franc's answer is known. */
export function obviouslyEnglish(sample: string): boolean {
  let count = 0;
  let english = 0;
  let foreign = 0;
  for (const [word] of sample.matchAll(/\p{L}+/gu)) {
    count++;
    if (ENGLISH_FUNCTION_WORDS.has(word.toLowerCase())) english++;
    else if (/[^A-Za-z]/.test(word)) foreign++;
  }
  return (
    count >= MIN_WORDS_FOR_SHORTCUT && english >= count * OBVIOUSLY_ENGLISH_SHARE && foreign * 50 <= count
  );
}

/** Whether statements are extracted: English, or too little text to tell (then we try). */
export function isEnglish(language: string): boolean {
  return language === "eng" || language === "und";
}
