import { franc } from "franc-min";

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

/** ISO 639-3 code of the text's language; "und" (undetermined) when the text is too short to tell. */
export function languageOf(text: string): string {
  const sample = text.slice(0, SAMPLE_LENGTH);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS_TO_DETECT) return "und";
  return franc(sample);
}

/** Whether statements are extracted: English, or too little text to tell (then we try). */
export function isEnglish(language: string): boolean {
  return language === "eng" || language === "und";
}
