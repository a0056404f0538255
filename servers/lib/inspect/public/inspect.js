import { el } from './dom.js';
import { ItemList } from './item-list.js';
import { followEventStream } from './follow-event-stream.js';
import { canSign, newRequestId, sendEvent } from './send-event.js';
import { readHeaders } from './credentials.js';
import { credentialsPanel } from './credentials-panel.js';

/**
 * GET /inspect: every request this server gets, as it happens (GET /inspect/feed, Server-Sent
 * Events), newest first; filter, replay, edit and send. Everything shown is text (textContent),
 * never HTML.
 */
const $ = (id) => document.getElementById(id);
let hello = { server: 'hooklab', boot: undefined, auth: { token: false, secret: false } };
/** The request id of what this page sent last: its trace opens when it arrives. */
let sentRequestId;
const eventNames = new Set();

function matches(node) {
  const event = $('filter-event').value.trim().toLowerCase();
  const status = $('filter-status').value;
  const source = $('filter-source').value.trim().toLowerCase();
  const code = Number(node.dataset.status || 0);
  if (event && !node.dataset.event.toLowerCase().includes(event)) return false;
  if (source && !node.dataset.source.toLowerCase().includes(source)) return false;
  if (status === 'refused') return code >= 400;
  if (status) return String(code).startsWith(status);
  return true;
}

const list = new ItemList($('items'), { actions: { onReplay: replay, onEdit: openComposer }, matches });

function showEmpty() {
  $('empty').hidden = list.size > 0;
}

function setStatus(text, kind = 'info') {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

function onItem(item) {
  const node = list.upsert(item);
  if (item.event && !eventNames.has(item.event)) {
    eventNames.add(item.event);
    $('event-names').append(el('option', { value: item.event }));
  }
  if (item.kind === 'trace' && item.request_id === sentRequestId) {
    node.classList.add('yours');
    node.querySelector('details').open = true;
    node.scrollIntoView({ block: 'nearest' });
  }
  showEmpty();
}

// Credentials, for this tab only.
const panel = credentialsPanel({
  secret: true,
  note: [
    'Kept in this tab only (sessionStorage: gone when the tab closes) and sent only to this server. The secret itself is never sent: the page signs each event with it (HMAC-SHA256 in the browser, as ',
    el('code', {}, 'X-Hub-Signature-256'),
    ').',
  ],
  onSaved() {
    list.clear();
    feed.restart();
  },
});
const openCredentials = panel.open;

const feed = followEventStream('/inspect/feed', {
  headers: () => readHeaders(panel.current()),
  onEvent(type, data) {
    if (type === 'hello') {
      // A restarted server numbers its requests from 1 again: start the list afresh.
      if (hello.boot !== undefined && hello.boot !== data.boot) list.clear();
      hello = data;
      $('server-name').textContent = `${data.server} server`;
      document.title = `${data.server} · hooklab live view`;
      $('events-url').textContent = `${location.origin}/events`;
      setStatus(`Live: the ${data.server} server at ${location.host}. New requests appear at the top.`, 'live');
    } else if (type === 'trace' || type === 'journal') {
      onItem(data);
    }
  },
  onState(s) {
    if (s.state === 'live') return; // said once the server's hello arrives, with its name
    if (s.state === 'connecting') setStatus('Connecting…');
    else if (s.state === 'reconnecting')
      setStatus(`Connection lost (${s.reason}); trying again in ${Math.round(s.inMs / 1000)} s…`, 'warn');
    else if (s.state === 'refused') {
      setStatus(`The server refused to show its events (${s.status}): ${s.message}`, 'error');
      if (s.status === 401) openCredentials('This server has a WEBHOOK_TOKEN: enter it to see its events (the same rule as GET /events).');
    }
  },
});

// Sending: replay as it is, or edit first (from a request, a journaled event, or payloads/).
function authNote() {
  const credentials = panel.current();
  const parts = [];
  if (credentials.token) parts.push('your bearer token');
  if (credentials.secret)
    parts.push(
      canSign() ? 'an X-Hub-Signature-256 made with your secret' : 'no signature (this page is not in a secure context: use the token)',
    );
  if (parts.length > 0) return `Sent with ${parts.join(' and ')}, and a new Idempotency-Key.`;
  if (hello.auth.token || hello.auth.secret)
    return 'This server requires a token or a signature: set them with "Token / secret…", or it will answer 401.';
  return 'This server runs open: no token or signature needed.';
}

async function send(text) {
  const result = $('send-result');
  result.hidden = false;
  result.replaceChildren(el('p', {}, 'Sending…'));
  // Known before sending: the trace may arrive on the feed before fetch has the answer.
  sentRequestId = newRequestId();
  try {
    const answer = await sendEvent(text, panel.current(), { requestId: sentRequestId });
    result.replaceChildren(
      el('p', {}, el('strong', {}, `HTTP ${answer.status}`), ` for request ${answer.requestId} (it opens in the list below).`),
      el('pre', { class: 'code' }, answer.text),
    );
  } catch (err) {
    result.replaceChildren(el('p', { class: 'json-error' }, `Not sent: ${err.message}`));
  }
}

function replay(text) {
  void send(text);
}

let payloads;
async function loadPayloads() {
  if (payloads) return payloads;
  const res = await fetch('/inspect/payloads', { headers: readHeaders(panel.current()), cache: 'no-store' });
  payloads = res.ok ? (await res.json()).payloads : [];
  return payloads;
}

async function openComposer(text, item) {
  const select = $('start-from');
  select.replaceChildren();
  if (typeof text === 'string') select.append(el('option', { value: 'item' }, item?.event ? `this ${item.event} event` : 'this request'));
  else select.append(el('option', { value: 'item' }, '(empty)'));
  $('composer-body').value = typeof text === 'string' ? text : '{\n  "event": ""\n}';
  $('composer-auth').textContent = authNote();
  $('composer').hidden = false;
  $('composer-body').focus();
  for (const p of await loadPayloads()) select.append(el('option', { value: p.name }, `payloads/${p.name}`));
  select.onchange = () => {
    const chosen = payloads.find((p) => p.name === select.value);
    $('composer-body').value = chosen ? chosen.body.trim() : typeof text === 'string' ? text : '';
  };
}
$('open-composer').addEventListener('click', () => void openComposer());
$('close-composer').addEventListener('click', () => ($('composer').hidden = true));
$('composer-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void send($('composer-body').value);
});

// Filters apply as you type.
$('filters').addEventListener('input', () => list.refilter());
$('filters').addEventListener('submit', (e) => e.preventDefault());
showEmpty();
