/**
 * The app's static files, read once at start: its stylesheet and chart script (public/), and uPlot's
 * browser build straight from node_modules (no build step, no copy in the repo). Served with a long cache
 * life only for uPlot, whose name does not change with our edits.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";

const ROOT = path.join(import.meta.dirname, "..", "..");

const FILES: Record<string, { file: string; type: string; immutable?: boolean }> = {
  "app.css": { file: "public/app.css", type: "text/css" },
  "person-chart.js": { file: "public/person-chart.js", type: "text/javascript" },
  "uPlot.iife.min.js": {
    file: "node_modules/uplot/dist/uPlot.iife.min.js",
    type: "text/javascript",
    immutable: true,
  },
  "uPlot.min.css": { file: "node_modules/uplot/dist/uPlot.min.css", type: "text/css", immutable: true },
};

export function registerAssets(app: FastifyInstance): void {
  const loaded = new Map(
    Object.entries(FILES).map(([name, spec]) => [
      name,
      { ...spec, body: readFileSync(path.join(ROOT, spec.file)) },
    ]),
  );
  app.get("/assets/:name", { schema: { hide: true } }, async (request, reply) => {
    const asset = loaded.get((request.params as { name: string }).name);
    if (!asset) return reply.callNotFound();
    return reply
      .type(`${asset.type}; charset=utf-8`)
      .header("cache-control", asset.immutable ? "public, max-age=86400" : "no-cache")
      .send(asset.body);
  });
}
