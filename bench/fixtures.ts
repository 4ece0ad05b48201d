/**
 * Generated fictional articles for the crash test and for the benchmark when samples/corpus is absent.
 * Deterministic: article `i` is always the same text, and every index gives a different text (so a
 * different content hash). Names, places and outlets are invented.
 */
import { seededRandom as prng } from "../src/core/random.ts";

const SPEAKERS = [
  ["Minister", "Oren Valk"],
  ["Sen.", "Mira Solberg"],
  ["Mayor", "Tomas Arle"],
  ["Governor", "Lena Brask"],
  ["Councillor", "Ivo Marren"],
] as const;
const TOPICS = [
  "the harbour bridge",
  "the school budget",
  "the ferry contract",
  "the water levy",
  "the rail link",
];
const CUES = ["said", "told reporters", "argued", "insisted", "warned"];
const OUTLETS = ["The Fictional Ledger", "Harbourtown Courier", "Valley Dispatch"];

export function generatedArticle(index: number, seed = 42): string {
  const random = prng(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const [title, name] = pick(SPEAKERS);
  const [otherTitle, otherName] = pick(SPEAKERS);
  const topic = pick(TOPICS);
  const day = String(1 + (index % 28)).padStart(2, "0");
  const month = String(1 + (Math.floor(index / 28) % 12)).padStart(2, "0");
  const surname = name.split(" ")[1];
  const paragraphs = [
    `${title} ${name} ${pick(CUES)} on Tuesday that ${topic} would be decided within ${2 + (index % 9)} weeks.`,
    `“We have waited long enough, and report number ${index} proves it,” ${surname} said.`,
    `${otherTitle} ${otherName} disagreed. “This plan costs too much,” ${otherName.split(" ")[1]} said, adding that the figures were “not credible.”`,
    `According to ${surname}, the first payments could start in the spring.`,
  ];
  return [
    `Title: ${name} on ${topic} (${index})`,
    `Outlet: ${pick(OUTLETS)}`,
    `Date: 2026-${month}-${day}`,
    `URL: https://news.example/${index}`,
    "",
    ...paragraphs.flatMap((paragraph) => [paragraph, ""]),
  ].join("\n");
}
