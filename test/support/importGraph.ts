/**
 * The import graph of a source folder, read with a few regular expressions rather than the TypeScript
 * compiler: the project writes one import or re-export per statement, at the start of a line, so a regex
 * over those lines finds them all, and a comment or a string that mentions `from '…'` mid-line is not
 * taken for one. Type-only imports count: they are erased at run time, but a folder that needs another's
 * types still depends on it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** `import … from '…'` and `export … from '…'`, possibly over several lines, up to the first `;`. */
const FROM = /^[ \t]*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"\n]+)['"]/gm;
/** `import '…'`: a module loaded for its effects. */
const BARE = /^[ \t]*import\s*['"]([^'"\n]+)['"]/gm;
/** `import('…')` and `require('…')` with a literal name. */
const CALL = /\b(?:import|require)\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** Every module name a source text imports or re-exports, in order of appearance, each once. */
export function importSpecifiers(source: string): string[] {
  const found: Array<[number, string]> = [];
  for (const re of [FROM, BARE, CALL]) for (const m of source.matchAll(re)) found.push([m.index, m[1]!]);
  found.sort((a, b) => a[0] - b[0]);
  return [...new Set(found.map(([, name]) => name))];
}

/** The .ts files under `dir`, relative to `root`, with forward slashes, sorted. */
export function tsFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(r);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The file a relative module name means, relative to `root`: `./x.js` is `./x.ts` (NodeNext's spelling),
 * a folder its `index.ts`. Null when no such file exists.
 */
export function resolveRelative(root: string, from: string, specifier: string): string | null {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [target, target.replace(/\.(m|c)?js$/, '.$1ts'), `${target}.ts`, `${target}/index.ts`];
  for (const c of candidates) {
    const full = path.join(root, c);
    if (existsSync(full) && statSync(full).isFile()) return c;
  }
  return null;
}

export interface ImportGraph {
  /** file → the files it imports (relative imports that resolve). */
  edges: Map<string, string[]>;
  /** file → its non-relative module names (packages, node: built-ins). */
  packages: Map<string, string[]>;
  /** Relative imports that name no file: `file: specifier`. */
  unresolved: string[];
}

/** The import graph of the .ts files under `dir` (a folder of `root`). */
export function importGraph(root: string, dir: string): ImportGraph {
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of tsFiles(root, dir)) {
    const targets: string[] = [];
    const names: string[] = [];
    for (const spec of importSpecifiers(readFileSync(path.join(root, file), 'utf8'))) {
      if (!spec.startsWith('.')) {
        names.push(spec);
        continue;
      }
      const target = resolveRelative(root, file, spec);
      if (target) targets.push(target);
      else unresolved.push(`${file}: ${spec}`);
    }
    edges.set(file, targets);
    packages.set(file, names);
  }
  return { edges, packages, unresolved };
}

/**
 * The unit a file of `dir` belongs to at folder level: its top-level folder (`src/search`), or the file
 * itself when it sits directly in `dir` (`src/engine.ts`), so that the root's few files do not merge into
 * one node that everything both uses and is used by.
 */
export function folderOf(dir: string, file: string): string {
  const rest = file.slice(dir.length + 1).split('/');
  return rest.length > 1 ? `${dir}/${rest[0]}` : file;
}

/** The graph between groups of files: an edge from a's group to b's for each import a → b across groups. */
export function groupGraph(edges: Map<string, string[]>, group: (file: string) => string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [from, targets] of edges) {
    const g = group(from);
    if (!out.has(g)) out.set(g, new Set());
    for (const t of targets) {
      const h = group(t);
      if (h !== g) out.get(g)!.add(h);
      if (!out.has(h)) out.set(h, new Set());
    }
  }
  return out;
}

/**
 * The cycles of a directed graph, one per strongly connected component of more than one node (or a node
 * that imports itself): the shortest cycle through the component's first node (by name), as the list of
 * its nodes with the first repeated at the end. Sorted, so that a failure message is stable.
 */
export function cycles(graph: Map<string, Iterable<string>>): string[][] {
  const nodes = [...graph.keys()].sort();
  const next = (n: string): string[] => [...(graph.get(n) ?? [])].sort();
  // Tarjan's algorithm, iteratively: the graph of a large folder would not overflow the stack, but a
  // recursion per file is needless
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; children: string[]; i: number }> = [];
    const open = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: next(node), i: 0 });
    };
    open(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      if (top.i < top.children.length) {
        const child = top.children[top.i++]!;
        if (!index.has(child)) open(child);
        else if (onStack.has(child)) low.set(top.node, Math.min(low.get(top.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) !== index.get(top.node)) continue;
      const component: string[] = [];
      let n: string;
      do {
        n = stack.pop()!;
        onStack.delete(n);
        component.push(n);
      } while (n !== top.node);
      if (component.length > 1 || next(top.node).includes(top.node)) components.push(component.sort());
    }
  }
  return components.map((c) => shortestCycle(c[0]!, new Set(c), next)).sort((a, b) => a.join().localeCompare(b.join()));
}

/** The shortest path from `start` back to itself inside `within` (breadth first). */
function shortestCycle(start: string, within: Set<string>, next: (n: string) => string[]): string[] {
  const from = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q]!;
    for (const m of next(n)) {
      if (!within.has(m)) continue;
      if (m === start) {
        const path = [start];
        for (let p = n; p !== start; p = from.get(p)!) path.unshift(p);
        path.unshift(start);
        return path;
      }
      if (!from.has(m)) {
        from.set(m, n);
        queue.push(m);
      }
    }
  }
  return [start, start];
}
