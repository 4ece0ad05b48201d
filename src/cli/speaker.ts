import type { SpeakerCandidate, Store } from "../record/store.ts";
import { UsageError } from "./common.ts";

/**
 * What every `--speaker NAME` (and `person NAME`) means: the one person the lookup rule finds
 * (record/speaker-lookup.ts). A name several people answer to is refused with the candidates listed, so
 * the user picks one by full name or id; main turns the UsageError into exit code 2.
 */
export async function resolveSpeaker(store: Store, query: string, db: string): Promise<SpeakerCandidate> {
  const lookup = await store.lookupSpeaker(query);
  if ("found" in lookup) return lookup.found;
  if ("ambiguous" in lookup) throw new UsageError(ambiguityMessage(query, lookup.ambiguous));
  throw new UsageError(`no speaker named ${JSON.stringify(query)} in ${db}`);
}

export function ambiguityMessage(query: string, candidates: readonly SpeakerCandidate[]): string {
  const width = Math.min(40, Math.max(...candidates.map((c) => c.name.length)));
  const lines = candidates.map(
    (c) =>
      `  ${c.name.padEnd(width)}  id ${String(c.id).padStart(5)}  ${String(c.statements).padStart(5)} statements${c.qid ? `  ${c.qid}` : ""}`,
  );
  return [
    `${JSON.stringify(query)} names ${candidates.length} people; give a full name or an id (--speaker ID):`,
    ...lines,
  ].join("\n");
}
