import { EventStream } from '../../common/event-stream/event-stream';
import type { StreamMessage } from '../../common/event-stream/parse-event-stream';
import { relayEventStream, type RelayState } from './relay-event-stream';

export interface FeedHubOptions {
  /** Each webhook server's base URL, by name. */
  servers: Record<string, string>;
  /** The simulator's control port. */
  routerControlUrl: string;
  /** What the relays present to the servers (the lab's own bearer token, when it has one). */
  headers: Record<string, string>;
  /** A PEM certificate to trust (the lab's self-signed TLS_CERT). */
  ca?: Buffer;
}

/** What the hub keeps for a tab that opens later: per server, the newest items up to both bounds… */
const ITEMS_PER_SOURCE = 200;
const BYTES_PER_SOURCE = 2 * 1024 * 1024;
/** …and the router's newest activity lines. */
const ROUTER_LINES = 400;
/** Messages a tab may have waiting while its backlog is sent; past it, the tab is dropped (it reconnects). */
const MAX_WAITING = 1000;

/** One open dashboard page: live once its backlog has gone, until then what arrives waits. */
interface Tab {
  stream: EventStream;
  live: boolean;
  waiting: string[];
}

/** A server's items as they go to a tab, by key (`trace-<seq>`, `journal-<id>`), oldest first. */
class SourceItems {
  readonly texts = new Map<string, string>();
  private bytes = 0;

  set(key: string, text: string): void {
    this.delete(key);
    this.texts.set(key, text);
    this.bytes += text.length;
    for (const [oldest] of this.texts) {
      if (this.texts.size <= ITEMS_PER_SOURCE && this.bytes <= BYTES_PER_SOURCE) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const text = this.texts.get(key);
    if (text === undefined) return;
    this.bytes -= text.length;
    this.texts.delete(key);
  }

  clear(): void {
    this.texts.clear();
    this.bytes = 0;
  }
}

/**
 * The dashboard's one view of the lab: one relay per server and one for the router, however many
 * tabs are open (each tab used to open five of its own). It keeps the newest items of each, so a
 * tab that opens later gets them first, at the pace it reads, then what happens live.
 */
export class FeedHub {
  private readonly tabs = new Set<Tab>();
  private readonly states = new Map<string, string>();
  private readonly items = new Map<string, SourceItems>();
  private readonly boots = new Map<string, string>();
  private readonly routerLines: string[] = [];
  private readonly routerStates = new Map<string, string>();
  private stops: Array<() => void> | undefined;

  constructor(private readonly options: FeedHubOptions) {}

  /** Shows the lab to a new tab: what is kept, then what comes. */
  async join(stream: EventStream): Promise<void> {
    this.start();
    const tab: Tab = { stream, live: false, waiting: [] };
    this.tabs.add(tab);
    stream.onClose(() => this.tabs.delete(tab));
    const inspectUrls = Object.fromEntries(Object.entries(this.options.servers).map(([name, base]) => [name, `${base}/inspect`]));
    // A snapshot, taken at once: whatever arrives after it waits in `tab.waiting`.
    const backlog = [
      EventStream.format('hello', { servers: inspectUrls }),
      ...this.states.values(),
      ...[...this.items.values()].flatMap((kept) => [...kept.texts.values()]),
      ...this.routerLines,
      ...this.routerStates.values(),
    ];
    for (const text of backlog) await stream.sendPaced(text);
    for (const text of tab.waiting) stream.sendFormatted(text);
    tab.waiting = [];
    tab.live = true;
  }

  /** Stops the relays and ends every tab's stream. */
  close(): void {
    for (const stop of this.stops ?? []) stop();
    for (const tab of this.tabs) tab.stream.end();
    this.tabs.clear();
  }

  private start(): void {
    if (this.stops) return;
    const { servers, routerControlUrl, headers, ca } = this.options;
    this.stops = [
      ...Object.entries(servers).map(([source, base]) =>
        relayEventStream({
          url: `${base}/inspect/feed`,
          headers,
          ca,
          onMessage: (m) => this.fromServer(source, m),
          onState: (s) => s.state !== 'live' && this.sourceState(source, s),
        }),
      ),
      relayEventStream({
        url: `${routerControlUrl}/feed`,
        onMessage: (m) => this.fromRouter(m),
        onState: (s) => s.state !== 'live' && this.sourceState('router', s),
      }),
    ];
  }

  private fromServer(source: string, m: StreamMessage): void {
    const data = parse(m.data);
    if (data === undefined) return;
    const kept = this.items.get(source) ?? new SourceItems();
    this.items.set(source, kept);
    if (m.event === 'hello') {
      const boot = String(data.boot);
      if (this.boots.get(source) !== boot) kept.clear(); // the server restarted: its old items are gone from its view too
      this.boots.set(source, boot);
      this.sourceState(source, { state: 'live', boot });
    } else if (m.event === 'trace' || m.event === 'journal') {
      const text = EventStream.format('item', { source, item: data });
      if (m.event === 'trace' && typeof data.event_id === 'string') kept.delete(`journal-${data.event_id}`);
      kept.set(m.event === 'trace' ? `trace-${String(data.seq)}` : `journal-${String(data.event_id)}`, text);
      this.broadcast(text);
    }
  }

  private fromRouter(m: StreamMessage): void {
    const data = parse(m.data);
    if (m.event === 'hello') this.sourceState('router', { state: 'live' });
    if (m.event !== 'activity' || data === undefined) return;
    const text = EventStream.format('router', data);
    if (data.kind === 'state') this.routerStates.set(String(data.device), text);
    else {
      this.routerLines.push(text);
      if (this.routerLines.length > ROUTER_LINES) this.routerLines.shift();
    }
    this.broadcast(text);
  }

  private sourceState(source: string, state: RelayState | { state: 'live'; boot?: string }): void {
    const text = EventStream.format('source', { source, ...state });
    this.states.set(source, text);
    this.broadcast(text);
  }

  /** The same text to every tab: a tab still reading its backlog gets it after; one that lags too far is dropped. */
  private broadcast(text: string): void {
    for (const tab of this.tabs) {
      if (tab.live) tab.stream.sendFormatted(text);
      else if (tab.waiting.length < MAX_WAITING) tab.waiting.push(text);
      else tab.stream.end();
    }
  }
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(text);
    return data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
