import { PassThrough } from 'node:stream';
import { PROMPT, ShellReadError, ShellReader } from './shell-reader';

describe('ShellReader', () => {
  it('reads up to the prompt, joining CRLF and multi-byte characters split across chunks', async () => {
    const stream = new PassThrough();
    const reader = new ShellReader(stream);
    const read = reader.read([PROMPT], 1000);
    const bytes = Buffer.from('show clock\r\nCaf\u00e9 10:15\r\nRouter1#');
    const split = bytes.indexOf(0xa9); // inside "é"
    stream.write(bytes.subarray(0, 11)); // ends with "\r"
    stream.write(bytes.subarray(11, split));
    stream.write(bytes.subarray(split));
    await expect(read).resolves.toBe('show clock\nCaf\u00e9 10:15\nRouter1#');
  });

  it('splits the answers of commands written together at the prompt each next echo follows, in one chunk or many', async () => {
    const answers = 'show version\r\nCisco IOS XE\r\nRouter1#show clock\r\n10:15 UTC\r\nRouter1#';
    for (const chunks of [[answers], answers.match(/[\s\S]{1,7}/g)!]) {
      const stream = new PassThrough();
      const reader = new ShellReader(stream);
      const first = reader.readAnswer('show clock', 1000);
      for (const chunk of chunks) stream.write(chunk);
      await expect(first).resolves.toBe('show version\nCisco IOS XE\nRouter1#');
      await expect(reader.readAnswer(undefined, 1000)).resolves.toBe('show clock\n10:15 UTC\nRouter1#');
    }
  });

  it.each([
    ['Router1>', true],
    ['Router1#', true],
    ['edge-rtr-01(config-if)#', true],
    ['output\nRouter1# ', true],
    ['  total 5 # of things', false],
    ['Router1#show ver', false],
  ])('treats a last line of %p as a prompt: %p', (text, prompt) => {
    expect(PROMPT.test(text)).toBe(prompt);
  });

  it('rejects with a timeout when no prompt comes, and with closed when the stream ends first', async () => {
    const stalled = new ShellReader(new PassThrough());
    await expect(stalled.read([PROMPT], 20)).rejects.toEqual(new ShellReadError('timeout', 0));
    const stream = new PassThrough();
    const dropped = new ShellReader(stream);
    const read = dropped.read([PROMPT], 1000);
    stream.end('partial output');
    await expect(read).rejects.toMatchObject({ reason: 'closed' });
  });
});
