import type { Answer } from '../grade-http';
import { mentions, notAnAck, notAnError, notIgnored } from './read-answer';
import { cardsNamed } from './card-names';
import { interfaceEvidence, interfacesNamed, reportedState } from './device-facts';

const answer = (status: number, body: unknown, contentType = 'application/json'): Answer => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, contentType, text, json, ms: 1 };
};

describe('reading answers without fixed field names', () => {
  it.each([
    ['{"status": "ok"}', answer(200, { status: 'ok' })],
    ['202 with any JSON', answer(202, { received: true, id: 'x' })],
  ])('an acknowledgement: %s', (_label, a) => {
    expect(notAnAck(a, 'x')).toBe('');
  });

  it.each([
    ['a 500', answer(500, { status: 'ok' }), /expected a 2xx/],
    ['HTML', answer(200, '<h1>ok</h1>', 'text/html'), /expected a JSON answer/],
    ['a 200 that says error', answer(200, { error: 'no such event' }), /says it is an error/],
  ])('not an acknowledgement: %s', (_label, a, reason) => {
    expect(notAnAck(a, 'x')).toMatch(reason);
  });

  it.each([
    ["FastAPI's 422", answer(422, { detail: [{ loc: ['body', 'event'], msg: 'field required', type: 'value_error.missing' }] })],
    ["this repo's shape", answer(422, { error: { code: 'VALIDATION_FAILED', message: 'bad', details: [{ field: 'event' }] } })],
    ['a plain message', answer(400, { message: 'event is required' })],
  ])('an error that says what is wrong, and names the field: %s', (_label, a) => {
    expect(notAnError(a, '4xx', 'x')).toBe('');
    expect(mentions(a.json, 'event')).toBe(true);
  });

  it.each([
    ['a 500 for bad input', answer(500, { error: 'boom' }), '4xx', /expected a 4xx/],
    ['an HTML error page', answer(400, '<h1>Bad Request</h1>', 'text/html'), '4xx', /not JSON/],
    ['an empty JSON error', answer(502, {}), '5xx', /says nothing/],
  ] as const)('not an error as the lab wants it: %s', (_label, a, kind, reason) => {
    expect(notAnError(a, kind, 'x')).toMatch(reason);
  });

  it('takes any 2xx JSON that is not an error for an event a server does not handle', () => {
    expect(notIgnored(answer(200, { status: 'unrecognized event' }), 'x')).toBe('');
    expect(notIgnored(answer(200, { status: 'ignored', reason: 'not mine' }), 'x')).toBe('');
    expect(notIgnored(answer(400, { error: 'unknown event' }), 'x')).toMatch(/expected a 2xx/);
  });
});

describe('cardsNamed', () => {
  it.each([
    ["the lab's snippet", { card: '6 of CLUBS' }, ['6 of CLUBS']],
    ['mixed case in a sentence', { message: 'You drew the King of hearts!' }, ['KING of HEARTS']],
    ['value and suit fields', { value: 'QUEEN', suit: 'SPADES' }, ['QUEEN of SPADES']],
    ["the API's own cards", { cards: [{ code: '0D', value: '10', suit: 'DIAMONDS' }] }, ['10 of DIAMONDS']],
    ['rank instead of value', { drawn: { rank: 'ace', suit: 'hearts' } }, ['ACE of HEARTS']],
  ])('%s', (_label, json, names) => {
    expect([...cardsNamed(json)]).toEqual(names);
  });

  it('names nothing in an answer without a card', () => {
    expect(cardsNamed({ status: 'ok', remaining: 51 }).size).toBe(0);
  });
});

describe('interface facts in a device report of any shape', () => {
  const brief = [
    'Interface              IP-Address      OK? Method Status                Protocol',
    'GigabitEthernet1       10.0.12.1       YES NVRAM  up                    up',
    'GigabitEthernet2       10.0.13.1       YES NVRAM  administratively down down',
    'Loopback0              1.1.1.1         YES NVRAM  up                    up',
  ].join('\n');

  it.each([
    ['the raw "show ip interface brief" text', { output: brief }],
    [
      'parsed rows',
      {
        interfaces: [
          { name: 'GigabitEthernet1', status: 'up', protocol: 'up' },
          { name: 'Gi2', status: 'administratively down', protocol: 'down' },
          { name: 'Lo0', status: 'up', protocol: 'up' },
        ],
      },
    ],
    [
      'objects keyed by interface',
      { GigabitEthernet1: { status: 'up' }, GigabitEthernet2: 'administratively down', Loopback0: { enabled: true } },
    ],
    [
      'flags',
      {
        interfaces: [
          { intf: 'GigabitEthernet1', is_up: true },
          { intf: 'GigabitEthernet2', shutdown: true },
          { intf: 'Loopback0', oper_up: true },
        ],
      },
    ],
  ])('%s: names and states', (_label, json) => {
    expect([...interfacesNamed(json)].sort()).toEqual(['GigabitEthernet1', 'GigabitEthernet2', 'Loopback0']);
    const evidence = interfaceEvidence(json);
    expect(['GigabitEthernet1', 'GigabitEthernet2', 'Loopback0'].map((n) => reportedState(evidence.get(n)))).toEqual(['up', 'down', 'up']);
  });

  it('says unknown for an interface only named, and is not fooled by a description or an "Uplink"', () => {
    const evidence = interfaceEvidence({
      interfaces: ['GigabitEthernet1'],
      details: [{ name: 'GigabitEthernet3', description: 'Uplink to WAN', status: 'up' }],
    });
    expect(reportedState(evidence.get('GigabitEthernet1'))).toBe('unknown');
    expect(reportedState(evidence.get('GigabitEthernet3'))).toBe('up');
  });
});
