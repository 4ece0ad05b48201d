/**
 * Tags a CoNLL-2003 file: `npm run --silent predict:ner -- IN > OUT` writes `token TAG` lines (IOB2) in
 * the input's order, with `-DOCSTART- O` and blank lines where the input has documents and sentences.
 */
import { formatConll, readConll } from "../src/nlp/ner/conll.ts";
import { defaultModel, tagConll } from "../src/nlp/ner/index.ts";

const input = process.argv[2];
if (!input) {
  console.error("usage: predict-ner.ts FILE.conll > predictions.txt");
  process.exit(2);
}
const documents = readConll(input);
process.stdout.write(`${formatConll(documents, tagConll(defaultModel(), documents))}\n`);
