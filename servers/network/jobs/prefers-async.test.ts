import { prefersAsync } from './prefers-async';

describe('prefersAsync', () => {
  it.each([
    ['respond-async', true],
    ['Respond-Async', true],
    ['wait=10, respond-async', true],
    ['respond-async; foo=bar', true],
    [['return=minimal', 'respond-async'], true],
    ['return=minimal', false],
    ['respond-asynchronously', false],
    [undefined, false],
  ])('reads Prefer: %p as %p', (header, expected) => {
    expect(prefersAsync(header)).toBe(expected);
  });
});
