import { createRequire } from "node:module";
import type RobotsParserModule from "robots-parser";

// robots-parser is CommonJS with `module.exports = fn`, which its ESM-style types do not describe.
const robotsParser = createRequire(import.meta.url)("robots-parser") as typeof RobotsParserModule.default;
type Robots = ReturnType<typeof robotsParser>;

/** What fetching /robots.txt gave: its text, "none" (4xx: everything allowed) or "unreachable". */
export type RobotsFetch = { kind: "text"; text: string } | { kind: "none" } | { kind: "unreachable" };

/** What robots.txt says about one URL: whether it may be fetched, and the site's Crawl-delay if any. */
export interface RobotsVerdict {
  allowed: boolean;
  /** The Crawl-delay for our user agent (or `*`), in ms, at most the cache's cap. */
  crawlDelayMs?: number;
}

/**
 * robots.txt, fetched once per origin and kept for the run (RFC 9309): a missing file (4xx) allows
 * everything; an unreachable one (5xx, network error) disallows everything for that origin, since the
 * site may be struggling and the rules are unknown. Crawl-delay is not in RFC 9309 but many news sites
 * set it; it is obeyed up to `maxCrawlDelayMs`, so one line cannot stall a run for hours per page.
 */
export class RobotsCache {
  private readonly cache = new Map<string, Promise<Robots | "allow-all" | "disallow-all">>();

  constructor(
    private readonly userAgent: string,
    private readonly fetchRobots: (robotsUrl: string) => Promise<RobotsFetch>,
    private readonly maxCrawlDelayMs: number,
  ) {}

  async check(url: URL): Promise<RobotsVerdict> {
    const origin = url.origin;
    let entry = this.cache.get(origin);
    if (!entry) {
      const robotsUrl = `${origin}/robots.txt`;
      entry = this.fetchRobots(robotsUrl).then((result) =>
        result.kind === "text"
          ? robotsParser(robotsUrl, result.text)
          : result.kind === "none"
            ? "allow-all"
            : "disallow-all",
      );
      this.cache.set(origin, entry);
    }
    const robots = await entry;
    if (robots === "allow-all") return { allowed: true };
    if (robots === "disallow-all") return { allowed: false };
    const allowed = robots.isAllowed(url.href, this.userAgent) !== false;
    const seconds = Number(robots.getCrawlDelay(this.userAgent));
    if (!(seconds > 0)) return { allowed };
    return { allowed, crawlDelayMs: Math.min(seconds * 1000, this.maxCrawlDelayMs) };
  }
}
