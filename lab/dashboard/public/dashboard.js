import { el, clock, visible } from './inspect/dom.js';
import { ItemList } from './inspect/item-list.js';
import { keyOf, renderItem } from './inspect/render-trace.js';
import { followEventStream } from './inspect/follow-event-stream.js';
import { readHeaders } from './inspect/credentials.js';
import { credentialsPanel } from './inspect/credentials-panel.js';

/**
 * The lab dashboard: the router (interfaces and buttons, what it did) beside the four servers'
 * live views, or everything as one timeline. Data arrives on this origin's /feed only (the
 * dashboard server relays each server's /inspect/feed and the router's control-port feed).
 * Everything shown is text (textContent), never HTML.
 */
const $ = (id) => document.getElementById(id);
const SERVERS = ['basic', 'joke', 'card', 'network'];
const MAX_LINES = 400;
const boots = {};

const columns = Object.fromEntries(
  SERVERS.map((name) => [name, new ItemList(document.querySelector(`[data-source="${name}"] ol`), { max: 200 })]),
);

function setStatus(text, kind = 'info') {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

function setSourceState(source, state, message) {
  const badge = document.querySelector(`[data-state-of="${source}"]`);
  if (!badge) return;
  badge.dataset.state = state;
  badge.textContent = state === 'live' ? 'live' : state === 'refused' ? 'needs the token' : state === 'down' ? 'not running' : 'connecting';
  badge.title = message ?? '';
}

// One timeline: every line in time order, newest first.
function insertByTime(ol, node, at) {
  node.dataset.at = at;
  for (const child of ol.children) {
    if (child.dataset.at <= at) return ol.insertBefore(node, child);
  }
  ol.append(node);
}
function trim(ol) {
  while (ol.children.length > MAX_LINES) ol.lastElementChild.remove();
}
const timelineNodes = new Map();
function timelineItem(source, item) {
  const key = `${source}:${keyOf(item)}`;
  const node = renderItem(item);
  node.querySelector('summary').prepend(el('span', { class: `tag tag-${source}` }, source));
  const old = timelineNodes.get(key);
  if (old) {
    if (old.querySelector('details').open) node.querySelector('details').open = true;
    node.dataset.at = old.dataset.at;
    old.replaceWith(node);
  } else {
    if (item.kind === 'trace' && item.event_id) {
      timelineNodes.get(`${source}:journal-${item.event_id}`)?.remove();
      timelineNodes.delete(`${source}:journal-${item.event_id}`);
    }
    insertByTime($('timeline-items'), node, item.at);
    trim($('timeline-items'));
  }
  timelineNodes.set(key, node);
}

// The router: its interfaces (with buttons), and what it did.
function activityLine(a) {
  switch (a.kind) {
    case 'syslog':
      return { tag: 'syslog', text: a.line };
    case 'webhook': {
      const what = `webhook ${a.event}${a.interface ? ` ${a.interface}` : ''} → ${a.status ?? a.reason ?? '?'}`;
      const more = [
        a.attempt > 1 ? `attempt ${a.attempt}` : '',
        a.duration_ms !== undefined ? `${a.duration_ms} ms` : '',
        a.will_retry ? 'will retry' : '',
      ]
        .filter(Boolean)
        .join(', ');
      return { tag: 'webhook', text: `${what}${more ? ` (${more})` : ''}`, bad: !a.ok };
    }
    case 'ssh':
      if (a.what === 'login') return { tag: 'ssh', text: `login: ${a.user} from ${a.source} (${a.method})` };
      return { tag: 'ssh', text: `${a.what === 'session_open' ? 'session opened' : 'session closed'}: ${a.user} from ${a.source}` };
    case 'command':
      return {
        tag: 'cli',
        text: `${a.user}@${a.source}: ${a.command}${a.outcome && a.outcome !== 'ok' ? `  (${a.outcome})` : ''}`,
        bad: a.outcome === 'invalid',
      };
    case 'security':
      return {
        tag: 'refused',
        text: `${a.what ?? 'refused'}: ${a.user ?? ''} from ${a.source ?? '?'}${a.reason ? ` (${a.reason})` : ''}`,
        bad: true,
      };
    default:
      return undefined;
  }
}

function renderDevice(device, interfaces) {
  const id = `device-${device}`;
  const section = el(
    'section',
    { class: 'device', id, 'data-device': device },
    el('h3', {}, device),
    el(
      'ul',
      { class: 'interfaces' },
      interfaces.map((i) => {
        const state = i.status === 'up' && i.protocol === 'up' ? 'up' : i.shutdown ? 'admin-down' : 'down';
        const label = state === 'up' ? 'up/up' : i.shutdown ? 'admin down' : `${i.status}/${i.protocol}`;
        const button = (action, text) =>
          el(
            'button',
            {
              type: 'button',
              class: 'act',
              'data-action': action,
              'data-interface': i.name,
              'aria-label': `${text} ${i.name}`,
              onclick: () => act(device, i.name, action, text),
            },
            text,
          );
        return el(
          'li',
          { 'data-interface': i.name, 'data-state': state },
          el('span', { class: 'if-name' }, i.name),
          el('span', { class: `if-state ${state}` }, label),
          i.name.startsWith('Loopback')
            ? null
            : el('span', { class: 'if-buttons' }, button('shutdown', 'shut'), button('no-shutdown', 'no shut'), button('flap', 'flap')),
        );
      }),
    ),
  );
  const old = $(id);
  if (old) old.replaceWith(section);
  else $('devices').append(section);
}

async function act(device, name, action, text) {
  setStatus(`${text} ${name} on ${device}…`);
  try {
    const res = await fetch(`/router/${encodeURIComponent(device)}/${encodeURIComponent(name)}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...readHeaders(panel.current()) },
      body: '{}',
    });
    const answer = await res.json().catch(() => ({}));
    setStatus(
      res.ok
        ? `${text} ${name}: done (through the router's control port). Watch what follows.`
        : `${text} ${name}: ${answer?.error?.message ?? res.status}`,
      res.ok ? 'live' : 'error',
    );
  } catch (err) {
    setStatus(`${text} ${name}: ${err.message}`, 'error');
  }
}

function onRouter(a) {
  if (a.kind === 'state') return renderDevice(a.device, a.interfaces);
  const line = activityLine(a);
  if (!line) return;
  const row = () =>
    el(
      'li',
      { class: `line ${line.bad ? 'bad' : ''}` },
      el('time', { datetime: a.at }, clock(a.at)),
      el('span', { class: 'kind-tag' }, line.tag),
      el('span', {}, visible(line.text)),
    );
  $('router-activity').prepend(row());
  trim($('router-activity'));
  const tl = row();
  tl.prepend(el('span', { class: 'tag tag-router' }, a.device ?? 'router'));
  insertByTime($('timeline-items'), tl, a.at);
  trim($('timeline-items'));
}

function clearAll() {
  for (const list of Object.values(columns)) list.clear();
  $('router-activity').replaceChildren();
  $('timeline-items').replaceChildren();
  timelineNodes.clear();
}

const panel = credentialsPanel({
  note: "Kept in this tab only (sessionStorage). The dashboard only reads, and presses the router's buttons; to send events, open a server's own live view (its name above its column).",
  onSaved: () => feed.restart(),
});

const feed = followEventStream('/feed', {
  headers: () => readHeaders(panel.current()),
  onEvent(type, data) {
    if (type === 'hello') {
      clearAll(); // a (re)connection brings the backlog again
      for (const [name, url] of Object.entries(data.servers)) {
        const link = document.querySelector(`[data-inspect="${name}"]`);
        if (link) link.href = url;
      }
    } else if (type === 'source') {
      if (data.boot && boots[data.source] && boots[data.source] !== data.boot) columns[data.source]?.clear();
      if (data.boot) boots[data.source] = data.boot;
      setSourceState(data.source, data.state, data.message ?? data.reason);
    } else if (type === 'item') {
      columns[data.source]?.upsert(data.item);
      timelineItem(data.source, data.item);
    } else if (type === 'router') {
      onRouter(data);
    }
  },
  onState(s) {
    if (s.state === 'live') setStatus('Live. Shut an interface on the router (or type shutdown over SSH) and watch the loop.', 'live');
    else if (s.state === 'refused') {
      setStatus(s.message, 'error'); // the server's own words, e.g. "The lab dashboard needs the bearer token."
      panel.open('This lab has a WEBHOOK_TOKEN: the dashboard shows events to whoever presents it, as GET /events does.');
    } else if (s.state === 'reconnecting') setStatus(`Connection lost (${s.reason}); trying again…`, 'warn');
    else setStatus('Connecting…');
  },
});

function showView(timeline) {
  $('columns').hidden = timeline;
  $('timeline').hidden = !timeline;
  $('view-columns').setAttribute('aria-pressed', String(!timeline));
  $('view-timeline').setAttribute('aria-pressed', String(timeline));
}
$('view-columns').addEventListener('click', () => showView(false));
$('view-timeline').addEventListener('click', () => showView(true));
