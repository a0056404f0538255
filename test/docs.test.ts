import fs from 'node:fs';
import path from 'node:path';
import { describeEnvironment } from '../servers/lib/load-config';
import { ROOT } from './support/spawn-process';

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('the docs stay true', () => {
  const readme = read('README.md');
  const envExample = read('.env.example');
  const keys = describeEnvironment();

  it.each(keys.map((k) => [k.key, k.default]))('README documents %s with its default', (key, fallback) => {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
    expect(row).toBeDefined();
    if (fallback !== undefined) expect(row).toContain(`\`${String(fallback)}\``);
  });

  it.each(keys.map((k) => [k.key, k.default]))('.env.example documents %s with its default', (key, fallback) => {
    const line = envExample.split('\n').find((l) => l.replace(/^#\s*/, '').startsWith(`${key}=`));
    expect(line).toBeDefined();
    if (fallback !== undefined && !line!.startsWith('#')) expect(line).toBe(`${key}=${String(fallback)}`);
  });

  it('README quick start is exactly the two commands', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## How it fits together'));
    const commands = [...quickStart.matchAll(/```bash\n([^`]*)```/g)].map((m) => m[1]!.trim());
    expect(commands).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('every npm script README names exists', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const named = [...readme.matchAll(/npm run (?:-s )?([a-z][a-z-]*)/g)].map((m) => m[1]!);
    for (const name of new Set(named)) expect(scripts).toContain(name);
  });
});
