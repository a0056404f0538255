import { newestWithin } from './feed-messages';

describe('newestWithin', () => {
  const messages = (...sizes: number[]) => sizes.map((n, i) => () => String(i).repeat(n));

  it('keeps the newest messages that fit, oldest first, and counts the rest', () => {
    expect(newestWithin(10, messages(4, 4, 4, 4))).toEqual({ texts: ['2222', '3333'], left: 2 });
  });

  it('makes only the messages it keeps (and the one that did not fit)', () => {
    let made = 0;
    const counted = messages(4, 4, 4, 4).map((m) => () => ((made += 1), m()));
    newestWithin(10, counted);
    expect(made).toBe(3);
  });

  it('always keeps the newest one, however large', () => {
    expect(newestWithin(10, messages(4, 50))).toEqual({ texts: ['1'.repeat(50)], left: 1 });
  });
});
