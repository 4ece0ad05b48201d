import { createRequire } from "node:module";
import type { Country } from "world-countries";

/**
 * The world-countries data set (names, demonyms, capitals). The package ships its data as JSON; its
 * typings describe it but do not resolve as an ES default import.
 */
export const countries: readonly Country[] = createRequire(import.meta.url)("world-countries/countries.json");
