import { words } from "./words.ts";

/**
 * Words that mark organisations: names that need no marking noun and the head nouns of organisation names.
 * Written by hand from English news vocabulary.
 */

/** Organisations named without a noun that marks them ("the Kremlin", "the White House"). */
export const ORGANIZATION_NAMES: ReadonlySet<string> = new Set([
  "white house",
  "kremlin",
  "palace",
  "pentagon",
  "state department",
  "justice department",
  "congress",
  "senate",
  "house",
  "fbi",
  "cia",
  "nsa",
  "gop",
  "rnc",
  "dnc",
  "treasury",
  "supreme court",
  "un",
  "united nations",
  "nato",
  "eu",
  "european union",
  "downing street",
  "elysee",
  "politico",
  "cnn",
  "fox news",
  "msnbc",
  "the hill",
  "reuters",
  "ap",
  "associated press",
  "new york times",
  "washington post",
  "breitbart",
  "huffpost",
  "huffington post",
  "usa today",
  "wall street journal",
  "nbc",
  "cbs",
  "abc",
  "npr",
  "bbc",
  "twitter",
  "facebook",
  "google",
  "microsoft",
  "apple",
  "amazon",
]);

/** Words after which a capitalised word is an organisation ("Department", "Ministry", "Inc."). */
export const ORGANIZATION_HEADS: ReadonlySet<string> = new Set(
  words(`
  department ministry committee campaign administration party agency bureau commission council court
  office house senate congress inc. corp. co. ltd. group association institute foundation university
  college times post news journal network union center fund pac bank service services company
  corporation council network coalition alliance caucus government guild palace embassy authority
  police military army navy equities securities capital partners holdings brokerage league club
  studios records entertainment media labs technologies industries motors airlines airways
  institutes organization organisation federation
`),
);
