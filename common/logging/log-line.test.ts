import { formatLogLine, formatLogValue } from './log-line';

const at = new Date('2025-09-07T14:22:00.000Z');

describe('formatLogLine', () => {
  it('writes EVENT_TYPE key=value pairs and ends with ts', () => {
    expect(formatLogLine('WEBHOOK_RECEIVED', { event: 'InterfaceDown', bytes: 80 }, at)).toBe(
      'WEBHOOK_RECEIVED event=InterfaceDown bytes=80 ts=2025-09-07T14:22:00.000Z',
    );
  });

  it('quotes values with spaces and escapes quotes and backslashes', () => {
    expect(formatLogLine('ERROR', { message: 'a "quoted" \\ value' }, at)).toBe(
      'ERROR message="a \\"quoted\\" \\\\ value" ts=2025-09-07T14:22:00.000Z',
    );
  });

  it('leaves out undefined fields and writes empty values as ""', () => {
    expect(formatLogLine('API_CALL', { api: 'joke', status: undefined, path: '' }, at)).toBe(
      'API_CALL api=joke path="" ts=2025-09-07T14:22:00.000Z',
    );
  });

  describe('when a value tries to forge a second log line', () => {
    const forged = 'x\nWEBHOOK_RECEIVED event=Forged ts=2020-01-01T00:00:00Z\r\u2028\u0085\u000b\f';

    it('keeps the whole event on one line', () => {
      const line = formatLogLine('WEBHOOK_RECEIVED', { event: forged }, at);
      expect(line.split(/[\n\r\u2028\u2029\u0085\u000b\f]/)).toHaveLength(1);
      expect(line).toContain('event="x\\nWEBHOOK_RECEIVED event=Forged ts=2020-01-01T00:00:00Z\\r\\u2028\\u0085\\u000b\\u000c"');
    });

    it('cannot forge a key either', () => {
      const line = formatLogLine('SECURITY', { 'bad key\n=x': 'v' }, at);
      expect(line).toBe('SECURITY bad_key__x=v ts=2025-09-07T14:22:00.000Z');
    });
  });

  it('coerces an event type to an upper-case word', () => {
    expect(formatLogLine('server start\n', {}, at)).toBe('SERVER_START_ ts=2025-09-07T14:22:00.000Z');
  });
});

describe('formatLogValue', () => {
  it.each([
    ['Router1', 'Router1'],
    ['GigabitEthernet1/0/1', 'GigabitEthernet1/0/1'],
    ['a b', '"a b"'],
    ['tab\there', '"tab\\there"'],
    [42, '42'],
    [true, 'true'],
    [null, '""'],
  ])('renders %p as %s', (value, expected) => {
    expect(formatLogValue(value)).toBe(expected);
  });
});
