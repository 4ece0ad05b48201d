/**
 * What the article does with a word wherever it occurs: whether it is treated as an organisation, written
 * in lowercase, or capitalised mid-sentence. Each answer reads only the word's own occurrences (from a
 * token index built once per article), so a lookup costs the number of uses, not the article's length.
 */
import type { Doc } from "./doc.ts";
import { tokenOccurrences } from "./mention-index.ts";
import { speakerNounKind } from "./roles.ts";

export class WordUses {
  private occurrences?: Map<string, number[]>;
  private readonly organizationVotes = new Map<string, boolean>();

  constructor(
    private readonly doc: Doc,
    private readonly sentenceOf: (offset: number) => number,
  ) {}

  private starts(word: string): readonly number[] {
    this.occurrences ??= tokenOccurrences(this.doc.tokens);
    return this.occurrences.get(word) ?? [];
  }

  /** True when `word` occurs as a token of its own somewhere in the article. */
  occurs(word: string): boolean {
    return this.starts(word).length > 0;
  }

  /**
   * True when the article writes `word` capitalised somewhere other than at the start of a sentence or
   * line: a name keeps its capital everywhere, a common noun only where position gives it one.
   */
  capitalizedMidSentence(word: string): boolean {
    return this.starts(word).some((start) => {
      const before = this.doc.text.slice(Math.max(0, start - 4), start);
      if (start <= 4 && before.trim() === "") return false;
      return !/[.!?:"“”‘’'\n(—–-]\s*$/u.test(before);
    });
  }

  /**
   * How the article refers back to a bare name: after each use of the word, the first pronoun in its
   * sentence ("Kestrel says it will", "Orba says ... its") or a plural verb right after it ("Harwood hope",
   * "Blue Lantern have") votes for an organisation; "he", "she", "his", "her" vote for a person.
   */
  treatedAsOrganization(word: string): boolean {
    const cached = this.organizationVotes.get(word);
    if (cached !== undefined) return cached;
    let organization = 0;
    let person = 0;
    // The word's own tokens: a possessive or hyphenated form is a token of its own, as the word
    // boundaries of a regex would have excluded it.
    for (const start of this.starts(word)) {
      const end = start + word.length;
      const sentence = this.doc.sentences[this.sentenceOf(start)];
      // The pronoun that refers back to a subject follows closely ("Kestrel on Tuesday announced that it");
      // later ones are as likely to mean someone else.
      const rest = this.doc.text
        .slice(end, Math.max(end, Math.min(end + 200, sentence?.end ?? end)))
        .split(/\s+/)
        .slice(0, 9)
        .join(" ");
      // "Clinton aides", "Trump Tower": the word modifies another noun and is not the subject.
      const next = /^\s*([\p{L}]+)/u.exec(rest)?.[1] ?? "";
      if (/^\p{Lu}/u.test(next) || speakerNounKind(next.toLowerCase()) !== undefined) continue;
      if (/^\s*(?:have|are|were|hope|say|want|plan|expect|believe|do)\b/.test(rest)) organization++;
      const pronoun = /\b(it|its|itself|they|their|he|she|his|her|him|himself|herself)\b/i.exec(rest)?.[1];
      if (!pronoun) continue;
      if (/^(it|its|itself|they|their)$/i.test(pronoun)) organization++;
      else person++;
    }
    const verdict = organization > person;
    this.organizationVotes.set(word, verdict);
    return verdict;
  }
}
