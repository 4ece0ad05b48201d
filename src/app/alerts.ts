import { judgePair } from "../analysis/judge/index.ts";
import { findMixedMessages, type MixedPair } from "../analysis/mixed.ts";
import type { SqliteStore } from "../record/sqlite.ts";
import type { Fetcher } from "../web/fetcher.ts";

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

  constructor(
    private readonly store: SqliteStore,
    private readonly speakers: readonly string[],
    private readonly emit: (alert: Alert) => void,
    private readonly webhook?: { url: string; fetcher: Fetcher; onError: (message: string) => void },
  ) {}

  check(articleId: string): Alert[] {
    const alerts: Alert[] = [];
    const seen = new Set<string>();
    for (const name of this.speakers) {
      // Looked up each time: a speaker may enter the record after the watch started.
      const person = this.store.person(name);
      if (!person || seen.has(person.name)) continue;
      seen.add(person.name);
      const views = this.store.statementViews(person.name);
      if (!views.some((view) => view.articleId === articleId)) continue;
      for (const pair of findMixedMessages(views, judgePair, Number.POSITIVE_INFINITY)) {
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
    return alerts;
  }

  /** Waits for the webhook posts sent so far. */
  async flush(): Promise<void> {
    await Promise.all(this.pending.splice(0));
  }
}
