import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A local HTTP server on 127.0.0.1 serving project-written pages, feeds and hostile cases. */
export class TestServer {
  readonly routes = new Map<string, Handler>();
  /** Every request seen, "METHOD /path", for checking what was (not) fetched. */
  readonly log: string[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<import("node:net").Socket>();
  base = "";

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.log.push(`${request.method} ${request.url}`);
      const handler = this.routes.get(request.url ?? "/");
      if (handler) handler(request, response);
      else {
        response.statusCode = 404;
        response.end("not found");
      }
    });
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(pathname: string): string {
    return `${this.base}${pathname}`;
  }

  /** Serves a fixed body with a content type (and optional extra headers). */
  serve(
    pathname: string,
    body: string | Buffer,
    type = "text/html; charset=utf-8",
    headers: Record<string, string> = {},
  ): void {
    this.routes.set(pathname, (_request, response) => {
      response.writeHead(200, { "content-type": type, ...headers });
      response.end(body);
    });
  }

  requests(pathname: string): number {
    return this.log.filter((line) => line.endsWith(` ${pathname}`)).length;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** A project-written news page: a headline, a byline, a date and paragraphs with a quote. */
export function newsPage(
  slug: string,
  options: { title?: string; published?: string; canonical?: string; extra?: string } = {},
): string {
  const title = options.title ?? `Harbour council votes on ${slug}`;
  const canonical = options.canonical ? `<link rel="canonical" href="${options.canonical}">` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${canonical}
<meta name="author" content="Ines Varga"><meta property="article:published_time" content="${options.published ?? "2026-02-03"}"></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav><article><h1>${title}</h1>
<p>The Saltmere harbour council voted on Tuesday on the ${slug} plan after a long evening of debate in the old customs hall.</p>
<p>"We cannot keep waiting for the ferries to decide our future," said Mayor Orla Penhallow, who backed the plan from the start.</p>
<p>Opponents said the cost of the ${slug} works had doubled since the first estimate and asked for a new survey of the quay.</p>
<p>${options.extra ?? "The council will publish the full minutes of the meeting next week."}</p>
</article><footer>© Saltmere Courier</footer></body></html>`;
}

const bin = path.resolve(import.meta.dirname, "../bin/onrecord.js");

/** Runs the CLI without blocking this process's event loop (the test server lives in it). */
export function runCliAsync(
  cwd: string,
  args: string[],
  options: { onSpawn?: (child: import("node:child_process").ChildProcess) => void } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.onSpawn?.(child);
  });
}
