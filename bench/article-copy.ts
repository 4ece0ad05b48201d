import { articleId, type ProcessedArticle } from "../src/process.ts";

/**
 * Renames an article's speakers consistently within it: each new name is one of `people` invented people,
 * a fifth of the time one of the first `prominent` (so a few people are quoted far more than the rest).
 */
export function speakerRenamer(
  random: () => number,
  people: { prominent: number; total: number; name: (index: number) => string },
): (original: string) => string {
  const rename = new Map<string, string>();
  return (original) => {
    let name = rename.get(original);
    if (!name) {
      const index =
        random() < 0.2 ? Math.floor(random() * people.prominent) : Math.floor(random() * people.total);
      name = people.name(index);
      rename.set(original, name);
    }
    return name;
  };
}

/**
 * Copy `i` of a processed article for a generated store: its speakers renamed, its date and outlet set, and
 * `tail` appended to both texts. The tail comes after every span, so offsets stay exact.
 */
export function articleCopy(
  base: ProcessedArticle,
  i: number,
  copy: { tail: string; published: string; outlet: string; rename: (name: string) => string },
): ProcessedArticle {
  const text = base.text + copy.tail;
  const { rename } = copy;
  return {
    ...base,
    id: articleId(text),
    origin: `generated:${i}`,
    text,
    rawText: base.rawText + copy.tail,
    published: copy.published,
    outlet: copy.outlet,
    title: `${base.title ?? "Report"} (${i})`,
    url: `https://news.example/${i}`,
    statements: base.statements.map((s) =>
      s.speaker && s.speaker.kind === "person"
        ? { ...s, speaker: { ...s.speaker, name: rename(s.speaker.name) } }
        : s,
    ),
    people: base.people.map((p) =>
      p.kind === "person" ? { ...p, name: rename(p.name), aliases: [rename(p.name)] } : p,
    ),
  };
}
