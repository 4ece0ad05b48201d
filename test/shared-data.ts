import { existsSync } from "node:fs";
import path from "node:path";

/** ../shared/data beside the checkout: third-party data sets, read at run time, never copied here. */
export const SHARED_DATA = path.resolve(import.meta.dirname, "../../shared/data");

/**
 * A data set under ../shared/data, and what a test that needs it passes as `skip`: false when it is
 * there, else a message naming what is missing.
 */
export function sharedData(relative: string): { path: string; skip: string | false } {
  const full = path.join(SHARED_DATA, relative);
  return { path: full, skip: existsSync(full) ? false : `../shared/data/${relative} absent` };
}
