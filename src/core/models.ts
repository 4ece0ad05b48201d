/**
 * The one way the product reads its committed models (models/). Each file is described in
 * models/manifest.json: its name, format version, the npm script that trains it, the data it was trained
 * on and the figures it reached, so a missing or stale file says how to remake it.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export const MODELS_DIR = new URL("../../models/", import.meta.url);

export interface ModelEntry {
  /** The file under models/. */
  file: string;
  name: string;
  version: string;
  /** The npm script that writes the file ("npm run train:ner"). */
  training: string;
  data: string;
  figures: string;
  /** Whether the default ingest pipeline reads it (the others are APIs and experiments). */
  inProduct: boolean;
}

let manifest: ModelEntry[] | undefined;

export function modelManifest(): ModelEntry[] {
  manifest ??= JSON.parse(readFileSync(new URL("manifest.json", MODELS_DIR), "utf8")) as ModelEntry[];
  return manifest;
}

/** A committed model file by its name under models/. */
export function modelUrl(file: string): URL {
  return new URL(file, MODELS_DIR);
}

/** The bytes of a model file, gunzipped when the name ends in .gz; a missing file names how to make it. */
export function readModelFile(location: string | URL): Buffer {
  const path = typeof location === "string" ? location : fileURLToPath(location);
  if (!existsSync(path)) {
    const name = path.split(/[\\/]/).pop() ?? path;
    const entry = modelManifest().find((model) => model.file === name);
    const remedy = entry ? `: run ${entry.training}` : "";
    throw new Error(`model file missing: ${path}${remedy}`);
  }
  const bytes = readFileSync(path);
  return path.endsWith(".gz") ? gunzipSync(bytes) : bytes;
}

/** A JSON model file (gzipped or not), parsed. */
export function readModelJson<T>(location: string | URL): T {
  return JSON.parse(readModelFile(location).toString("utf8")) as T;
}
