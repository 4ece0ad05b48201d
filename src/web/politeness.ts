/**
 * Per-host politeness: one request at a time per host (by default), and a pause between the end of one
 * request and the start of the next: the run's delay, or longer where the site's robots.txt asks for
 * it (Crawl-delay). A server's Retry-After pushes that host's next start later.
 */
export class HostGate {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly notBefore = new Map<string, number>();
  /** When the host's last request ended, so a Crawl-delay learnt later still spaces the next one. */
  private readonly lastEnd = new Map<string, number>();
  /** Pauses longer than `delayMs` that a host asked for (Crawl-delay). */
  private readonly hostDelays = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(host) ?? Promise.resolve();
    const turn = previous
      .catch(() => undefined)
      .then(async () => {
        const wait = this.startAt(host) - Date.now();
        if (wait > 0) await sleep(wait);
        try {
          return await task();
        } finally {
          this.lastEnd.set(host, Date.now());
        }
      });
    this.queues.set(host, turn);
    try {
      return await turn;
    } finally {
      // The last request of a host clears its queue entry, so a long watch does not grow the map.
      if (this.queues.get(host) === turn) this.queues.delete(host);
    }
  }

  /** The host's robots.txt asks for this pause between requests (used when longer than the run's delay). */
  setHostDelay(host: string, ms: number): void {
    if (ms > this.delayMs) this.hostDelays.set(host, ms);
    else this.hostDelays.delete(host);
  }

  /** The pause between two requests to `host`. */
  delayFor(host: string): number {
    return this.hostDelays.get(host) ?? this.delayMs;
  }

  /** The server asked us to come back later (Retry-After). */
  deferHost(host: string, ms: number): void {
    this.notBefore.set(host, Math.max(Date.now() + ms, this.notBefore.get(host) ?? 0));
  }

  private startAt(host: string): number {
    const last = this.lastEnd.get(host);
    const spaced = last === undefined ? 0 : last + this.delayFor(host);
    return Math.max(spaced, this.notBefore.get(host) ?? 0);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
