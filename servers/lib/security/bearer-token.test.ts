import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.DEF-123', 'abc.DEF-123'],
    ['bearer   abc  ', 'abc'],
  ])('reads %j as %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic YWRtaW46Y2lzY28=', 'Bearer two words', 'XBearer abc'])(
    'finds no token in %j',
    (header) => {
      expect(bearerToken(header)).toBeUndefined();
    },
  );
});
