/**
 * Per-host politeness: one request at a time per host (by default), and a pause between the end of one
 * request and the start of the next. A server's Retry-After pushes that host's next start later.
 */
export class HostGate {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly notBefore = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(host) ?? Promise.resolve();
    const turn = previous
      .catch(() => undefined)
      .then(async () => {
        const wait = (this.notBefore.get(host) ?? 0) - Date.now();
        if (wait > 0) await sleep(wait);
        try {
          return await task();
        } finally {
          const next = Date.now() + this.delayMs;
          this.notBefore.set(host, Math.max(next, this.notBefore.get(host) ?? 0));
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

  /** The server asked us to come back later (Retry-After). */
  deferHost(host: string, ms: number): void {
    this.notBefore.set(host, Math.max(Date.now() + ms, this.notBefore.get(host) ?? 0));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
