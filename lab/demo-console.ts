import readline from 'node:readline';

const MAX_ANSWER_LINES = 30;

/** How the demo shows things: requests as curl, answers, router sessions, one-line explanations. */
export class DemoConsole {
  failures = 0;
  private steps = 0;

  constructor(private readonly pause: boolean) {}

  private write(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  /** A new step; in a terminal, waits for Enter first (so the instructor can talk). */
  async step(title: string): Promise<void> {
    if (this.pause && this.steps > 0) await this.waitForEnter();
    this.steps += 1;
    this.write(`\n=== ${title}`);
  }

  private waitForEnter(): Promise<void> {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    return new Promise((resolve) =>
      rl.question('\n(press Enter for the next step) ', () => {
        rl.close();
        resolve();
      }),
    );
  }

  /** POSTs `body` to `<base>/events`, showing the request as a curl command and the answer. */
  async post(base: string, body: string, headers: Record<string, string>, expected: number, why: string): Promise<unknown> {
    const extra = Object.entries(headers)
      .map(([k, v]) => ` -H '${k}: ${v}'`)
      .join('');
    this.write(`\n$ curl -X POST ${base}/events -H 'Content-Type: application/json'${extra} -d '${body}'`);
    let status = 0;
    let answer: unknown;
    try {
      const res = await fetch(`${base}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      status = res.status;
      answer = await res.json();
    } catch (err) {
      answer = { error: (err as Error).message };
    }
    const lines = JSON.stringify(answer, null, 2).split('\n');
    this.write(`HTTP ${status}`);
    this.write(lines.slice(0, MAX_ANSWER_LINES).join('\n') + (lines.length > MAX_ANSWER_LINES ? '\n  …' : ''));
    if (status !== expected) {
      this.failures += 1;
      this.write(`!! expected HTTP ${expected}`);
    }
    this.explain(why);
    return answer;
  }

  /** What the router printed, as a terminal shows it. */
  terminal(text: string): void {
    this.write(text.replace(/\r/g, '').replace(/\n+$/, ''));
  }

  /** A line from the servers' logs. */
  log(line: string): void {
    this.write(`  log: ${line}`);
  }

  explain(text: string): void {
    this.write(`-> ${text}`);
  }

  note(text: string): void {
    this.write(text);
  }
}
