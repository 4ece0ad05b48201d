/** A topic a statement or article is about: a place, a name or an issue word, under one stable key. */
export interface TopicTerm {
  /** "place:russia", "issue:interference", "name:ada vell" */
  key: string;
  label: string;
  kind: "place" | "name" | "issue";
}
