/**
 * A configuration file as IOS reads it: each line a command, a line indented one space more
 * than the one above it a command of that one's submode (`interface Gi1` / ` shutdown`).
 */
export interface ConfigNode {
  text: string;
  /** Further lines of a multi-line `banner motd ^C…^C`, up to the one holding the closing delimiter. */
  more?: string[];
  children: ConfigNode[];
}

/**
 * The most configuration lines a file operation (`copy FILE running-config`, `configure replace`,
 * the archive diffs) takes. A lab router's configuration is about a hundred; each line applied
 * costs about a tenth of a millisecond (more with a thousand interfaces), and the simulator must
 * answer its other sessions meanwhile, so a file of more lines is refused before any is applied.
 */
export const MAX_CONFIG_LINES = 1000;

/** Why a file is refused as configuration (IOS-like `%Error` line), or undefined when it is not. */
export function tooLongForConfig(text: string, path: string): string[] | undefined {
  let count = 0;
  for (const line of text.split('\n')) if (line.trim() !== '' && !line.trimStart().startsWith('!')) count += 1;
  if (count <= MAX_CONFIG_LINES) return undefined;
  return [`%Error reading ${path} (File too large: ${count} lines, this router applies at most ${MAX_CONFIG_LINES})`];
}

/** Lines IOS prints around a configuration that are not commands. */
const NOT_COMMANDS = [/^Building configuration\.\.\./, /^Current configuration : \d+ bytes/, /^!/];

/** The delimiter of a banner line (`^C` counts as one), when the banner continues on later lines. */
function openBanner(line: string): string | undefined {
  const m = /^banner\s+\S+\s+(\^C|\S)(.*)$/.exec(line);
  if (!m || !m[1]) return undefined;
  return (m[2] ?? '').includes(m[1]) ? undefined : m[1];
}

/** Parses configuration text into its command tree; reading stops at a top-level `end`. */
export function parseConfig(text: string): ConfigNode[] {
  const roots: ConfigNode[] = [];
  const stack: Array<{ depth: number; node: ConfigNode }> = [];
  const lines = text.replace(/\r/g, '').split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const raw = (lines[i] ?? '').replace(/\s+$/, '');
    const body = raw.trimStart();
    if (body === '' || NOT_COMMANDS.some((re) => re.test(body))) continue;
    const depth = raw.length - body.length;
    if (depth === 0 && body === 'end') break;
    const node: ConfigNode = { text: body, children: [] };
    const delimiter = openBanner(body);
    if (delimiter) {
      node.more = [];
      while (i + 1 < lines.length) {
        i += 1;
        const next = (lines[i] ?? '').replace(/\r$/, '');
        node.more.push(next);
        if (next.includes(delimiter)) break;
      }
    }
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.node.children.push(node);
    else roots.push(node);
    stack.push({ depth, node });
  }
  return roots;
}

/** A node's identity for comparing two configurations: its line, and a banner's further lines. */
export function nodeKey(node: ConfigNode, ignoreCase = false): string {
  const key = [node.text, ...(node.more ?? [])].join('\n');
  return ignoreCase ? key.toLowerCase() : key;
}
