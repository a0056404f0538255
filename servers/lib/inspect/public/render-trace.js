import { el, clock, statusClass, visible } from './dom.js';

/** What each stage outcome looks like; the word is always shown too (colour is not enough). */
const MARKS = { passed: '✓', failed: '✗', off: '–', 'not reached': '·', duplicate: '≡' };
const STEP_KINDS = {
  api: 'API call',
  fallback: 'fallback',
  session: 'SSH session',
  command: 'command',
  verdict: 'verdict',
  decision: 'decision',
  job: 'shared job',
};

/** One line that says what happened: what refused the request, or what the handler concluded. */
export function headline(item) {
  if (item.kind === 'journal') return `${item.outcome}${item.code ? ` ${item.code}` : ''} (from the journal; no trace kept)`;
  const failed = item.stages.find((s) => s.outcome === 'failed');
  if (failed) return `${failed.name}: ${failed.detail}`;
  if (item.aborted) return 'the client closed the connection before the answer';
  if (item.outcome === 'duplicate') return 'duplicate delivery: acknowledged, not acted on again';
  const latest = [...item.steps].reverse();
  const told = latest.find((s) => ['decision', 'verdict', 'fallback', 'job'].includes(s.kind)) ?? latest.find((s) => s.kind === 'api');
  if (told) return told.text;
  if (item.outcome === 'ignored') return item.stages.find((s) => s.name === 'handler')?.detail ?? 'ignored';
  if (item.outcome === 'accepted') return 'accepted (202): the work goes on after the answer';
  if (item.outcome === 'ok') return 'handled, journaled, answered';
  return ''; // another route (GET /health, GET /events …): the summary line says it all
}

/** The text an edit (or a replay) starts from: the body as received, secrets redacted. */
export function bodyTextOf(item) {
  if (item.kind === 'journal') return item.payload;
  return item.body?.pretty ?? item.body?.text ?? '';
}

function section(title, ...content) {
  return el('section', { class: 'part' }, el('h3', {}, title), ...content);
}

function renderStages(stages) {
  return el(
    'ol',
    { class: 'stages' },
    stages.map((s) =>
      el(
        'li',
        { class: `stage ${s.outcome.replace(' ', '-')}` },
        el('span', { class: 'mark', 'aria-hidden': 'true' }, MARKS[s.outcome] ?? '?'),
        el('span', { class: 'stage-name' }, s.name),
        el('span', { class: 'outcome' }, s.outcome),
        s.detail && el('span', { class: 'detail' }, visible(s.detail)),
        s.details &&
          el(
            'ul',
            { class: 'field-errors' },
            s.details.map((d) => el('li', {}, d.field ? el('code', {}, d.field) : null, d.field ? ': ' : '', d.message)),
          ),
      ),
    ),
  );
}

function renderSteps(steps) {
  if (steps.length === 0) return el('p', { class: 'quiet' }, 'No upstream calls or device commands.');
  return el(
    'ol',
    { class: 'steps' },
    steps.map((s) => {
      const lines = s.output === undefined ? 0 : s.output.split('\n').length;
      return el(
        'li',
        { class: `step ${s.kind} ${s.ok ? 'ok' : 'bad'}` },
        el('span', { class: 'at' }, `+${s.at_ms.toFixed(1)} ms`),
        el('span', { class: 'kind' }, STEP_KINDS[s.kind] ?? s.kind),
        el('span', { class: 'text' }, visible(s.text)),
        s.duration_ms !== undefined && el('span', { class: 'dur' }, ` (${s.duration_ms} ms)`),
        s.output !== undefined &&
          el(
            'details',
            { class: 'output', open: lines <= 14 },
            el('summary', {}, `output, ${lines} line${lines === 1 ? '' : 's'}`),
            el('pre', { class: 'code' }, s.output),
          ),
      );
    }),
  );
}

function renderBody(body) {
  if (!body) return el('p', { class: 'quiet' }, 'No body was read (the request was refused before).');
  if (body.note) return el('p', {}, body.note);
  const size = el(
    'p',
    { class: 'quiet' },
    `${body.bytes} bytes${body.truncated ? ', cut for display' : ''}${body.pretty !== undefined ? ', pretty-printed, secret-looking fields redacted' : ''}`,
  );
  if (body.pretty !== undefined) return [size, el('pre', { class: 'code' }, body.pretty)];
  const text = body.text ?? '';
  if (!body.error) return [size, el('pre', { class: 'code' }, text)];
  const at = body.error.position;
  return [
    el('p', { class: 'json-error' }, `✗ Not JSON — ${body.error.message}`),
    size,
    // The character where the JSON goes wrong is marked; at the end, a marked space stands for "here".
    el(
      'pre',
      { class: 'code' },
      text.slice(0, at),
      el('mark', { class: 'error-here', title: body.error.message }, text[at] ?? ' '),
      text.slice(at + 1),
    ),
  ];
}

function renderHeaders(headers) {
  return el(
    'table',
    { class: 'headers' },
    el(
      'tbody',
      {},
      headers.map(([name, value]) => el('tr', {}, el('th', { scope: 'row' }, name), el('td', {}, value))),
    ),
  );
}

function actionsFor(item, actions) {
  if (!actions) return null;
  const text = bodyTextOf(item);
  return el(
    'div',
    { class: 'actions' },
    actions.onReplay &&
      el('button', { type: 'button', class: 'replay', onclick: () => actions.onReplay(text, item) }, 'Replay as a new delivery'),
    actions.onEdit && el('button', { type: 'button', class: 'edit', onclick: () => actions.onEdit(text, item) }, 'Edit and send…'),
  );
}

/** Identifies an item in a list: a trace by its number in the feed, a journaled event by its id. */
export function keyOf(item) {
  return item.kind === 'trace' ? `trace-${item.seq}` : `journal-${item.event_id}`;
}

/** The summary line of an item: time, status, request, event, source, duration, and why. */
export function summaryOf(item) {
  const status = item.status;
  return [
    el('time', { datetime: item.at }, clock(item.at)),
    el('span', { class: `badge ${statusClass(status)}` }, status ? String(status) : '…'),
    item.kind === 'trace'
      ? el(
          'span',
          { class: item.method === 'POST' && item.path === '/events' ? 'request is-events' : 'request' },
          `${item.method} ${item.path}`,
        )
      : el('span', { class: 'request' }, 'journal'),
    item.event && el('strong', { class: 'event' }, visible(item.event)),
    el('span', { class: 'source' }, `from ${item.source}`),
    el('span', { class: 'dur' }, `${item.duration_ms} ms`),
    el('span', { class: 'headline' }, visible(headline(item))),
  ];
}

/**
 * One request (a trace) or one journaled event as a list item: a summary line that opens
 * (keyboard: Tab to it, Enter) onto the stages, what the handler did, the request and the answer.
 */
export function renderItem(item, actions) {
  const details =
    item.kind === 'journal'
      ? [
          el(
            'p',
            { class: 'quiet' },
            'The server no longer holds this request\u2019s trace (it restarted, or the trace aged out of memory); the event journal kept what is below.',
          ),
          section('Event', el('pre', { class: 'code' }, item.payload)),
        ]
      : [
          section('Pipeline', renderStages(item.stages)),
          section('What the handler did', renderSteps(item.steps)),
          section(
            'Request',
            el(
              'p',
              { class: 'quiet' },
              `${item.method} ${item.path} · request id ${item.request_id}${item.event_id ? ` · event id ${item.event_id}` : ''}`,
            ),
            renderHeaders(item.headers),
            renderBody(item.body),
          ),
          section(
            `Answer ${item.status || ''}`,
            item.answer !== undefined
              ? el('pre', { class: 'code' }, item.answer)
              : el('p', { class: 'quiet' }, item.aborted ? 'None: the client went away first.' : 'Not recorded for this route.'),
          ),
        ];
  const canResend = item.kind === 'journal' || (item.method === 'POST' && item.body);
  return el(
    'li',
    {
      class: `item ${item.kind} ${statusClass(item.status)}`,
      'data-key': keyOf(item),
      'data-event': item.event ?? '',
      'data-status': String(item.status ?? ''),
      'data-source': item.source ?? '',
    },
    el(
      'details',
      {},
      el('summary', {}, summaryOf(item)),
      el('div', { class: 'item-body' }, details, canResend && actionsFor(item, actions)),
    ),
  );
}
