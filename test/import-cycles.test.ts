import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const FOLDERS = ['common', 'servers', 'simulator', 'lab', 'grader', 'bench', 'test', 'exercises'];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The project files a module imports (type-only imports too: they tie the modules as tightly). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .filter((f) => f.fileName.startsWith('.'))
    .map((f) => path.resolve(path.dirname(file), f.fileName))
    .flatMap((base) => [`${base}.ts`, path.join(base, 'index.ts')].filter((candidate) => fs.existsSync(candidate)).slice(0, 1));
}

/** Groups of modules that import each other, directly or round a loop (Tarjan's strongly connected components). */
function importCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, order.size);
    low.set(file, order.get(file)!);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(file, Math.min(low.get(file)!, order.get(next)!));
      }
    }
    if (low.get(file) !== order.get(file)) return;
    const group = stack.splice(stack.indexOf(file));
    if (group.length > 1) cycles.push(group.map((f) => path.relative(ROOT, f)));
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return cycles;
}

/** Imports of `files` that reach into one of `forbidden` (folders from the project's root), as "file -> import". */
function importsInto(files: string[], forbidden: string[]): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .map((target) => path.relative(ROOT, target))
      .filter((target) => forbidden.some((folder) => target.startsWith(`${folder}/`)))
      .map((target) => `${path.relative(ROOT, file)} -> ${target}`),
  );
}

describe('the import graph', () => {
  const files = FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder)));

  it('has no cycles: every module can be read knowing only what it imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(importCycles(files)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-cycles-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import type { A } from './a';\nexport type B = A | 1;\n");
      expect(importCycles(sourceFiles(dir)).map((group) => group.length)).toEqual([2]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('layers: each imports only what lies below it', () => {
    const inFolder = (folder: string) => files.filter((f) => path.relative(ROOT, f).startsWith(`${folder}/`));

    it('common/ imports nothing from servers/, simulator/ or lab/: it is the bottom layer both sides share', () => {
      expect(importsInto(inFolder('common'), ['servers', 'simulator', 'lab'])).toEqual([]);
    });

    it("simulator/ imports nothing from servers/: the router does not depend on the servers' library", () => {
      expect(importsInto(inFolder('simulator'), ['servers'])).toEqual([]);
    });

    it('the domain code imports nothing from the live view: it announces what it does on diagnostics channels (servers/lib/observe)', () => {
      const domain = [
        ...inFolder('servers/network'),
        ...inFolder('servers/lib/device-client'),
        ...inFolder('servers/lib/upstream'),
        ...inFolder('servers/lib/pipeline'),
      ].filter(
        (f) => !f.endsWith('.test.ts') && !/pipeline\/(create-webhook-app|admit-request)\.ts$/.test(f), // where the live view is attached
      );
      expect(domain.length).toBeGreaterThan(40);
      expect(importsInto(domain, ['servers/lib/inspect'])).toEqual([]);
    });

    it('finds such an import when there is one (the check itself works)', () => {
      const file = path.join(ROOT, 'common', 'layer-probe.ts');
      fs.writeFileSync(file, "import type { AppConfig } from '../servers/lib/config/load-config';\nexport type Probe = AppConfig;\n");
      try {
        expect(importsInto([file], ['servers'])).toEqual(['common/layer-probe.ts -> servers/lib/config/load-config.ts']);
      } finally {
        fs.rmSync(file, { force: true });
      }
    });
  });
});
