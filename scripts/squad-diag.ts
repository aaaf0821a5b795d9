import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildKnowledge } from '../src/search/knowledge.js';
import { parseQuestion } from '../src/answer/question.js';
import { rankSentences, RANK_WEIGHTS } from '../src/answer/rank.js';
import type { Article } from '../src/types.js';
const W = { ...RANK_WEIGHTS, ...JSON.parse(process.env.W ?? '{}') };
const dir = '/work/shared/eval/squad/corpus';
const articles: Article[] = readdirSync(dir).sort().map((f, id) => {
  const text = readFileSync(join(dir, f), 'utf8').replace(/^---[\s\S]*?---\n/, '');
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((t, i) => ({ index: i + 1, text: t }));
  return { id, file: f, meta: { title: f.replace(/_/g, ' ').replace('.txt', '') }, metaOrigin: {}, paragraphs, stripped: [] };
});
const k = buildKnowledge(articles);
let qs = readFileSync('/work/shared/eval/squad/questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { q: string; answers: string[] });
qs = qs.filter((_, i) => i % Math.ceil(qs.length / 1000) === 0);
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const hist = new Map<string, number>();
let samePara = 0, fail = 0, noGoldInCands = 0;
for (const q of qs) {
  const pq = correctSpelling(k, parseQuestion(q.q), wordVectors());
  const r = rankSentences(k, pq, pq.terms.map((x) => ({ term: x.term, weight: 1 })), 40, W);
  const ok = (id: number) => q.answers.some((g) => fold(k.sentences[id]!.text).includes(fold(g)));
  const idx = r.findIndex((x) => ok(x.sentenceId));
  const key = idx < 0 ? 'none' : idx < 5 ? String(idx) : idx < 10 ? '5-9' : '10+';
  hist.set(key, (hist.get(key) ?? 0) + 1);
  if (idx !== 0) {
    fail++;
    if (idx < 0) noGoldInCands++;
    else if (k.sentences[r[0]!.sentenceId]!.paragraphId === k.sentences[r[idx]!.sentenceId]!.paragraphId) samePara++;
  }
}
console.log([...hist].sort().map(([a, b]) => `${a}:${b}`).join(' '), 'fails', fail, 'same paragraph', samePara, 'gold not in top40', noGoldInCands);
