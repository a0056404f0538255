import { RE2JS } from 're2js';

/** What an output filter needs from a pattern. */
export interface LineMatcher {
  test(line: string): boolean;
}

/**
 * IOS's `_`: a comma, a brace, a parenthesis, a space, or the start or end of the line
 * (Cisco, "Regular Expressions", Cisco IOS Terminal Services Configuration Guide 12.4T,
 * cisco.com/c/en/us/td/docs/ios/termserv/configuration/guide/12_4t/tsv_12_4t_book/tsv_reg_express.html).
 * Here it also matches an underscore itself, so that `| include CONFIG_I` finds
 * %SYS-5-CONFIG_I lines, as people type it and expect.
 */
const UNDERSCORE = '(?:^|$|[_,{}() ])';

/**
 * IOS regular-expression syntax in RE2 syntax. The two mostly agree (`.`, `*`, `+`, `?`, `^`,
 * `$`, `[...]`, `|`, `(...)`, `\` escapes); what differs is `_`, rewritten above, and `\_`,
 * a literal underscore that RE2 would refuse as an unknown escape.
 */
export function iosToRe2(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1] as string;
      out += next === '_' ? '_' : `\\${next}`;
      i += 1;
    } else if (inClass) {
      out += ch;
      // `[]...]` and `[^]...]`: a `]` first in the class is a member, not its end.
      const first = pattern[i - 1] === '[' || (pattern[i - 1] === '^' && pattern[i - 2] === '[');
      if (ch === ']' && !first) inClass = false;
    } else if (ch === '[') {
      out += ch;
      inClass = true;
    } else {
      out += ch === '_' ? UNDERSCORE : ch;
    }
  }
  return out;
}

/**
 * Compiles a `| include` pattern for RE2 (re2js), which matches in time linear in the line:
 * no pattern a user types, `(.|.)*QQQ` included, can stall the simulator the way a
 * backtracking engine (JavaScript's RegExp) does. `undefined` for a pattern RE2 refuses —
 * a syntax error, or a back-reference (`\1`), which linear-time matching cannot offer.
 */
export function compileIosRegex(pattern: string): LineMatcher | undefined {
  // Plain text (an interface name, the commonest filter) needs no regex engine at all.
  if (!/[\\.^$*+?()[\]{}|_]/.test(pattern)) return { test: (line) => line.includes(pattern) };
  try {
    return RE2JS.compile(iosToRe2(pattern));
  } catch {
    return undefined;
  }
}
