import { words } from "./words.ts";

/**
 * The nouns reporters use for speakers, people, groups and organisations ("the senator", "officials",
 * "the campaign"): standard English news vocabulary written by hand.
 */

/**
 * Nouns for speakers that are people or groups ("the senator", "officials", "a spokesman").
 * Roles that name one person map to "person"; plural groups to "group".
 */
export const SOURCE_NOUNS: ReadonlyMap<string, "person" | "group" | "organization"> = new Map([
  ...words(`
  someone somebody everyone everybody nobody anyone president senator congressman congresswoman
  governor mayor candidate nominee spokesman spokeswoman spokesperson secretary director chairman
  chairwoman chair leader official aide adviser advisor strategist analyst lawmaker representative
  businessman billionaire minister ambassador judge justice attorney lawyer chief speaker senior
  manager founder author professor economist expert pollster historian reporter host writer columnist
  editor commentator critic source person man woman voter supporter donor operative consultant vice
  veteran mother father wife husband daughter son friend ceo executive officer general commander
  prosecutor counsel sheriff pope king queen prime emperor activist organizer delegate member
  resident student campaigner frontrunner front-runner incumbent challenger republican democrat
  independent conservative liberal progressive libertarian magnate mogul tycoon entrepreneur hopeful
  contender rival
`).map((noun) => [noun, "person"] as const),
  ...words(`
  officials aides advisers advisors lawmakers senators republicans democrats voters supporters
  critics experts analysts sources people members leaders conservatives liberals progressives
  economists observers strategists donors delegates candidates activists protesters protestors
  americans residents others some many both most all investigators prosecutors reporters scientists
  researchers historians pollsters insiders operatives allies opponents evangelicals independents
  respondents polls surveys studies reports documents emails records data figures numbers results
  percent half third quarter majority majorities plurality minority fans crowd audience attendees
  participants employers employees workers unions businesses families parents teachers officers troops
`).map((noun) => [noun, "group"] as const),
  ...words(`
  campaign administration government department ministry agency committee company firm group
  organization organisation party office court council kremlin pentagon commission bureau board house
  senate congress network newspaper paper magazine station channel team union coalition association
  institute foundation center centre poll survey study report analysis statement memo letter article
  story website site book ad video tweet document bill law index service police fbi cia nsa state
  university guild authority embassy
`).map((noun) => [noun, "organization"] as const),
]);
