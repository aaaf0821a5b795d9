/**
 * The words attribution reading looks for: speech verbs, honorifics and titles, nouns for people and
 * organisations, pronouns, and the time words that may stand between a subject and its verb.
 */
import { WEEKDAY_NAMES } from '../text/calendar.js';

/** A lookup table without a prototype, so that words like "constructor" are not found in it. */
const table = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, entries);

/** Lemmas of verbs that attribute a statement: "X said", "X confirmed". */
export const SAY_VERBS: ReadonlySet<string> = new Set([
  'say', 'tell', 'report', 'confirm', 'announce', 'add', 'note', 'state', 'claim', 'write', 'post', 'tweet',
  'insist', 'argue', 'explain', 'warn', 'testify', 'acknowledge', 'admit', 'deny', 'declare', 'reply',
  'respond', 'allege', 'assert', 'reiterate', 'quote', 'stress', 'emphasise', 'emphasize', 'estimate',
]);

/** Further verbs that can introduce a quotation without being an attribution on their own. */
export const QUOTE_VERBS: ReadonlySet<string> = new Set([
  ...SAY_VERBS,
  'describe', 'call', 'dub', 'label', 'brand', 'term', 'hail', 'praise', 'thank', 'urge', 'vow', 'promise',
  'pledge', 'ask', 'joke', 'quip', 'recall', 'remark', 'comment', 'conclude', 'exclaim', 'shout', 'suggest',
  'complain', 'boast', 'concede', 'caution', 'counter', 'retort', 'continue', 'observe', 'mention',
  'contend', 'maintain', 'lament', 'wonder', 'muse', 'recount', 'answer', 'accuse', 'criticise', 'criticize',
  'slam', 'blast', 'mock', 'tout', 'demand', 'predict', 'whisper', 'scoff', 'sigh', 'laugh', 'agree',
]);

/** Courtesy titles kept with a name ("Mr Smith"), with the gender they mark. */
export const HONORIFICS: Record<string, 'm' | 'f' | undefined> = table({
  mr: 'm', 'mr.': 'm', sir: 'm', lord: 'm', ms: 'f', 'ms.': 'f', mrs: 'f', 'mrs.': 'f', miss: 'f', dame: 'f',
  lady: 'f', dr: undefined, 'dr.': undefined, mx: undefined, 'mx.': undefined, prof: undefined, 'prof.': undefined,
});

/** Job titles dropped before a name ("President Macron" → "Macron"); they also say the name is a person. */
export const TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'secretary', 'senator', 'sen', 'sen.', 'rep', 'rep.', 'representative',
  'congressman', 'congresswoman', 'governor', 'gov', 'gov.', 'mayor', 'general', 'gen', 'gen.', 'col', 'col.',
  'lt', 'lt.', 'capt', 'capt.', 'captain', 'adm', 'adm.', 'sgt', 'sgt.', 'judge', 'justice', 'chancellor',
  'king', 'queen', 'prince', 'princess', 'pope', 'cardinal', 'bishop', 'rev', 'rev.', 'reverend', 'chairman',
  'chairwoman', 'chair', 'director', 'chief', 'ceo', 'spokesman', 'spokeswoman', 'spokesperson', 'envoy',
  'ambassador', 'leader', 'premier', 'speaker', 'attorney', 'commissioner', 'sheriff', 'detective', 'officer',
  'lawyer', 'adviser', 'advisor', 'aide', 'candidate', 'activist', 'campaigner', 'dissident', 'journalist',
  'reporter', 'editor', 'analyst', 'professor', 'prosecutor', 'commander', 'founder', 'deputy', 'diplomat',
  'negotiator', 'lawmaker', 'legislator', 'nominee', 'official', 'emir', 'sheikh', 'ayatollah', 'rabbi', 'imam',
  'coach', 'manager', 'executive', 'head', 'member', 'counsel', 'economist', 'historian', 'strategist',
]);

/** Nouns naming a person, for phrases without a name ("the French president", "a US official"). */
export const PERSON_NOUNS = new Set([
  ...TITLES, 'man', 'woman', 'husband', 'wife', 'son', 'daughter', 'mother', 'father', 'brother', 'sister',
  'friend', 'colleague', 'citizen', 'resident', 'voter', 'student', 'teacher', 'doctor', 'nurse', 'scientist',
  'researcher', 'author', 'writer', 'witness', 'victim', 'suspect', 'defendant', 'prisoner', 'detainee',
  'politician', 'host', 'anchor', 'commentator', 'pollster', 'expert', 'owner', 'employee', 'worker',
]);
export const GENDERED_NOUNS: Record<string, 'm' | 'f'> = table({
  spokesman: 'm', spokeswoman: 'f', chairman: 'm', chairwoman: 'f', congressman: 'm', congresswoman: 'f',
  man: 'm', woman: 'f', husband: 'm', wife: 'f', son: 'm', daughter: 'f', mother: 'f', father: 'm',
  brother: 'm', sister: 'f', king: 'm', queen: 'f', prince: 'm', princess: 'f',
});

/** Words that make a name an organisation ("the state news agency", "Sky News", "Foreign Ministry"). */
export const ORG_WORDS = new Set([
  'agency', 'ministry', 'department', 'service', 'office', 'embassy', 'government', 'administration',
  'committee', 'council', 'party', 'union', 'group', 'organization', 'organisation', 'company', 'corporation',
  'corp', 'inc', 'firm', 'bank', 'court', 'parliament', 'congress', 'senate', 'house', 'network', 'channel',
  'newspaper', 'broadcaster', 'outlet', 'news', 'times', 'post', 'press', 'world', 'media', 'tv', 'radio',
  'association', 'university', 'institute', 'foundation', 'commission', 'army', 'police', 'force', 'forces',
  'team', 'campaign', 'kremlin', 'pentagon', 'presidency', 'bureau', 'fund', 'centre', 'center', 'board',
  'magazine', 'journal', 'website', 'site', 'daily', 'telegraph', 'guardian', 'herald', 'tribune', 'reuters',
  'weekly', 'gazette', 'chronicle', 'courier', 'observer', 'review', 'bulletin', 'digest', 'wire', 'insider',
]);

export const PERSONAL_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you']);
export const POSSESSIVE_DETERMINERS = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
export const BE_FORMS = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being', "'s", '’s', 'am']);
export const PHRASE_PREPOSITIONS = new Set(['of', 'for', 'in', 'at', 'from']);
export const DAY_WORD = new RegExp(`^(${WEEKDAY_NAMES.join('|')}|today|yesterday|tonight)$`);
/** Time words that can stand between a subject and its verb: "The president this morning says". */
export const TIME_WORD = new RegExp(`^(morning|afternoon|evening|night|week|weekend|month|year|${WEEKDAY_NAMES.join('|')}|today|yesterday|tonight|earlier|later)$`);
export const TIME_LEAD = new Set(['this', 'last', 'on', 'that', 'next', 'earlier', 'later']);
