import { createRequire } from "node:module";
import type RobotsParserModule from "robots-parser";

// robots-parser is CommonJS with `module.exports = fn`, which its ESM-style types do not describe.
const robotsParser = createRequire(import.meta.url)("robots-parser") as typeof RobotsParserModule.default;
type Robots = ReturnType<typeof robotsParser>;

/** What fetching /robots.txt gave: its text, "none" (4xx: everything allowed) or "unreachable". */
export type RobotsFetch = { kind: "text"; text: string } | { kind: "none" } | { kind: "unreachable" };

/**
 * robots.txt, fetched once per origin and kept for the run (RFC 9309): a missing file (4xx) allows
 * everything; an unreachable one (5xx, network error) disallows everything for that origin, since the
 * site may be struggling and the rules are unknown.
 */
export class RobotsCache {
  private readonly cache = new Map<string, Promise<Robots | "allow-all" | "disallow-all">>();

  constructor(
    private readonly userAgent: string,
    private readonly fetchRobots: (robotsUrl: string) => Promise<RobotsFetch>,
  ) {}

  async allowed(url: URL): Promise<boolean> {
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
    if (robots === "allow-all") return true;
    if (robots === "disallow-all") return false;
    return robots.isAllowed(url.href, this.userAgent) !== false;
  }
}
