/**
 * Names of people, places and organisations: recognised in each sentence (recognition.ts, from the word
 * lists in lexicon.ts over the words of words.ts), grouped across the corpus (grouping.ts, comparing the
 * forms of forms.ts), and looked up as written or typed (lookup.ts).
 */
export { extractEntities, provisionalKey } from './recognition.js';
export { NameTally, groupNames } from './grouping.js';
export { NameIndex } from './lookup.js';
