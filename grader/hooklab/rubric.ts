/**
 * The lab's grading breakdown, check by check: the one place points are set. Each criterion's
 * checks add up to its points exactly (grader/rubric.test.ts holds that true).
 *
 * `external` says what is graded instead when the target is someone else's server reachable
 * only over HTTP, where the grader cannot make the upstream API fail.
 */
export interface RubricCheck {
  id: string;
  points: number;
  /** What earns the points, as a student reads it. */
  title: string;
  /** The observable stand-in for this check against an external URL, when it differs. */
  external?: string;
}

export type CriterionId = 'webhook-servers' | 'api-integrations' | 'network-automation' | 'curl-suite' | 'security';

export interface RubricCriterion {
  id: CriterionId;
  title: string;
  points: number;
  checks: RubricCheck[];
}

export const RUBRIC: readonly RubricCriterion[] = [
  {
    id: 'webhook-servers',
    title: 'Webhook servers (basic, joke, card, network)',
    points: 25,
    checks: [
      { id: 'basic-health', points: 1, title: 'basic: GET /health answers {"status":"ok"}' },
      { id: 'joke-health', points: 1, title: 'joke: GET /health answers {"status":"ok"}' },
      { id: 'card-health', points: 1, title: 'card: GET /health answers {"status":"ok"}' },
      { id: 'network-health', points: 1, title: 'network: GET /health answers {"status":"ok"}' },
      { id: 'basic-acknowledges', points: 3, title: 'basic: the lab\'s InterfaceDown curl is acknowledged 200 {"status":"ok"}' },
      { id: 'basic-validates', points: 2, title: 'basic: an event without "event" is refused 422 VALIDATION_FAILED in the error shape' },
      { id: 'joke-answers', points: 3, title: 'joke: JokeRequest answers a joke and its source' },
      { id: 'card-answers', points: 3, title: 'card: CardDraw answers a card named like "KING of HEARTS"' },
      { id: 'network-answers', points: 3, title: 'network: NetworkDeviceCheck answers 200 with a JSON report of the device' },
      { id: 'joke-ignores', points: 1, title: 'joke: an event it does not handle is answered 2xx {"status":"ignored"}' },
      { id: 'card-ignores', points: 1, title: 'card: an event it does not handle is answered 2xx {"status":"ignored"}' },
      { id: 'network-ignores', points: 1, title: 'network: an event it does not handle is answered 2xx {"status":"ignored"}' },
      { id: 'not-found', points: 2, title: 'every server: an unknown path answers 404 NOT_FOUND in the error shape' },
      { id: 'method-not-allowed', points: 2, title: 'every server: DELETE /events answers 405 METHOD_NOT_ALLOWED' },
    ],
  },
  {
    id: 'api-integrations',
    title: 'External API integrations with error handling',
    points: 20,
    checks: [
      { id: 'joke-search', points: 2, title: 'joke: "term":"cat" answers a joke containing "cat"' },
      { id: 'joke-no-match', points: 2, title: 'joke: a term nothing matches answers 404 NOT_FOUND' },
      { id: 'joke-bad-term', points: 1, title: 'joke: "term":42 is refused 422 naming "term"' },
      { id: 'card-five', points: 2, title: 'card: "count":5 answers 5 different cards' },
      { id: 'card-same-deck', points: 2, title: 'card: consecutive draws use one deck (same deck_id, remaining goes down)' },
      { id: 'card-bad-count', points: 2, title: 'card: count 0, 53 and "5" are refused 422 naming "count"' },
      {
        id: 'joke-upstream-down',
        points: 2,
        title: 'joke, API answering 503, OFFLINE_FALLBACK=off: 502 UPSTREAM_UNAVAILABLE in the error shape',
        external: 'joke: "term":"" is refused 422 in the error shape',
      },
      {
        id: 'joke-upstream-garbage',
        points: 2,
        title: 'joke, API answering an HTML page, OFFLINE_FALLBACK=off: 502 UPSTREAM_BAD_RESPONSE',
        external: 'joke: "event":42 is refused 422 in the error shape',
      },
      {
        id: 'joke-upstream-stall',
        points: 2,
        title: 'joke, API never answering, OFFLINE_FALLBACK=off: 504 UPSTREAM_TIMEOUT within the timeout',
        external: 'joke: JokeRequest is answered within 6 s (200, or 5xx in the error shape)',
      },
      {
        id: 'card-upstream-down',
        points: 1,
        title: 'card, API answering 503, OFFLINE_FALLBACK=off: 502 UPSTREAM_UNAVAILABLE',
        external: 'card: "count":1.5 is refused 422 in the error shape',
      },
      {
        id: 'joke-fallback',
        points: 1,
        title: 'joke, API answering 503, OFFLINE_FALLBACK=on: a joke with "source":"offline"',
        external: 'joke: an event it does not handle is answered 2xx {"status":"ignored"}',
      },
      {
        id: 'card-fallback',
        points: 1,
        title: 'card, API answering 503, OFFLINE_FALLBACK=on: a card with "source":"offline"',
        external: 'card: an event it does not handle is answered 2xx {"status":"ignored"}',
      },
    ],
  },
  {
    id: 'network-automation',
    title: 'Network device automation via webhooks',
    points: 15,
    checks: [
      { id: 'device-report', points: 3, title: 'NetworkDeviceCheck: hostname, interfaces (name, status, protocol), counts that add up' },
      { id: 'device-check-alias', points: 1, title: 'DeviceCheck is accepted as NetworkDeviceCheck' },
      { id: 'interface-diagnosis', points: 3, title: 'InterfaceDown: interface, verdict, summary and recent_logs' },
      { id: 'shutdown-verdict', points: 3, title: 'an interface shut on the router is diagnosed admin_down (the router is left as found)' },
      { id: 'config-backup', points: 2, title: 'ConfigChange: a backup, and the next one diffed against it' },
      { id: 'unknown-device', points: 1, title: 'a device not in the inventory is refused 422 UNKNOWN_DEVICE' },
      { id: 'interface-injection', points: 2, title: '"interface":"Gi1; reload" is refused 422 before any SSH' },
    ],
  },
  {
    id: 'curl-suite',
    title: 'cURL testing suite',
    points: 10,
    checks: [
      { id: 'curl-basic', points: 2, title: 'curl-tests/basic.sh passes' },
      { id: 'curl-joke', points: 2, title: 'curl-tests/joke.sh passes' },
      { id: 'curl-card', points: 2, title: 'curl-tests/card.sh passes' },
      { id: 'curl-network', points: 2, title: 'curl-tests/network.sh passes' },
      { id: 'curl-security', points: 2, title: 'curl-tests/security.sh passes' },
    ],
  },
  {
    id: 'security',
    title: 'Security: validation and configuration',
    points: 5,
    checks: [
      { id: 'unauthenticated-refused', points: 1, title: 'no or a wrong token / no signature is refused 401' },
      { id: 'bad-signature-refused', points: 1, title: 'a bad HMAC signature, or one over another body, is refused 401' },
      { id: 'credentials-accepted', points: 1, title: 'the right token and a valid X-Hub-Signature-256 are accepted' },
      { id: 'oversized-body', points: 1, title: 'a 150 kB body is refused 413 PAYLOAD_TOO_LARGE' },
      { id: 'malformed-json', points: 1, title: 'malformed JSON is refused 400 INVALID_JSON' },
    ],
  },
];

/** The lab's total: 75. */
export const TOTAL_POINTS = RUBRIC.reduce((sum, c) => sum + c.points, 0);
