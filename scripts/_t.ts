import { synonyms } from '../src/text/synonyms.js';
let t = Date.now(); const s = synonyms(); console.log('load', Date.now() - t);
for (const w of ['free','release','lead','quit','resign','go','arrest','population','win','pardon','sanction','say','kill','die']) console.log(w, s.of(w).join(','));
