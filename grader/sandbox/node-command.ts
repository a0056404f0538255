import fs from 'node:fs';
import path from 'node:path';
import type { SandboxMount } from './spawn-sandboxed';

/**
 * How a sandbox runs a TypeScript file: this Node with tsx from the mounted node_modules (`app`'s),
 * plus the mount that makes this Node visible when it lives outside /usr (nvm, a tarball).
 */
export function tsxCommand(app: string, file: string): { command: string; args: string[]; mounts: SandboxMount[] } {
  const node = fs.realpathSync(process.execPath);
  const install = path.dirname(path.dirname(node));
  const mounts = node.startsWith('/usr/') ? [] : [{ path: install }];
  return { command: node, args: [path.join(app, 'node_modules', 'tsx', 'dist', 'cli.mjs'), file], mounts };
}
