/**
 * Plain-text rendering of an answer for a terminal: the answer, how sure and how widely reported, the
 * verbatim sentences with numbered citations, and where outlets differ.
 */
import { publisherName } from '../answer/sources.js';
import { format, isValid, parseISO } from 'date-fns';
import type { Answer, AnswerSpan, SourceRef } from '../answer/types.js';

/** "Euronews, 2025-09-12, ¶3" — outlet (or what else names the publisher), date when known, paragraph. */
export function citationLine(s: SourceRef): string {
  const who = publisherName(s);
  return [who, s.published ?? 'date unknown', `¶${s.paragraph}`].join(', ') + (s.url ? ` <${s.url}>` : '');
}

/** The line around each question when answers follow one another (`ask --stdin`). */
export const QUESTION_RULE = '─'.repeat(60);

/** The question an answer replies to, between two rules, so that answers read apart in a stream. */
export function questionHeading(a: Answer): string {
  return `${QUESTION_RULE}\nQ: ${a.question}\n${QUESTION_RULE}`;
}

/** A short answer's normalised value when it says more than its words (" (Thursday 11 September 2025)"). */
export function shortValue(span: AnswerSpan): string {
  if (span.kind !== 'date' || span.value === span.text || typeof span.value !== 'string') return '';
  return ` (${calendarDate(span.value) ?? span.value})`;
}

/** An ISO day, month or year as a reader says it ("Thursday 11 September 2025"); null for anything else. */
export function calendarDate(value: string): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const date = parseISO(value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value);
  if (!isValid(date)) return null;
  return format(date, m[3] ? 'EEEE d MMMM yyyy' : m[2] ? 'MMMM yyyy' : 'yyyy');
}

/** How a date answer was read from its words, when it was worked out (a weekday, "last month"…). */
export function dateReading(span: AnswerSpan): string | null {
  return span.kind === 'date' && span.how ? `date read as ${span.how}` : null;
}

/** A multi-line text rendering of an answer. */
export function renderAnswerText(a: Answer): string {
  const lines: string[] = a.readAs ? [`Read as: ${a.readAs}`] : [];
  if (!a.answered) {
    lines.push(a.answer);
    if (a.facts.length) {
      lines.push('', a.tier === 'not-sure' ? 'Closest passages (none is given as the answer):' : 'Closest facts:');
      a.facts.forEach((f, i) => lines.push(`  [${i + 1}] “${f.text}”`, `      ${citationLine(f.sources[0]!)}`));
    }
    return lines.join('\n');
  }
  const best = a.facts[0]!;
  if (best.span) lines.push(`**${best.span.text}**${shortValue(best.span)}`);
  const reading = best.span && dateReading(best.span);
  if (reading) lines.push(`  (${reading})`);
  lines.push(`${best.text}`);
  lines.push(`  (confidence: ${a.confidenceLabel} ${a.confidence.toFixed(2)} · reported by ${a.agreement.reporting} of ${a.agreement.total} outlets${a.agreement.names.length ? `: ${a.agreement.names.join(', ')}` : ''})`);
  let n = 0;
  lines.push('', 'Sources:');
  for (const s of best.sources) lines.push(`  [${++n}] ${citationLine(s)}`, `      “${s.quote}”`);
  if (a.facts.length > 1) {
    lines.push('', 'Related:');
    for (const f of a.facts.slice(1)) lines.push(`  [${++n}] “${f.text}”`, `      ${citationLine(f.sources[0]!)}`);
  }
  for (const c of a.conflicts) {
    lines.push('', `Outlets differ: ${c.about}`);
    for (const claim of c.claims) {
      lines.push(`  • “${claim.text}”`);
      for (const s of claim.sources) lines.push(`      ${citationLine(s)}`);
    }
  }
  return lines.join('\n');
}
