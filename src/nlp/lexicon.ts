/**
 * Word lists for attribution extraction and speaker resolution.
 *
 * Where the lists come from: the cue verbs are the reporting and belief verbs that PolNeAR's
 * guidelines describe (speech, writing, belief, evidence), ordered and pruned by how often each
 * appears as a cue in the PolNeAR *train* split (counted with awk over the .ann files; no text was
 * copied). Titles, source nouns and pronouns are standard English news vocabulary written by hand
 * (AP style titles, the nouns reporters use for groups of speakers). The given-name gender list is a
 * hand-picked set of common US first names (the U.S. Social Security Administration's popular
 * baby names lists, 1930s-1990s) plus first names of politicians frequent in US political news.
 */

/** Splits a whitespace-separated word list (keeps the long lists below compact and diff-friendly). */
export function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** Inflects a regular verb: base, third person, past, present participle. */
function inflect(lemma: string): string[] {
  const doubled = DOUBLING.has(lemma) ? lemma + lemma.at(-1) : lemma;
  if (lemma.endsWith("e")) return [lemma, `${lemma}s`, `${lemma}d`, `${lemma.slice(0, -1)}ing`];
  if (/[^aeiou]y$/.test(lemma)) {
    const stem = lemma.slice(0, -1);
    return [lemma, `${stem}ies`, `${stem}ied`, `${lemma}ing`];
  }
  const third = /(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
  return [lemma, third, `${doubled}ed`, `${doubled}ing`];
}

/** Verbs that double their final consonant before -ed/-ing. */
const DOUBLING = new Set(
  words(`
  admit regret commit plan prefer refer submit rebut quip confer
`),
);

/** Irregular forms of cue verbs: lemma → all forms. */
const IRREGULAR: Record<string, string[]> = {
  say: ["say", "says", "said", "saying"],
  tell: ["tell", "tells", "told", "telling"],
  write: ["write", "writes", "wrote", "written", "writing"],
  think: ["think", "thinks", "thought", "thinking"],
  know: ["know", "knows", "knew", "known", "knowing"],
  feel: ["feel", "feels", "felt", "feeling"],
  find: ["find", "finds", "found", "finding"],
  show: ["show", "shows", "showed", "shown", "showing"],
  speak: ["speak", "speaks", "spoke", "spoken", "speaking"],
  foresee: ["foresee", "foresees", "foresaw", "foreseen"],
  forecast: ["forecast", "forecasts", "forecasting"],
  read: ["reads"],
  hold: ["holds", "held"],
  swear: ["swear", "swears", "swore", "sworn"],
  understand: ["understand", "understands", "understood"],
  teach: ["teaches", "taught"],
};

/**
 * Verbs that introduce what someone said or wrote. "say/tell/write/add/ask" lead the PolNeAR train
 * counts by far; the rest each occur 10+ times as cues there.
 */
const SPEECH_LEMMAS = words(`
  say tell write add ask note announce argue claim warn insist deny tweet explain declare state
  suggest acknowledge admit assert contend maintain predict promise vow pledge reply respond answer
  recall report reveal repeat stress emphasize complain concede confirm caution charge comment
  continue observe remark retort quip joke boast brag urge propose mention testify speculate allege
  accuse blast criticize slam lament counter wonder scoff estimate conclude agree disclose recount
  hint imply indicate signal proclaim affirm reiterate yell shout describe call cite praise defend
  dismiss blame reject denounce decry question demand threaten assure inform remind advise explain
  posit speak swear forecast foresee concur emphasise criticise suggest hold
`);

/** Verbs of belief, wish and knowledge; PolNeAR annotates reported beliefs as attributions. */
const BELIEF_LEMMAS = words(`
  think believe feel figure hope fear know expect worry doubt assume suspect guess reckon understand
  realize wish want consider insist imagine
`);

/** Verbs whose subject is often a study or poll ("the poll shows"): still attributions in PolNeAR. */
const EVIDENCE_LEMMAS = ["show", "find", "indicate", "suggest", "read", "conclude", "teach"];

function forms(lemmas: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const lemma of lemmas) {
    if (lemma.includes(" ")) continue;
    for (const form of IRREGULAR[lemma] ?? inflect(lemma)) map.set(form, lemma);
  }
  return map;
}

/**
 * Surface forms that PolNeAR annotators marked as cues in at least a third of their occurrences in the
 * *train* split (and at least 6 times): counted by matching each lowercase word in the train texts
 * against the gold cue spans. They cover PolNeAR's broad notion of attribution (stances and acts
 * such as "endorsed", "declined", "seemed") that plain reporting-verb lists miss.
 */
const TRAIN_CUE_FORMS = words(`
  supported pushed presented threatened promote preferred convince approved answered prefer sees
  oppose worried repeated learned identified attributed apologized pressed delivering considered
  welcomed endorsing talking estimated embraced spoke backing decided favored persuade accused
  accuses accusing acknowledge acknowledged adds admits admitted alleging announce announcing
  appeared appears applauded asking assailed asserted assured attacked bemoaned blamed blasted
  blasting boasted called calling cautioned challenged championed chanted chants cited cites citing
  claiming complained conceded concluded condemned confirmed continued criticized criticizing declare
  declared declaring declined decried deemed defended denied denounced denouncing described describes
  describing disclosed discuss discussed dismissed dismissing echoed emailed emphasized encouraged
  endorsed expected explaining express expressed forecast highlighted hints hoped hopes hoping
  implied indicated invoked issued joked lamented likened listed mentioned mentioning mocked mocking
  named offered opposed ordered pleaded pledging pointed portray portrayed posted praising predicted
  predicting projected promised promising proposed proposing questioned questioning quoted railed
  recalled recalling recommended referenced referred referring refused refusing reiterated rejected
  remarked reminded reminding repeating replied reported requested responded retweeted revealed seeks
  seemed seems showed shows signaled slammed slams sought sounded stating stressed talked telling
  thanked touted touting tweeting urging voiced vowed vowing vows warning wondered
`);

/** Lemma stand-in for train-derived forms that are not inflections of a listed lemma: the form itself. */
function trainForms(existing: Map<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const form of TRAIN_CUE_FORMS) if (!existing.has(form)) map.set(form, form);
  return map;
}

const LISTED_FORMS = new Map([...forms(EVIDENCE_LEMMAS), ...forms(BELIEF_LEMMAS), ...forms(SPEECH_LEMMAS)]);

/** Surface form → lemma for every cue verb. */
const TRAIN_ONLY = trainForms(LISTED_FORMS);
export const CUE_VERBS: ReadonlyMap<string, string> = new Map([...LISTED_FORMS, ...TRAIN_ONLY]);

/** Cue forms known only from the train counts (mostly stance and act verbs: "endorsed", "refused"). */
export const TRAIN_ONLY_FORMS: ReadonlySet<string> = new Set(TRAIN_ONLY.keys());

export const BELIEF_VERBS: ReadonlySet<string> = new Set(BELIEF_LEMMAS);

/**
 * Verbs that take the person addressed as an object before the content ("told reporters that",
 * "warned Congress that"), so the object is skipped when looking for the content.
 */
export const OBJECT_VERBS: ReadonlySet<string> = new Set(
  words(`
  tell ask warn assure inform remind advise urge promise teach
`),
);

/**
 * Cue verbs whose content is an object or infinitive rather than a clause ("criticized Clinton's
 * record", "refused to fight"): their content ends at the first comma. Train-derived forms that are
 * not inflections of a listed lemma (see TRAIN_CUE_FORMS) count as object verbs too.
 */
export const OBJECT_CONTENT_VERBS: ReadonlySet<string> = new Set(
  words(`
  accuse blast criticize praise call cite defend dismiss blame reject denounce decry question demand
  threaten slam lament urge describe deny propose want wish hold post mention speak read continue
`),
);

/** Cue verbs that can stand after a quote with the source after them: `"...," said Smith`. */
export const INVERTIBLE_VERBS: ReadonlySet<string> = new Set(
  words(`
  say add ask write note explain continue reply respond answer declare insist argue warn recall quip
  joke counter observe remark state tweet concede acknowledge retort wonder
`),
);

/** Verbs that are cues only before a quote, a colon or "that" ("continued:", "knows that"); kept to those whose looser use lowered train F1. */
export const WEAK_VERBS: ReadonlySet<string> = new Set(
  words(`
  continue hold read speak consider know answer charge state counter signal comment imagine
  understand teach post
`),
);

/** Nouns that carry a reported statement when followed by "that" ("repeated claims that ..."). */
export const CUE_NOUNS: ReadonlySet<string> = new Set(
  words(`
  claim claims assertion assertions statement remarks warning warnings belief argument insistence
  suggestion accusation accusations allegation allegations promise pledge announcement view charge
  denial prediction insisting
`),
);

/** Pronouns that can be the source of an attribution, with the kind of speaker they stand for. */
export const PRONOUNS: ReadonlyMap<string, "male" | "female" | "group" | "self" | "thing" | "relative"> =
  new Map([
    ["he", "male"],
    ["she", "female"],
    ["they", "group"],
    ["we", "group"],
    ["i", "self"],
    ["you", "group"],
    ["it", "thing"],
    ["who", "relative"],
    ["which", "relative"],
  ]);

/** Possessive pronouns and their gender, for noun cues ("his claims that ..."). */
export const POSSESSIVES: ReadonlyMap<string, "male" | "female" | "group" | "thing"> = new Map([
  ["his", "male"],
  ["her", "female"],
  ["their", "group"],
  ["its", "thing"],
]);

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

/** Titles and honorifics that precede a person's name; split off into roles. */
export const TITLES: ReadonlySet<string> = new Set(
  words(`
  mr. mrs. ms. miss dr. prof. sen. sens. rep. reps. gov. govs. lt. gen. col. capt. maj. sgt. adm.
  cmdr. pres. rev. hon. atty. supt. president senator sen rep congressman congresswoman governor
  mayor secretary director chairman chairwoman speaker leader judge justice ambassador minister
  chancellor premier king queen prince princess pope general admiral colonel captain sheriff
  commissioner attorney treasurer comptroller vice prime former first lady candidate nominee sir dame
  lord rabbi father sister pastor reverend bishop cardinal dean professor coach chief deputy
  assistant acting majority minority whip house senate state national press campaign white russian
  american democratic republican gop u.s. us federal special counsel executive officer spokesman
  spokeswoman spokesperson adviser advisor aide strategist manager businessman billionaire mr mrs ms
  dr emperor founder chair ceo cofounder co-founder anchor host commentator columnist pollster
`),
);

/**
 * More titles that precede a name in news ("NFL Insider Jo Bell", "NASA Administrator Jo Bell", "Lt
 * Jo Bell"), used by name parsing only: kept apart from TITLES, which the attribution extractor also reads.
 */
export const NAME_ONLY_TITLES: ReadonlySet<string> = new Set(
  words(`
  administrator insider correspondent reporter analyst editor negotiator envoy economist lt col sgt
  capt maj
`),
);

/**
 * Title words that end a title rather than qualify it: the name follows them ("Trade and Ports
 * Minister Helena Voss"), while modifiers ("former", "state", "national", "vice") and honorifics
 * only precede another title word or the name.
 */
export const HEAD_TITLES: ReadonlySet<string> = new Set(
  words(`
  sen. sens. rep. reps. gov. govs. lt. gen. col. capt. maj. sgt. adm. cmdr. pres. rev. hon. atty. supt.
  dr. prof. president senator congressman congresswoman governor mayor secretary director chairman
  chairwoman speaker leader judge justice ambassador minister chancellor premier king queen prince
  princess pope general admiral colonel captain sheriff commissioner attorney treasurer comptroller
  nominee candidate rabbi pastor reverend bishop cardinal dean professor coach chief counsel officer
  spokesman spokeswoman spokesperson adviser advisor aide strategist manager emperor founder chair ceo
  anchor host commentator columnist pollster economist mr. mrs. ms. mr mrs ms miss sir dame lord head
  administrator insider correspondent reporter analyst editor negotiator envoy lt col sgt capt maj
`),
);

/** Words that join a title to its domain ("Director of National Intelligence", "Secretary of State"). */
export const TITLE_JOINERS: ReadonlySet<string> = new Set(["of", "for", "on", "the", "and"]);

/** Name suffixes that distinguish people ("Donald Trump Jr." is not "Donald Trump"). */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set(["jr.", "jr", "sr.", "sr", "ii", "iii", "iv"]);

/** Particles inside surnames ("Chris Van Hollen", "Beto O'Rourke" has none, "Ludwig von Mises"). */
export const SURNAME_PARTICLES: ReadonlySet<string> = new Set(
  words(`
  van von de del della da di la le bin al der den du des dos das ter ten
`),
);

/** Honorifics whose gender is known, for pronoun agreement ("Mrs. Clinton" → she). */
export const GENDERED_TITLES: ReadonlyMap<string, "male" | "female"> = new Map([
  ["mr.", "male"],
  ["mr", "male"],
  ["mrs.", "female"],
  ["mrs", "female"],
  ["ms.", "female"],
  ["ms", "female"],
  ["miss", "female"],
  ["congressman", "male"],
  ["congresswoman", "female"],
  ["spokesman", "male"],
  ["spokeswoman", "female"],
  ["chairman", "male"],
  ["chairwoman", "female"],
  ["king", "male"],
  ["queen", "female"],
  ["prince", "male"],
  ["princess", "female"],
  ["lady", "female"],
  ["sir", "male"],
  ["dame", "female"],
  ["father", "male"],
  ["sister", "female"],
  ["businessman", "male"],
  ["businesswoman", "female"],
]);

/** Common US first names by gender (hand-picked from the SSA popular names lists, plus politicians). */
const MALE_NAMES = `james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey
ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory
alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary
peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl arthur
lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah
randy roy vincent ralph eugene russell bobby mason philip louis barack bernie bernard ted mitt marco
rand chris jeb ben mike mitch newt rick bill dick al chuck harry vladimir xi kim rudy rudolph jared
steve tim tom jim jeff reince corey rex dan dave bob rob ron ken greg pete sam abe hank herman jon
lindsey lamar orrin tommy thad boris emmanuel recep bashar bibi hassan shinzo narendra jair nicolas
martin luther lyndon dwight franklin woodrow ulysses abraham mikhail hosni muammar saddam osama ahmed
mohammed muhammad ali khalid carlos luis jorge pedro miguel antonio francisco manuel howard reid elliott
eliot preet merrick neil brett clarence antonin bret lou glenn rush tucker wolf jake anderson don beto
cory julian jay wilbur mick alex devin trey doug stewart matt`;

const FEMALE_NAMES = `mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine
christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria
olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances
gloria ann teresa kathryn sara janice jean alice madison doris abigail julia judy grace denise amber
marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis
kayla hillary kellyanne huma ivanka melania kamala kirsten tulsi nikki susana sonia loretta condoleezza
madeleine marine hope jill tiffany chelsea debbie dianne claire patty maxine tammy mia kristen ilhan
rashida alexandria ayanna stacey marsha carly megyn katy kate rosie omarosa betsy kirstjen gina jeanne
cindy meghan joni shelley lindsay heidi mazie maggie katie sheryl oprah taylor beyonce ellen ana sofia
lucia elena carmen rosa irene eva nina vera olga yulia marta paula`;

export const FIRST_NAME_GENDER: ReadonlyMap<string, "male" | "female"> = (() => {
  const map = new Map<string, "male" | "female">();
  for (const name of words(MALE_NAMES)) map.set(name, "male");
  for (const name of words(FEMALE_NAMES)) map.set(name, "female");
  return map;
})();

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

/** Adverbs and auxiliaries allowed between a source and its cue ("Trump has also repeatedly said"). */
export const VERB_GROUP_FILLERS: ReadonlySet<string> = new Set(
  words(`
  however therefore meanwhile too instead
  has have had also later since then still again once first previously recently repeatedly frequently
  often never always would will did does do may might could can should must is was are were be been
  being not n't now already just even only reportedly publicly privately quickly earlier today
  yesterday tonight soon long immediately initially apparently ultimately further eventually simply
  flatly openly explicitly specifically
`),
);

/** Words that end a content clause when they follow a comma (", but he has drawn ..."). */
export const CLAUSE_BREAKERS: ReadonlySet<string> = new Set(
  words(`
  but while although though whereas yet even despite which adding saying according noting arguing
  claiming insisting warning explaining telling
`),
);

/** Words that open a subordinate clause; content starts at "that" when it follows the cue closely. */
export const COMPLEMENTIZERS: ReadonlySet<string> = new Set(
  words(`
  that whether if how why what when who
`),
);

/** Day names and time words that sit between source and cue ("Trump on Tuesday said"). */
export const TIME_WORDS: ReadonlySet<string> = new Set(
  words(`
  monday tuesday wednesday thursday friday saturday sunday week month year morning afternoon evening
  night weekend today yesterday tonight earlier last this next on in at during sunday's day
`),
);
