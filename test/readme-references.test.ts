import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
/** The walks through the code: each step names a file, a line and the symbol on it. */
const WALKS = ['servers/lib/README.md', 'servers/network/README.md'];

/** A reference as the walks write it: [`path:line`](relative-link#Lline) `symbol`. */
const REFERENCE = /\[`([^`:]+):(\d+)`\]\(([^)#]+)#L(\d+)\) `([^`]+)`/g;

interface Reference {
  readme: string;
  file: string;
  line: number;
  link: string;
  linkLine: number;
  symbol: string;
}

function referencesIn(readme: string, text: string): Reference[] {
  return [...text.matchAll(REFERENCE)].map((m) => ({
    readme,
    file: m[1]!,
    line: Number(m[2]),
    link: m[3]!,
    linkLine: Number(m[4]),
    symbol: m[5]!,
  }));
}

/** What is wrong with a reference, or undefined when the named line holds the named symbol. */
function problemWith(ref: Reference): string | undefined {
  const where = `${ref.readme}: ${ref.file}:${ref.line} \`${ref.symbol}\``;
  const linked = path.relative(ROOT, path.resolve(ROOT, path.dirname(ref.readme), ref.link));
  if (linked !== ref.file || ref.linkLine !== ref.line) return `${where} links to ${linked}#L${ref.linkLine}`;
  const file = path.join(ROOT, ref.file);
  if (!fs.existsSync(file)) return `${where}: no such file`;
  const line = fs.readFileSync(file, 'utf8').split('\n')[ref.line - 1];
  // The symbol as a whole word: `run` must not be found in `return`.
  const word = new RegExp(`(^|[^\\w$])${ref.symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w$])`);
  if (line === undefined || !word.test(line)) return `${where}: that line is ${JSON.stringify(line)}`;
  return undefined;
}

describe("the READMEs' walks through the code (file:line `symbol`)", () => {
  const references = WALKS.flatMap((readme) => referencesIn(readme, fs.readFileSync(path.join(ROOT, readme), 'utf8')));

  it.each(WALKS)('%s names at least ten lines to read', (readme) => {
    expect(references.filter((r) => r.readme === readme).length).toBeGreaterThanOrEqual(10);
  });

  it('each named line still holds the named symbol, and each link points at that line', () => {
    expect(references.map(problemWith).filter((p) => p !== undefined)).toEqual([]);
  });

  it("the network server's InterfaceDown walk opens at most ten files besides the policy aside", () => {
    const files = new Set(references.filter((r) => r.readme === 'servers/network/README.md').map((r) => r.file));
    files.delete('servers/network/device-work/remediation-policy.ts');
    expect(files.size).toBeLessThanOrEqual(10);
    // …and about 800 lines in all, read top to bottom.
    const lines = [...files].reduce((sum, file) => sum + fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1, 0);
    expect(lines).toBeLessThanOrEqual(850);
  });

  it('finds a symbol only as a whole word (`turn` is not in `return`)', () => {
    const lines = fs.readFileSync(path.join(ROOT, 'servers/lib/errors.ts'), 'utf8').split('\n');
    const n = lines.findIndex((line) => /\breturn\b/.test(line)) + 1;
    const at = (symbol: string): Reference =>
      referencesIn('servers/lib/README.md', `[\`servers/lib/errors.ts:${n}\`](errors.ts#L${n}) \`${symbol}\``)[0]!;
    expect(problemWith(at('return'))).toBeUndefined();
    expect(problemWith(at('turn'))).toMatch(/that line is/);
  });

  it('finds a reference whose line moved (the check itself works)', () => {
    const [ref] = referencesIn('servers/lib/README.md', '[`servers/lib/errors.ts:1`](errors.ts#L1) `AppError`');
    expect(problemWith(ref!)).toMatch(/that line is/);
  });
});
