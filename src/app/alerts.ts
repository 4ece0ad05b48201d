import type { MixedPair, WordWeights } from "../analysis/mixed.ts";
import type { Store } from "../record/store.ts";
import type { Fetcher } from "../web/fetcher.ts";
import { speakerMixed, storeWordWeights } from "./speaker-record.ts";

/** One alert line: a newly stored statement flagged against an earlier one of a watched speaker. */
export interface Alert extends MixedPair {
  type: "mixed-message";
  speaker: string;
  /** The article just stored that completed the pair. */
  articleId: string;
}

/**
 * `watch --alert SPEAKERS`: after each stored article, the watched speakers' statements are judged as
 * `mixed` judges them, and every flagged pair with one statement in the new article and one in an
 * earlier article becomes an alert (printed, and POSTed to a webhook when one is given).
 */
export class Alerter {
  private readonly pending: Promise<void>[] = [];
  /** Word rarity for the poll cycle in progress: built once, not once per stored article. */
  private weights: WordWeights | undefined;

  constructor(
    private readonly store: Store,
    private readonly speakers: readonly string[],
    private readonly emit: (alert: Alert) => void,
    private readonly webhook?: { url: string; fetcher: Fetcher; onError: (message: string) => void },
  ) {}

  /** Judges the watched speakers after `articleId` was stored; `flush` waits for it (and its posts). */
  check(articleId: string): void {
    this.pending.push(this.alertsFor(articleId));
  }

  private async alertsFor(articleId: string): Promise<void> {
    const alerts: Alert[] = [];
    const seen = new Set<number>();
    for (const name of this.speakers) {
      // Looked up each time, by the rule every --speaker follows: a speaker may enter the record after
      // the watch started. A name several people answer to alerts for none (the user gives a full name).
      const lookup = await this.store.lookupSpeaker(name);
      if (!("found" in lookup) || seen.has(lookup.found.id)) continue;
      const person = lookup.found;
      seen.add(person.id);
      this.weights ??= await storeWordWeights(this.store);
      const found = await speakerMixed(this.store, String(person.id), {
        limit: Number.MAX_SAFE_INTEGER,
        weights: this.weights,
      });
      for (const pair of found.pairs) {
        const newEarlier = pair.earlier.articleId === articleId;
        const newLater = pair.later.articleId === articleId;
        if (newEarlier === newLater) continue;
        alerts.push({ type: "mixed-message", speaker: person.name, articleId, ...pair });
      }
    }
    for (const alert of alerts) {
      this.emit(alert);
      if (this.webhook) {
        const { url, fetcher, onError } = this.webhook;
        this.pending.push(
          fetcher
            .post(url, JSON.stringify(alert))
            .then(() => undefined)
            .catch((error: Error) => onError(`webhook ${url}: ${error.message}`)),
        );
      }
    }
  }

  /** Waits for the webhook posts sent so far. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
    // The next poll cycle sees the articles this one stored.
    this.weights = undefined;
  }
}
