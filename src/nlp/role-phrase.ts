/**
 * Which roles are stored for a person. A role must be an office, title or description: a noun phrase
 * headed by a title or person noun from the role lexicon ("Republican presidential nominee", "senator
 * from Vermont", "Sen."), or a party word ("Republican"). The words the extractor found before a name are
 * often not one ("what kind of candidate", "call came after rival", "Maples nor", "Bennett's"): here they
 * are cut to the noun phrase around the head, or dropped when there is no head.
 *
 * On the real-news store this took junk among the roles of the 30 most quoted people from 123 of 376 to
 * the figure in docs/real-news-eval.md ("Roles").
 */
import { FIRST_NAME_GENDER } from "./lexicon/given-names.ts";
import { HONORIFICS, PARTY_WORDS } from "./lexicon/speaker-words.ts";
import { tagPos } from "./pos/index.ts";
import { isRoleHead } from "./roles.ts";

/** Tags of words that may qualify a head inside a role: adjectives, nouns, numbers, participles, possessives. */
const MODIFIER_TAG = /^(JJ|NN|CD|VBN|POS)/;
/** Words that open a role's complement: "senator from Vermont", "chairman of the committee". */
const COMPLEMENT_OPENERS = new Set(["of", "for", "from", "at", "in", "to", "on", "with"]);
/** Determiners allowed right after a complement opener ("student at an upstate academy"). */
const DETERMINERS = new Set(["a", "an", "the"]);
/** Words that end a role: clause words and conjunctions that start something else. */
const STOPPERS = new Set(
  "who which that whose whom when while before after since than as nor or but".split(" "),
);

/** "BushASSOCIATED", "PRESSOhio": page furniture run into the text. */
const GLUED = /\p{Ll}\p{Lu}|\p{Lu}{2,}\p{Ll}/u;

const bare = (word: string) =>
  word
    .toLowerCase()
    .replace(/['’]s?$/, "")
    .replace(/[,;:]$/, "");

/** A word that can head a role: a title or person noun, or a party word; never an honorific alone. */
function headAt(words: readonly string[], tags: readonly string[], i: number): boolean {
  const word = bare(words[i]);
  if (HONORIFICS.has(word) || HONORIFICS.has(`${word}.`)) return false;
  if (PARTY_WORDS[word]) return true;
  // A title with a period ("Sen.", "Gov.") whatever its tag; a head noun only where it is a noun.
  return isRoleHead(word) && (word.endsWith(".") || /^(NN|JJ)/.test(tags[i] ?? ""));
}

/**
 * The role's head: the last head word before the role's complement ("delegate lead over rival" is about
 * the rival; "Secretary of State and ..." keeps Secretary), or -1.
 */
function headIndex(words: readonly string[], tags: readonly string[]): number {
  let head = -1;
  for (let i = 0; i < words.length; i++) {
    if (head >= 0 && COMPLEMENT_OPENERS.has(words[i].toLowerCase())) break;
    if (headAt(words, tags, i)) head = i;
  }
  return head;
}

const isModifier = (words: readonly string[], tags: readonly string[], i: number) =>
  MODIFIER_TAG.test(tags[i] ?? "") &&
  !GLUED.test(words[i]) &&
  !STOPPERS.has(words[i].toLowerCase()) &&
  !/["“”'']{1,2}\p{L}/u.test(words[i]);

const titleWord = (words: readonly string[], tags: readonly string[], i: number) =>
  /^\p{Lu}/u.test(words[i]) && isModifier(words, tags, i);

/** The role phrase `role` holds, cut to its noun phrase, or null when it holds none. */
export function rolePhrase(role: string): string | null {
  const words = role.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const tags = tagPos(words);
  const head = headIndex(words, tags);
  if (head < 0 || GLUED.test(words[head])) return null;
  let start = head;
  while (start > 0) {
    if (isModifier(words, tags, start - 1)) start--;
    // "Harbour and Fisheries Minister": "and" between capitalised words of one title, not before the head.
    else if (start > 1 && start < head && words[start - 1] === "and" && titleWord(words, tags, start - 2)) {
      start -= 2;
    } else break;
  }
  let end = head + 1;
  while (end < words.length) {
    const word = words[end];
    const lower = word.toLowerCase();
    // A first name after the role starts someone else's name: "former Maryland Gov. Martin O'Malley".
    if (FIRST_NAME_GENDER.has(lower)) break;
    // A plural right after the head makes the head a modifier of a group: "Progressive groups".
    if (end === head + 1 && /^NNP?S$/.test(tags[end] ?? "") && !headAt(words, tags, end)) return null;
    const afterOpener = COMPLEMENT_OPENERS.has(words[end - 1].toLowerCase());
    const joinsRoles = lower === "and" && end + 1 < words.length && isModifier(words, tags, end + 1);
    if (
      COMPLEMENT_OPENERS.has(lower) ||
      joinsRoles ||
      (afterOpener && DETERMINERS.has(lower)) ||
      headAt(words, tags, end) ||
      isModifier(words, tags, end)
    ) {
      end++;
      continue;
    }
    break;
  }
  // A complement cut short ("CEO of", "senior adviser to Mr") ends at its last full word.
  while (
    end > head + 1 &&
    (COMPLEMENT_OPENERS.has(words[end - 1].toLowerCase()) ||
      DETERMINERS.has(words[end - 1].toLowerCase()) ||
      words[end - 1].toLowerCase() === "and" ||
      HONORIFICS.has(words[end - 1].toLowerCase()))
  ) {
    end--;
  }
  return words.slice(start, end).join(" ");
}

/** Role strings repeat across statements and articles: each is tagged once (bounded, cleared when full). */
const phraseCache = new Map<string, string | null>();
const PHRASE_CACHE_LIMIT = 10_000;

/** The roles to store for a person: each cut to its role phrase, without those that hold none. */
export function storedRoles(roles: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const role of roles) {
    let phrase = phraseCache.get(role);
    if (phrase === undefined) {
      phrase = rolePhrase(role);
      if (phraseCache.size >= PHRASE_CACHE_LIMIT) phraseCache.clear();
      phraseCache.set(role, phrase);
    }
    if (phrase) out.add(phrase);
  }
  return [...out];
}
