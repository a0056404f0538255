import { startTestSimulator, deviceSpec, type SimFixture } from './support/sim-fixture';
import { ShellClient } from './support/shell-client';
import { EVERYDAY, EVERYDAY_CONFIG } from './support/everyday-commands';

/**
 * scrapli's IOS-XE driver dialogue, step by step, against the simulator. scrapli is not in
 * Debian, so this test plays its platform definition: carlmontanari/scrapli
 * `scrapli/definitions/cisco_iosxe.yaml` at commit 343e149b6eba63095afab40c682f8c12a8fd5659
 * (v2.0.0-rc.17 + 6). Its mode prompt patterns, its failure indicators, its on-open steps (enter
 * privileged_exec with `enable` answering `Password:`, `term width 512`, `term len 0`), its
 * configuration mode (`configure terminal` … `end`) and its on-close `exit`. The patterns use
 * `\s?+` (possessive), which JavaScript lacks; `\s?` matches the same prompts here.
 */
const PROMPTS = {
  exec: /^[\w.\-@/:]{1,63}>\s?$/,
  privileged_exec: /^[\w.\-@/:]{1,63}#\s?$/,
  configuration: /^[\w.\-@/:]{1,63}\([\w.\-@/:+]{0,32}\)#\s?$/,
};
const ANY_PROMPT = /^\S{1,63}[>#$]\s?$/m;
const FAILURE_INDICATORS = [
  '% Ambiguous command',
  '% Incomplete command',
  '% Invalid input detected',
  '% Unknown command',
  'Command authorization failed',
];

/** The last line of what was read: the prompt scrapli matches a mode against. */
const lastLine = (text: string): string => text.split(/\r?\n/).at(-1) ?? '';

/** What scrapli's send_command returns, here as Netmiko would strip it: no echo, no prompt, \n line ends. */
const result = (text: string): string => text.split('\r\n').slice(1, -1).join('\n');

describe("scrapli's IOS-XE driver dialogue (cisco_iosxe.yaml) against the simulator", () => {
  let fx: SimFixture;
  let shell: ShellClient;
  /** Every answer the dialogue read, by step, for the failure-indicator check. */
  const answers = new Map<string, string>();
  const step = async (input: string, pattern = ANY_PROMPT): Promise<string> => {
    const out = await shell.command(input, pattern);
    answers.set(input, out);
    return out;
  };

  beforeAll(async () => {
    // A privilege-1 account, so on-open has to enter privileged_exec itself.
    fx = await startTestSimulator({ devices: [deviceSpec({ privilege: 1, enableSecret: 'scrapli-enable-1' })] });
    shell = await ShellClient.open(fx.port);
  });
  afterAll(async () => {
    shell.dispose();
    await fx.close();
  });

  it('opens at the exec mode prompt', async () => {
    expect(lastLine(await shell.readUntil(ANY_PROMPT))).toMatch(PROMPTS.exec);
  });

  it("on open: enable answers scrapli's prompt_exact 'Password:' and reaches privileged_exec", async () => {
    expect(await step('enable', /Password:\s?$/)).toMatch(/Password: $/);
    expect(lastLine(await step('scrapli-enable-1'))).toMatch(PROMPTS.privileged_exec);
  });

  it('on open: term width 512 and term len 0 are taken (abbreviated as scrapli sends them)', async () => {
    expect(lastLine(await step('term width 512'))).toMatch(PROMPTS.privileged_exec);
    expect(lastLine(await step('term len 0'))).toMatch(PROMPTS.privileged_exec);
  });

  it.each(EVERYDAY)('send_command %s: answered as IOS-XE 17 does, back at privileged_exec', async (command, expected) => {
    const out = await step(command);
    expect(lastLine(out)).toMatch(PROMPTS.privileged_exec);
    expect(result(out)).toMatch(expected);
  });

  it('send_configs: configure terminal, every line at a configuration prompt, end back at privileged_exec', async () => {
    expect(lastLine(await step('configure terminal'))).toMatch(PROMPTS.configuration);
    for (const line of EVERYDAY_CONFIG) {
      const prompt = lastLine(await step(line));
      expect({ line, prompt: PROMPTS.configuration.test(prompt) && !prompt.includes('tcl)') }).toEqual({ line, prompt: true });
    }
    expect(lastLine(await step('end'))).toMatch(PROMPTS.privileged_exec);
    expect(fx.sim.state('Router1').settings).toMatchObject({
      domainLookup: false,
      loggingBuffered: { size: 64000, level: 'informational' },
    });
  });

  it("no answer carried one of scrapli's failure indicators", () => {
    for (const [input, out] of answers)
      expect({ input, failed: FAILURE_INDICATORS.filter((f) => out.includes(f)) }).toEqual({ input, failed: [] });
  });

  it('on close: exit ends the session', async () => {
    shell.send('exit\n');
    await shell.closedByServer();
    expect(shell.closed).toBe(true);
  });
});
