/**
 * The lab's grading breakdown, check by check, for ANY implementation: the one place the lab
 * profile's points are set. Every check quotes the sentence of the lab text
 * (`seed/lab6-reverse-apis-and-event-driven-automation.md`) it grades, and is observed over HTTP
 * only, accepting every reasonable way to meet it (see grader/README.md, "What counts").
 * Health endpoints, search terms, counts, verdict names, backups and other extras of this repo
 * earn nothing here; they belong to `--profile hooklab`.
 */

/** The steps of INSTRUCTIONS.md (the build track): 1 basic, 2 joke, 3 card, 4 network, 5 security, 6 close the loop. */
export type LabStep = 1 | 2 | 3 | 4 | 5 | 6;
export const LAB_STEPS: readonly LabStep[] = [1, 2, 3, 4, 5, 6];

export interface LabCheck {
  id: string;
  points: number;
  /** The lab step it belongs to; the curl suite belongs to none (graded with the whole lab only). */
  step?: LabStep;
  /** What earns the points, as a student reads it. */
  title: string;
  /** The lab text's words this check grades. */
  quote: string;
  /** What to do when the check fails: the kit's TypeScript way and a language-neutral one. */
  hint: string;
  /**
   * Graded only for the build track (`--step N`, `npm run check -- N`), not in the lab's 75:
   * INSTRUCTIONS asks for it, the lab text does not (its own snippet does otherwise).
   */
  stepOnly?: boolean;
}

export interface LabCriterion {
  id: 'webhook-servers' | 'api-integrations' | 'network-automation' | 'curl-suite' | 'security';
  title: string;
  points: number;
  /** The lab's own line for this criterion. */
  quote: string;
  checks: LabCheck[];
}

const UNRECOGNIZED = 'return {"status": "unrecognized event"}';
const ERROR_HANDLING = 'External API integrations working correctly with proper error handling';

/** An unknown event on each server: any 2xx that is not an error (the lab's sketch says "unrecognized event"). */
const unknownEvent = (server: string, step: LabStep): LabCheck => ({
  id: `${server}-unknown-event`,
  points: 1,
  step,
  title: `${server}: an event it does not handle is answered 2xx, not as an error`,
  quote: UNRECOGNIZED,
  hint: `answer events your ${server} server does not handle with a 2xx such as {"status": "unrecognized event"}, not a 4xx/5xx (a webhook sender would retry an error)`,
});

/** The four upstream failures the grader injects into a stand-in API. */
const upstreamFaults = (api: 'joke' | 'card', step: LabStep, what: string): LabCheck[] => [
  {
    id: `${api}-upstream-5xx`,
    points: 2,
    step,
    title: `${api}: the API answering 503 gives a 5xx JSON error (e.g. 502) or a documented fallback ${what}`,
    quote: ERROR_HANDLING,
    hint: `check the API's status code (axios throws on a non-2xx unless told otherwise; in any language: look at the status before the body) and answer 502 with a JSON body saying the API failed, or fall back to ${what}`,
  },
  {
    id: `${api}-upstream-garbage`,
    points: 2,
    step,
    title: `${api}: the API answering an HTML page gives a 5xx JSON error or a fallback ${what}`,
    quote: ERROR_HANDLING,
    hint: "check the answer is what you expect (a JSON object with the field you read; the kit's checkPayload with a Joi schema, or a typeof check) and answer 502 with a JSON body otherwise, never a crash (500 with an HTML/text page)",
  },
  {
    id: `${api}-upstream-down`,
    points: 2,
    step,
    title: `${api}: the API dropping the connection gives a 5xx JSON error or a fallback ${what}`,
    quote: ERROR_HANDLING,
    hint: 'catch connection errors of the upstream call (axios: an error without a response; any HTTP client: the connection error it raises) and answer 502 with a JSON body',
  },
  {
    id: `${api}-upstream-hang`,
    points: 2,
    step,
    title: `${api}: the API never answering gives, within 15 s, a 5xx JSON error (e.g. 504) or a fallback ${what}`,
    quote: ERROR_HANDLING,
    hint: 'give the upstream call a timeout (axios { timeout: 5000 }, as the kit reads UPSTREAM_TIMEOUT_MS; any HTTP client has one) and answer 504 with a JSON body when it runs out',
  },
];

export const LAB_RUBRIC: readonly LabCriterion[] = [
  {
    id: 'webhook-servers',
    title: 'Webhook servers (basic, joke, card, network)',
    points: 25,
    quote: '25 pts: FastAPI webhook server implementations (basic, joke, card, network)',
    checks: [
      {
        id: 'basic-acknowledges',
        points: 3,
        step: 1,
        title: "basic: the lab's InterfaceDown curl is acknowledged with a 2xx JSON answer",
        quote: 'You should also see the server return a simple JSON response like {"status": "ok"}.',
        hint: 'POST /events must parse the JSON body and answer 200 with a JSON object such as {"status": "ok"}',
      },
      {
        id: 'basic-any-event',
        points: 1,
        step: 1,
        title: 'basic: JokeRequest and CardDraw events are acknowledged too',
        quote: 'By experimenting with different payloads—such as replacing the event type with JokeRequest or CardDraw',
        hint: 'the basic listener receives and logs any event name; acknowledge every well-formed event with a 2xx JSON answer',
      },
      {
        id: 'basic-missing-event',
        points: 2,
        step: 1,
        title: 'basic: an event without "event" is refused 4xx with a JSON error naming the field',
        quote: 'Always check that the JSON includes the fields you expect and handle unexpected input gracefully.',
        hint: 'validate the body (the kit\'s checkPayload with a Joi schema, or an if in the handler; any schema validator) and answer 422 with a JSON error that names "event"',
      },
      {
        id: 'basic-malformed-json',
        points: 2,
        step: 1,
        title: 'basic: a body that is not JSON is refused 4xx with a JSON error (not a crash)',
        quote: 'Never assume incoming data is clean.',
        hint: "catch the JSON parse error (the kit's jsonBody and finishApp do; with express.json(), an error handler of four arguments) and answer 400 with a JSON body saying the body is not valid JSON",
      },
      {
        id: 'basic-event-type',
        points: 1,
        step: 1,
        title: 'basic: an "event" that is not a string ({"event": 42}), or a body that is not an object, is refused 4xx with a JSON error',
        quote: 'Validate payloads – Never assume incoming data is clean.',
        hint: 'declare the types you expect (Joi.string() for "event" with the kit\'s checkPayload; typeof body.event === "string"; any schema validator) and refuse the rest with 422 and a JSON error',
      },
      {
        id: 'joke-answers',
        points: 4,
        step: 2,
        title: 'joke: JokeRequest calls the jokes API and answers with the joke it got',
        quote:
          'if the payload includes {"event": "JokeRequest"}, your server could call the Dad Jokes API with Python’s requests library and return the joke.',
        hint: 'on JokeRequest, GET JOKE_API_URL with "Accept: application/json" (axios.get, or any HTTP client) and put its "joke" text in your JSON answer',
      },
      unknownEvent('joke', 2),
      {
        id: 'card-answers',
        points: 4,
        step: 3,
        title: 'card: CardDraw calls the cards API and answers with the card it dealt ("6 of CLUBS", or value and suit)',
        quote: 'If the payload includes {"event": "CardDraw"}, your server might hit the Deck of Cards API and respond with a card value.',
        hint: 'on CardDraw, draw from CARD_API_URL (/api/deck/...) and answer the card as "VALUE of SUIT" or with "value" and "suit" fields',
      },
      unknownEvent('card', 3),
      {
        id: 'network-answers',
        points: 5,
        step: 4,
        title: 'network: NetworkDeviceCheck logs in to the device and answers a JSON report naming its hostname',
        quote:
          'trigger an action that ties back to earlier labs—for example, retrieving a joke, drawing a card, or generating a mini device report.',
        hint: 'on NetworkDeviceCheck, log in over SSH (the kit\'s withDevice, node-ssh; any SSH client) with DEVICE_HOST, DEVICE_PORT, DEVICE_USERNAME, DEVICE_PASSWORD, run show commands, and answer JSON with the hostname (e.g. from "show running-config | include hostname" or the prompt)',
      },
      unknownEvent('network', 4),
    ],
  },
  {
    id: 'api-integrations',
    title: 'External API integrations with error handling',
    points: 20,
    quote: '20 pts: External API integrations working correctly with proper error handling',
    checks: [
      {
        id: 'joke-each-event',
        points: 2,
        step: 2,
        title: 'joke: each JokeRequest makes its own API call (two events, two fresh jokes)',
        quote: 'This creates a workflow chain: an external trigger → your Webhook listener → an automated action → a response.',
        hint: 'call the jokes API inside the event handler, once per event; do not fetch one joke at start-up and repeat it',
      },
      ...upstreamFaults('joke', 2, '(a joke)'),
      {
        id: 'card-each-event',
        points: 2,
        step: 3,
        title: 'card: each CardDraw draws its own card from the API (two events, two cards dealt)',
        quote: 'This creates a workflow chain: an external trigger → your Webhook listener → an automated action → a response.',
        hint: 'draw from the cards API inside the event handler, once per event, and answer the card it dealt for that event; do not draw once at start-up and repeat it',
      },
      {
        id: 'card-same-deck',
        points: 2,
        step: 3,
        stepOnly: true,
        title: 'card: consecutive CardDraw events draw from one deck (its deck_id is kept) — step 3 of the build track only',
        quote: 'drawing a card',
        hint: 'create a deck once (/api/deck/new/shuffle/), keep its deck_id in a variable outside the handler, and draw each card from /api/deck/<deck_id>/draw/',
      },
      ...upstreamFaults('card', 3, '(a card)'),
    ],
  },
  {
    id: 'network-automation',
    title: 'Network device automation via webhooks',
    points: 15,
    quote: '15 pts: Network device automation via webhooks using Netmiko',
    checks: [
      {
        id: 'device-interfaces',
        points: 3,
        step: 4,
        title: 'network: the report lists every interface the device really has',
        quote: 'APIs are best when you need on-demand access to resources (for example, fetching a device’s current interface list)',
        hint: 'build the report from the device (e.g. "show ip interface brief"), not from a fixed list: the grader\'s router has an interface only it knows',
      },
      {
        id: 'device-states',
        points: 4,
        step: 4,
        title: 'network: an interface the grader shuts is reported down, the others up',
        quote: 'Connection of webhook events to real network device interactions using Netmiko.',
        hint: 'report each interface\'s status and protocol as the device shows them now ("administratively down", "up"); read them at every event',
      },
      {
        id: 'device-injection',
        points: 2,
        step: 4,
        title: 'network: an interface name carrying a second command ("GigabitEthernet1\\nreload") never reaches the device CLI',
        quote: 'Never assume incoming data is clean.',
        hint: "validate interface names (Joi.string().pattern(/^[A-Za-z-]+[0-9/.]+$/) with the kit's checkPayload, or the same regular expression in any language) before putting them into a command, and answer 422 otherwise",
      },
      {
        id: 'device-down',
        points: 1,
        step: 4,
        title: 'network: a device that refuses the connection gives a 5xx JSON error (e.g. 502), not a crash',
        quote: 'Add payload validation, error handling, and security best practices to create production-ready webhook servers',
        hint: "catch the SSH client's connection errors (the kit's withDevice turns them into 502; node-ssh rejects connect(); any SSH library raises one) and answer 502 or 504 with a JSON body",
      },
      {
        id: 'device-hang',
        points: 1,
        step: 4,
        title: 'network: a device that accepts the connection and then says nothing gives a 5xx JSON error (e.g. 504) within 15 s',
        quote: 'Add payload validation, error handling, and security best practices to create production-ready webhook servers',
        hint: "give the whole device conversation a timeout (the kit's withDevice: UPSTREAM_TIMEOUT_MS, node-ssh's readyTimeout plus withTimeout around the commands; any SSH library has a connect and a read timeout) and answer 504 with a JSON body when it runs out",
      },
      {
        id: 'close-loop',
        points: 2,
        step: 6,
        title: "network: the router's own InterfaceDown webhook makes the server act on the device",
        quote:
          'the device automatically sends a Webhook notification to an external system. That external system (your automation platform or listener) can then take immediate action',
        hint: 'handle {"event": "InterfaceDown", "interface": ...} (as the router sends it, with its token/signature) by logging in to the device (the kit\'s withDevice, or any SSH client) and looking at that interface',
      },
      {
        id: 'loop-looks-at-interface',
        points: 1,
        step: 6,
        title: "network: after the router's webhook, the device is asked about the interface the event names (e.g. show interfaces <it>)",
        quote: 'Connection of webhook events to real network device interactions using Netmiko.',
        hint: 'run a show command about the event\'s own interface: "show interfaces <interface>" (cli.run in the kit), "show ip interface brief | include <interface>", or all of them ("show ip interface brief"); "show clock" or "show version" says nothing about it',
      },
      {
        id: 'loop-no-config',
        points: 1,
        step: 6,
        title: 'network: with AUTO_REMEDIATE off (as the grader runs it) nothing is configured on the device',
        quote: 'Connection of webhook events to real network device interactions using Netmiko.',
        hint: 'read AUTO_REMEDIATE (the kit\'s env.autoRemediate; false unless set to "true") and send configuration ("configure terminal", "no shutdown"; cli.configure in the kit) only when it is on: diagnose only, otherwise',
      },
    ],
  },
  {
    id: 'curl-suite',
    title: 'cURL testing suite',
    points: 10,
    quote: '10 pts: Comprehensive cURL testing suite with documented examples',
    checks: [
      {
        id: 'curl-passes',
        points: 2,
        title: 'the suite (GRADE_CURL_SUITE) runs against the servers and exits 0',
        quote: 'Comprehensive testing suite using cURL to simulate various webhook events and payloads.',
        hint: 'read BASIC_URL, JOKE_URL, CARD_URL, NETWORK_URL (and WEBHOOK_TOKEN) from the environment (bash: "${BASIC_URL:-http://127.0.0.1:8000}"), and exit 0 only when every check passed',
      },
      {
        id: 'curl-covers-events',
        points: 2,
        title: 'the suite sends every event of the lab: any event to basic, JokeRequest, CardDraw, NetworkDeviceCheck',
        quote: 'Use comprehensive cURL commands to simulate webhook events and verify your implementations',
        hint: 'send at least one event to BASIC_URL, JokeRequest to JOKE_URL, CardDraw to CARD_URL and NetworkDeviceCheck to NETWORK_URL',
      },
      {
        id: 'curl-catches-500',
        points: 2,
        title: 'the suite fails against servers that answer 500 to everything',
        quote: 'verify your implementations',
        hint: 'check the status code of each answer (curl -w "%{http_code}") and exit non-zero when it is not what you expect',
      },
      {
        id: 'curl-catches-malformed',
        points: 2,
        title: 'the suite fails against servers that accept malformed JSON',
        quote: 'Validate payloads – Never assume incoming data is clean.',
        hint: 'send a body that is not JSON (e.g. -d \'{"event": "InterfaceDown",\') and expect a 4xx',
      },
      {
        id: 'curl-catches-no-token',
        points: 2,
        title: 'the suite fails against servers that skip the token check',
        quote: 'Verify the sender',
        hint: 'send an event without the Authorization header (and one with a wrong token) and expect 401',
      },
    ],
  },
  {
    id: 'security',
    title: 'Security: validation and configuration',
    points: 5,
    quote: '5 pts: Security implementation with validation and configuration management',
    checks: [
      {
        id: 'sec-token',
        points: 2,
        step: 5,
        title: 'basic: events need WEBHOOK_TOKEN as "Authorization: Bearer …"; none or a wrong one is refused 4xx',
        quote:
          'Many platforms (GitHub, Stripe, Cisco Webex, etc.) include a secret token or HMAC signature in the request headers. Your listener should validate this against a known key',
        hint: 'read WEBHOOK_TOKEN from the environment, compare it with the Bearer token in constant time (crypto.timingSafeEqual; every language has one, e.g. hmac.compare_digest) and answer 401 with a JSON error when it is missing or wrong',
      },
      {
        id: 'sec-signature',
        points: 2,
        step: 5,
        title:
          'basic: events are checked against an HMAC-SHA256 of the raw body with WEBHOOK_SECRET (X-Hub-Signature-256 or Standard Webhooks)',
        quote:
          'Many platforms (GitHub, Stripe, Cisco Webex, etc.) include a secret token or HMAC signature in the request headers. Your listener should validate this against a known key',
        hint: "compute sha256=HMAC(WEBHOOK_SECRET, raw body) in hex (crypto.createHmac; every language has an HMAC) over the bytes exactly as received (the kit's rawJsonBody keeps them; not JSON you parsed and serialised again), compare it with X-Hub-Signature-256 in constant time, and answer 401 when it does not match",
      },
      {
        id: 'sec-log-secrets',
        points: 1,
        step: 5,
        title:
          "basic: no credential (the token, the secret, a signature, the device's password) in the server's log (LOG_DIR, and its output)",
        quote:
          'Log events securely – Store only the necessary details, avoid logging secrets, and include timestamps so you can audit events later.',
        hint: "log the event, never the headers or the environment: no Authorization, X-Hub-Signature-256, WEBHOOK_TOKEN, WEBHOOK_SECRET or DEVICE_PASSWORD in a log line (the kit's log(type, fields) writes only the fields you give it); write the log to LOG_DIR so it can be read",
      },
    ],
  },
];

/** The lab's total: 75. */
export const LAB_POINTS = LAB_RUBRIC.reduce((sum, c) => sum + c.points, 0);

/** A check with the criterion it belongs to. */
export type LabCheckOfRun = LabCheck & { criterion: LabCriterion['id'] };

/** Every check with its criterion, in rubric order. */
export const LAB_CHECKS: readonly LabCheckOfRun[] = LAB_RUBRIC.flatMap((c) => c.checks.map((k) => ({ ...k, criterion: c.id })));

/** The points of one step's checks (the most `--step N` can give; step-only checks included). */
export function stepPoints(step: LabStep): number {
  return LAB_CHECKS.filter((c) => c.step === step).reduce((sum, c) => sum + c.points, 0);
}

/**
 * The checks a grading run includes, in rubric order: one step's (`step`), or the whole lab's
 * (step-only checks left out), narrowed to `only` when given (which may name a step-only one).
 */
export function checksOfRun(run: { step?: LabStep | undefined; only?: readonly string[] | undefined }): readonly LabCheckOfRun[] {
  return LAB_CHECKS.filter((c) =>
    run.only
      ? run.only.includes(c.id) && (run.step === undefined || c.step === run.step)
      : run.step === undefined
        ? !c.stepOnly
        : c.step === run.step,
  );
}
