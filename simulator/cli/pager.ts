const MORE = ' --More-- ';
/** IOS rubs `--More--` out with backspaces, spaces and backspaces before the next lines. */
const ERASE_MORE = `${'\b'.repeat(MORE.length)}${' '.repeat(MORE.length)}${'\b'.repeat(MORE.length)}`;

/** Text to write, and whether `--More--` is now waiting for a key. */
export interface PagerStep {
  text: string;
  more: boolean;
}

function lines(list: readonly string[]): string {
  return list.map((l) => `${l}\r\n`).join('');
}

/** Paging at `terminal length`, as IOS does it: a page, then `--More--` until a key. */
export class Pager {
  private rest: string[] | undefined;

  get active(): boolean {
    return this.rest !== undefined;
  }

  /** Shows a page of `output` (all of it when it fits, or when length is 0). */
  show(output: readonly string[], length: number): PagerStep {
    const page = length > 1 ? length - 1 : Infinity;
    if (output.length <= page) return { text: lines(output), more: false };
    this.rest = output.slice(page);
    return { text: lines(output.slice(0, page)) + MORE, more: true };
  }

  /** At `--More--`: space shows a page, Enter a line, any other key stops. */
  key(ch: string, length: number): PagerStep {
    const rest = this.rest ?? [];
    this.rest = undefined;
    const count = ch === ' ' ? Math.max(1, length - 1) : ch === '\r' || ch === '\n' ? 1 : 0;
    if (count === 0 || rest.length === 0) return { text: ERASE_MORE, more: false };
    const shown = lines(rest.slice(0, count));
    if (rest.length <= count) return { text: ERASE_MORE + shown, more: false };
    this.rest = rest.slice(count);
    return { text: ERASE_MORE + shown + MORE, more: true };
  }
}
