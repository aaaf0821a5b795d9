/**
 * The word lists name recognition reads: titles, suffixes and heads that type a name, particles kept
 * inside names, capitalised words that are never names, and the nouns and verbs around a name that say
 * what it names. General English and news conventions only, no story-specific names.
 */
function set(words: string): Set<string> {
  return new Set(words.trim().split(/\s+/));
}

/** Titles before a person's name; used as a kind cue and removed from the name. */
export const TITLES = set(`
mr mrs ms miss mx messrs mme dr prof professor sir dame lord lady president vice-president premier chancellor
minister secretary senator sen rep representative congressman congresswoman governor gov mayor judge justice
general gen lt lieutenant col colonel maj captain capt sgt sergeant admiral adm commander cmdr officer detective
ambassador envoy speaker leader chairman chairwoman commissioner director sheriff attorney counsel prosecutor
king queen prince princess emperor empress pope rev reverend father bishop archbishop cardinal rabbi imam sheikh
ayatollah spokesman spokeswoman spokesperson secretary-general tsar czar sultan emir duke duchess earl countess
baron baroness marshal brigadier corporal coach dean administrator marquis marquess viscount
`);

/** Words that build a title together with one of {@link TITLES}: "Foreign Minister", "Secretary of State". */
export const TITLE_MODIFIERS = set(`
foreign prime vice deputy defense defence interior finance justice health home chief attorney former acting
senior junior majority minority supreme press executive special first crown grand assistant associate
lieutenant brigadier major field rear state national security adviser advisor opposition general presidential
ex then late labour labor education trade economy economic energy environment transport culture agriculture
treasury commerce homeland intelligence armed services select judiciary parliamentary federal regional provincial
affairs of the and
`);

/** Last words that make a name an organisation. */
export const ORG_SUFFIXES = set(`
agency ministry party union council committee court bank airlines airline airways inc corp corporation company
co ltd llc plc group times news post journal press network institute university college school department
bureau office commission association federation foundation organisation organization parliament congress
senate assembly church army navy force forces police service services administration authority board fund
trust league club society museum hospital campaign coalition alliance movement front watch broadcasting
television radio channel tribune herald telegraph gazette review magazine motors electric industries holdings
partners systems technologies media international guard corps cabinet government brigade regiment academy
centre center reserve exchange tribunal commission house agency library station studios records publishing
caucus division unit conference democrats republicans tories conservatives liberals socialists
`);

/** Words in front of a name or title that describe the person's status, not their name: "Former Trump aide". */
export const STATUS_WORDS = set('former then late acting ex current incoming outgoing disgraced embattled veteran');

/** Last words that make a name a place: "James River", "Assembly Hall". */
export const PLACE_SUFFIXES = set(`
street avenue road square bridge river mountains mountain island islands lake park airport hall castle palace
tower cathedral abbey valley bay coast county district province region forest desert canal harbour harbor beach
heights plaza stadium arena
`);

/** First words that make a name a place: "Fort Duquesne", "Mount Everest", "Port Charles". */
export const PLACE_FIRST = set('fort mount mt lake port cape camp');

/** Last words of events, eras and works, which are never people even after a given name ("Roman Empire"). */
export const THING_SUFFIXES = set(`
empire dynasty war wars revolution conquest treaty crisis affair scandal act bill prize award cup bowl games
olympics festival day era age period christmas sports adventures show series reform reformation doctrine
`);

/** First words that, followed by "of", make an organisation: "University of …", "Bank of …". */
export const ORG_HEADS = set(`
university bank department ministry bureau institute museum college school church house court council commission
committee office board chamber academy center centre society association federation union league order congress
parliament assembly senate government
`);

/** First words that, followed by "of", make a place: "Republic of …", "Gulf of …". */
export const PLACE_HEADS = set(`
republic kingdom duchy principality empire province state city county gulf bay isle isles sea cape lake mount
port strait island islands
`);

/** Words after which "of" continues a name (the heads above, titles, events). */
export const OF_HEADS = new Set([
  ...ORG_HEADS, ...PLACE_HEADS, ...TITLES,
  ...set('battle siege treaty peace edict act war diet secretary minister bishop'),
]);

/** Lower-case particles inside names: "Leo van der Berg", "Rio de Janeiro", "bin Salman". */
export const PARTICLES = set('de del della di da do dos das du van von der den ter la le bin ibn al el y upon');

/** Suffixes that belong to a person's name and distinguish father from son. */
export const NAME_SUFFIXES = set('jr sr ii iii iv v');


/** Capitalised words that start sentences or clauses but are never names. */
export const NEVER_NAMES = set(`
i the a an this that these those it he she we they you his her their our my its there here when while if as
after before but and or so yet among since until although though despite however meanwhile also still then now
earlier later last next some many most all no not why what who whom where how which one two three every each
such other another both either neither nor for from with without into onto upon over under about above below
between through during again further once today tonight tomorrow yesterday please thanks yes read sign more
image photo photograph picture video caption advertisement related
`);

/** Times of day and time zones: capitalised, often all-caps, never names. */
export const TIME_WORDS = set('am pm a.m p.m gmt utc bst cet cest est edt cst cdt mst mdt pst pdt ist eet eest msk aest jst');

/** Adjectives of direction or era that are not names on their own ("Western nations"). */
export const LONE_ADJECTIVES = set('western eastern northern southern central soviet medieval ancient modern early late');

/** Abbreviations whose final dot belongs to the word. */
export const DOTTED_ABBREVIATIONS = set('mr mrs ms dr prof st jr sr gen sen rep gov lt col sgt capt maj adm cmdr rev inc corp co ltd mt ft messrs mme');

/** Lower-case nouns that, right before a name, say what it names. */
export const PERSON_NOUNS = set(`
president minister secretary spokesman spokeswoman spokesperson leader senator lawyer attorney campaigner activist
dissident journalist envoy ambassador chairman chairwoman candidate adviser advisor aide director founder author
reporter correspondent editor professor husband wife son daughter father mother brother sister friend colleague
cousin player coach judge governor mayor general officer citizen resident opponent rival critic prisoner blogger
writer poet singer actor actress artist businessman businesswoman billionaire economist analyst historian
scientist researcher deputy representative congressman congresswoman lawmaker legislator politician commander chief
prosecutor counsel pastor priest bishop king queen prince princess emperor photographer student teacher doctor
nurse widow uncle aunt grandson granddaughter nephew niece boyfriend girlfriend partner assistant manager owner
executive chancellor premier dictator ruler strongman figure champion captain star striker goalkeeper presenter
host comedian director producer composer musician novelist architect engineer inventor explorer philosopher
theologian monk pope saint
`);
export const ORG_NOUNS = set(`
agency company firm group party newspaper outlet broadcaster airline carrier bank network channel website
organisation organization union ministry daily weekly magazine tabloid station manufacturer maker retailer startup
charity nonprofit watchdog regulator movement coalition alliance club team university college school institute
platform app service brand publisher insurer lender operator giant conglomerate band label studio
`);
export const PLACE_NOUNS = set('city town village capital region province county district country island port suburb neighbourhood neighborhood municipality');

export const SPEECH_VERBS = set(`
said says told added wrote posted tweeted stated noted explained insisted warned announced asked replied responded
confirmed denied argued claimed continued recalled acknowledged admitted testified argues claims writes notes
suggests suggested believes believed explains insists warns recalls adds asks
`);
