/**
 * The shape of src/ as its import statements draw it: its top-level folders import each other in one
 * direction only (a folder that needs another's parts while that one needs its own cannot be understood,
 * tested or moved alone), no file imports itself back through others, and only the Discord adapter
 * (src/bot/) imports discord.js. The graph is read from the source text (support/importGraph.ts); the
 * reader is checked first on texts written here, so that a reader that finds nothing cannot pass the rest.
 */
import { expect } from 'chai';
import path from 'node:path';
import { cycles, folderOf, groupGraph, importGraph, importSpecifiers, type ImportGraph } from './support/importGraph.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DISCORD = /^(?:discord\.js|@discordjs\/)/;

/** A cycle of folders as a line, each step with the file-level imports that make it. */
function describeCycle(cycle: string[], graph: ImportGraph, group: (f: string) => string): string {
  const steps: string[] = [];
  for (let i = 0; i + 1 < cycle.length; i++) {
    const [a, b] = [cycle[i]!, cycle[i + 1]!];
    const via = [...graph.edges].flatMap(([from, targets]) => (group(from) === a ? targets.filter((t) => group(t) === b).map((t) => `${from} → ${t}`) : []));
    steps.push(`${a} → ${b} (${via.join(', ')})`);
  }
  return steps.join('; ');
}

describe('architecture: the import graph of src/', () => {
  describe('the import reader', () => {
    it('finds imports, type imports, re-exports over several lines, bare and dynamic imports, not mentions in comments or strings', () => {
      const source = [
        "import { a } from './a.js';",
        "import type { B } from '../b/b.js';",
        'import {',
        '  c,',
        '  d,',
        "} from './cd.js';",
        "export { e } from './e.js';",
        "export * from './f.js';",
        "import './effects.js';",
        "const g = await import('./g.js');",
        ' * as in `import x from "./comment.js"` said in a comment',
        "const s = 'import y from \"./string.js\"';",
        "export const h = 'from';",
        "import v8 from 'node:v8';",
      ].join('\n');
      expect(importSpecifiers(source)).to.deep.equal(['./a.js', '../b/b.js', './cd.js', './e.js', './f.js', './effects.js', './g.js', 'node:v8']);
    });

    it('finds cycles, the shortest through each knot, and none in a graph without', () => {
      const graph = new Map<string, string[]>([
        ['a', ['b']],
        ['b', ['c', 'a']],
        ['c', ['a']],
        ['d', ['d']],
        ['e', ['a']],
      ]);
      expect(cycles(graph)).to.deep.equal([
        ['a', 'b', 'a'],
        ['d', 'd'],
      ]);
      expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).to.deep.equal([]);
    });

    it('reads all of src/: every relative import names a file, and the engine is found importing its parts', () => {
      const graph = importGraph(ROOT, 'src');
      expect(graph.unresolved).to.deep.equal([]);
      expect(graph.edges.size).to.be.greaterThan(50);
      expect(graph.edges.get('src/engine.ts')).to.include('src/cache/indexCache.ts');
      expect(graph.packages.get('src/bot/client.ts')).to.include('discord.js');
    });
  });

  const graph = importGraph(ROOT, 'src');

  it('has no import cycle between the top-level folders of src/', () => {
    const group = (f: string): string => folderOf('src', f);
    const found = cycles(groupGraph(graph.edges, group)).map((c) => describeCycle(c, graph, group));
    expect(found, `folders that import each other:\n${found.join('\n')}`).to.deep.equal([]);
  });

  it('has no import cycle between files', () => {
    const found = cycles(graph.edges).map((c) => c.join(' → '));
    expect(found, `files that import themselves back:\n${found.join('\n')}`).to.deep.equal([]);
  });

  it('imports discord.js only in src/bot/', () => {
    const outside = [...graph.packages].flatMap(([file, names]) => (file.startsWith('src/bot/') ? [] : names.filter((n) => DISCORD.test(n)).map((n) => `${file}: ${n}`)));
    expect(outside).to.deep.equal([]);
  });
});
