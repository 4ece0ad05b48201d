import { words } from "./words.ts";

/**
 * Given names by gender, for pronoun agreement and for telling a person's name from other capitalised
 * words: a hand-picked set of common US first names (the U.S. Social Security Administration's popular
 * baby names lists, 1930s-1990s) plus first names of politicians frequent in US political news.
 */

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
