/**
 * CPU profiles of one phase (loading, or the questions) through the inspector, and a summary of where the
 * time went: functions by self time and by inclusive time, and source files by self time.
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import path from 'node:path';
import { ROOT } from './corpus.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileEntry {
  fn: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Per question (or per article for loading): totalMs divided by this. */
  per: number;
  selfTop: ProfileEntry[];
  inclusiveTop: ProfileEntry[];
  files: ProfileEntry[];
}

export class PhaseProfiler {
  private readonly session = new Session();

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.session.post('Profiler.start');
  }

  async stop(): Promise<CpuProfile> {
    const { profile } = await this.session.post('Profiler.stop');
    await this.session.post('Profiler.disable');
    this.session.disconnect();
    return profile as unknown as CpuProfile;
  }
}

const where = (f: CallFrame): string => {
  if (!f.url) return '';
  const p = f.url.startsWith('file://') ? decodeURIComponent(new URL(f.url).pathname) : f.url;
  const rel = p.startsWith(ROOT) ? path.relative(ROOT, p) : p;
  return rel.replace(/^node_modules\//, '');
};
/** 1-based line in the original source: tsx compiles TypeScript to one line, so go through its source map. */
const lineCache = new Map<string, number>();
function lineOf(f: CallFrame): number {
  const key = `${f.url}:${f.lineNumber}:${f.columnNumber}`;
  let line = lineCache.get(key);
  if (line === undefined) {
    line = f.lineNumber + 1;
    if (f.url.endsWith('.ts')) {
      try {
        const entry = findSourceMap(f.url)?.findEntry(f.lineNumber, f.columnNumber);
        if (entry && 'originalLine' in entry) line = entry.originalLine + 1;
      } catch {
        // no source map: keep the generated line
      }
    }
    lineCache.set(key, line);
  }
  return line;
}
const nameOf = (f: CallFrame): string => `${f.functionName || '(anonymous)'} ${where(f)}${f.url ? `:${lineOf(f)}` : ''}`.trim();

/** Saves the profile (open it in Chrome DevTools or speedscope) and summarises it. */
export function summarise(profile: CpuProfile, file: string, per: number, top = 20): ProfileSummary {
  writeFileSync(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const files = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    // the delta before sample i+1 is the time spent in sample i
    const us = deltas[i + 1] ?? 0;
    const leaf = byId.get(samples[i]!);
    if (!leaf || us <= 0) continue;
    total += us;
    const key = nameOf(leaf.callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    const f = where(leaf.callFrame) || `(${leaf.callFrame.functionName || 'native'})`;
    files.set(f, (files.get(f) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const k = nameOf(byId.get(id)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const list = (m: Map<string, number>, skip: (k: string) => boolean = () => false): ProfileEntry[] =>
    [...m]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, ms: us / 1000 / per, share: total ? us / total : 0 }));
  return {
    file: path.relative(ROOT, file),
    totalMs: total / 1000,
    per,
    selfTop: list(self),
    // the roots and the benchmark's own loop contain everything
    inclusiveTop: list(inclusive, (k) => /^\((root|program|idle)\)/.test(k) || k.includes('bench/')),
    files: list(files),
  };
}
