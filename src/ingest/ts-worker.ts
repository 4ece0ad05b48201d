import { type ResourceLimits, Worker } from "node:worker_threads";

/**
 * Starts a worker thread on a TypeScript module. Node 20 does not apply a loader given by `--import` in
 * a worker's execArgv to the worker's own entry file, so the worker registers tsx itself and then
 * imports the entry. Both are absolute URLs, so this works from any current directory.
 */
export function typeScriptWorker(entry: URL, resourceLimits?: ResourceLimits): Worker {
  const bootstrap = `
    import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
      .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });
  `;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
