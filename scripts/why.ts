// Shows the top candidates for a question with their features: npx tsx scripts/why.ts "question" [corpus] [how many]
import { wordVectors } from '../src/text/embeddings.js';
import { parseQuestion } from '../src/answer/question.js';
import { correctSpelling, queryTerms } from '../src/answer/query.js';
import { candidates } from '../src/answer/rank.js';
import { linearScore } from '../src/answer/features.js';
import { RANK_MODEL } from '../src/answer/rankModel.js';
import { SETTINGS } from '../src/settings.js';
import { loadCorpus } from './lib/eval.js';

const k = await loadCorpus(process.argv[3] ?? 'seeds');
const q = correctSpelling(k, parseQuestion(process.argv[2]!), wordVectors());
const query = queryTerms(k, q, wordVectors());
console.log(q.kind, JSON.stringify(q.terms.map((t) => `${t.word}:${t.term}${t.focus ? '*' : ''}`)), JSON.stringify(query));
const c = candidates(k, q, query, SETTINGS.rank.pool).map((x) => ({ ...x, score: linearScore(x.features, RANK_MODEL) })).sort((a, b) => b.score - a.score);
for (const x of c.slice(0, Number(process.argv[4] ?? 5))) {
  const f = Object.entries(x.features).filter(([, v]) => v).map(([n, v]) => `${n}=${v.toFixed(2)}`).join(' ');
  console.log(`${x.score.toFixed(2)} [${k.articles[k.sentences[x.sentenceId]!.articleId]!.file.slice(0, 3)}] ${k.sentences[x.sentenceId]!.text.slice(0, 120)}\n     ${f}`);
}
