import { logStampTime, parseShowClock } from './parse-show-clock';

describe('parseShowClock', () => {
  it.each([
    ['*10:15:02.123 UTC Mon Mar 4 2024\r\n', '2024-03-04T10:15:02.123Z'],
    ['.23:59:59.9 PST Sun Dec 31 2023', '2023-12-31T23:59:59.900Z'],
    ['show clock\n08:01:02 UTC Tue Feb 9 2021\nRouter1#', '2021-02-09T08:01:02.000Z'],
  ])('reads %j', (text, iso) => {
    expect(parseShowClock(text)?.toISOString()).toBe(iso);
  });

  it('answers undefined for output that is not a clock', () => {
    expect(parseShowClock("% Invalid input detected at '^' marker.")).toBeUndefined();
  });
});

describe('logStampTime', () => {
  const now = new Date('2024-03-04T10:15:02.123Z');

  it("reads a syslog stamp in the device clock's year", () => {
    expect(logStampTime('*Mar  4 10:14:58.001', now)?.toISOString()).toBe('2024-03-04T10:14:58.001Z');
    expect(logStampTime('Feb 19 03:02:32', now)?.toISOString()).toBe('2024-02-19T03:02:32.000Z');
  });

  it('puts a stamp that would lie in the future in the year before', () => {
    expect(logStampTime('*Dec 31 23:59:00.000', new Date('2024-01-01T00:01:00Z'))?.toISOString()).toBe('2023-12-31T23:59:00.000Z');
  });

  it('answers undefined for something else', () => {
    expect(logStampTime('00:01:02: uptime stamp', now)).toBeUndefined();
  });
});
