import { readFileSync } from "node:fs";

/**
 * Reader and writer for CoNLL-2003 files: one token a line (token first, tag last), blank lines between
 * sentences, `-DOCSTART-` lines between documents. Documents matter: the tagger's document-level features
 * look at the other sentences of the same story.
 */
export interface ConllSentence {
  tokens: string[];
  /** The last column of each token line (the gold tag), or "O" when the line has a single column. */
  tags: string[];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

const DOCSTART = "-DOCSTART-";

export function parseConll(text: string): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let document: ConllDocument | null = null;
  let sentence: ConllSentence | null = null;
  const endSentence = () => {
    if (sentence && sentence.tokens.length > 0) {
      if (!document) {
        document = { sentences: [] };
        documents.push(document);
      }
      document.sentences.push(sentence);
    }
    sentence = null;
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith(DOCSTART)) {
      endSentence();
      document = { sentences: [] };
      documents.push(document);
      continue;
    }
    if (!line) {
      endSentence();
      continue;
    }
    const columns = line.split(/\s+/);
    sentence ??= { tokens: [], tags: [] };
    sentence.tokens.push(columns[0]);
    sentence.tags.push(columns.length > 1 ? columns[columns.length - 1] : "O");
  }
  endSentence();
  return documents.filter((d) => d.sentences.length > 0);
}

export function readConll(path: string): ConllDocument[] {
  return parseConll(readFileSync(path, "utf8"));
}

/**
 * Writes `token TAG` lines with a `-DOCSTART- O` line before each document and a blank line after each
 * sentence: the layout score-ner.mjs and conlleval read. `tags[d][s][t]` replaces the sentence's tags.
 */
export function formatConll(documents: readonly ConllDocument[], tags?: readonly string[][][]): string {
  const lines: string[] = [];
  documents.forEach((document, d) => {
    lines.push(`${DOCSTART} O`, "");
    document.sentences.forEach((sentence, s) => {
      const sentenceTags = tags?.[d][s] ?? sentence.tags;
      sentence.tokens.forEach((token, t) => {
        lines.push(`${token} ${sentenceTags[t]}`);
      });
      lines.push("");
    });
  });
  return lines.join("\n");
}
