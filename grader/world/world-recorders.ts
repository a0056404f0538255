import type { EventLogger } from '../../common/logging/create-logger';
import { formatLogLine, type LogFields } from '../../common/logging/log-line';
import type { FakeRequestSeen } from '../../servers/fake-apis/start-fake-server';
import type { WorldLog } from './world-log';

/** Records what the stand-ins served: the jokes, the decks and the cards. */
export function recordApi(log: WorldLog, api: 'joke' | 'card') {
  return (seen: FakeRequestSeen): void => {
    log.add({ kind: 'api', api, path: seen.path, mode: seen.mode, ...(seen.answer && { status: seen.answer.status }) });
    const body = seen.answer?.status === 200 ? (seen.answer.body as Record<string, unknown>) : undefined;
    if (!body || typeof body !== 'object') return;
    if (api === 'joke') {
      const jokes =
        typeof body.joke === 'string'
          ? [body.joke]
          : Array.isArray(body.results)
            ? (body.results as Array<{ joke: string }>).map((r) => r.joke)
            : [];
      for (const joke of jokes) log.add({ kind: 'joke', joke });
      return;
    }
    const deckId = String(body.deck_id ?? '');
    const isNew = seen.path.startsWith('/api/deck/new');
    if (Array.isArray(body.cards)) {
      const cards = (body.cards as Array<{ value: string; suit: string; code: string }>).map(({ value, suit, code }) => ({
        value,
        suit,
        code,
      }));
      log.add({ kind: 'draw', deck_id: deckId, new_deck: isNew, cards });
    } else if (isNew && deckId) {
      log.add({ kind: 'deck', deck_id: deckId });
    }
  };
}

/**
 * The simulator's logger: commands and logins go to the world log, lines optionally to `echo`
 * and to `also` (which its owner closes).
 */
export function routerLogger(log: WorldLog, echo?: NodeJS.WritableStream, also?: EventLogger): EventLogger {
  return {
    log(type, fields: LogFields = {}, level) {
      if (type === 'DEVICE_COMMAND') log.add({ kind: 'command', command: String(fields.command ?? '') });
      if (type === 'DEVICE_CONNECT' && fields.event === 'session_open') log.add({ kind: 'session' });
      echo?.write(`[router] ${formatLogLine(type, fields)}\n`);
      also?.log(type, fields, level);
    },
    close: () => Promise.resolve(),
  };
}
