/**
 * Extraction time against article size (issue 13, case 3): one generated article of each size, made of
 * invented paragraphs with many distinct names, lone capitalised words and first-person quotes (the
 * lookups that were once a scan per mention), through the default pipeline. Prints seconds per size and
 * the ratio of the largest to 1 MB; linear means the ratio stays near the size ratio (10 MB < 10x 1 MB).
 *
 *   npm run bench:speakers -- [--sizes 0.1,1,10] [--extractor combined|rules]
 */
import { parseArgs } from "node:util";
import { analyze, type Extractor, pipelineWith } from "../src/nlp/pipeline.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "0.1,1,10" },
    extractor: { type: "string", default: "combined" },
  },
});
const sizes = (values.sizes ?? "").split(",").map(Number);
if (sizes.some((mb) => !(mb > 0)))
  throw new Error(`--sizes: positive megabytes expected, got "${values.sizes}"`);

const GIVEN =
  "Ada Jonas Helena Tobias Marta Orla Felix Greta Ivo Lena Nadia Oskar Petra Rolf Selma Tomas Ulla Vera Willem Yara".split(
    " ",
  );
const SURNAMES =
  "Quill Castellan Voss Wren Renner Fenwick Farrow Marrow Bell Lund Varga Ferrante Holt Ibsen Kray Lorne Moss Nyx Orme Pratt".split(
    " ",
  );

/** Letters for a number (0 → "a", 27 → "bb"), so that every generated name is a distinct word. */
const letters = (i: number) =>
  i.toString(26).replace(/./g, (d) => String.fromCharCode(97 + Number.parseInt(d, 26)));

function article(bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const person = `${GIVEN[i % 20]} ${SURNAMES[Math.floor(i / 20) % 20]}${letters(Math.floor(i / 400))}`;
    const other = `${GIVEN[(i * 7 + 3) % 20]} ${SURNAMES[(i * 3 + 1) % 20]}`;
    const paragraph =
      `${person}, the harbour minister, said on Tuesday that the port would reopen. "We will not wait," ` +
      `${person.split(" ")[1]} said. She added that ${other} had agreed. The minister told reporters she was ` +
      `hopeful. Officials in Tessary${letters(i)} agreed, and Kestrel${letters(i % 50)} said it would help. ` +
      `Later Saltmere${letters(i)} and Orba said they were ready.\n\n`;
    parts.push(paragraph);
    length += paragraph.length;
  }
  return parts.join("");
}

const pipeline = pipelineWith(values.extractor as Extractor);
analyze(article(20_000), pipeline); // load the models before timing
const seconds = new Map<number, number>();
for (const mb of sizes) {
  const text = article(mb * 1_000_000);
  const started = performance.now();
  const doc = analyze(text, pipeline);
  const took = (performance.now() - started) / 1000;
  seconds.set(mb, took);
  console.log(
    `${mb} MB: ${took.toFixed(1)} s, ${doc.attributions.length} attributions, ${doc.mentions.length} mentions`,
  );
}
const base = seconds.get(1);
const largest = Math.max(...sizes);
if (base && largest > 1)
  console.log(
    `${largest} MB / 1 MB: ${((seconds.get(largest) ?? 0) / base).toFixed(1)}x the time for ${largest}x the text`,
  );
