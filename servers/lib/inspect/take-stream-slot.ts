import type { Request } from 'express';
import type { StreamSlots } from '../../../common/event-stream/stream-slots';
import { AppError } from '../errors';
import { leaveConnectionCount } from '../security/limit-connections';

/**
 * A slot for the event stream `req` opens (the live view's feed, the dashboard's), counted apart
 * from the server's connection cap: its connection leaves the per-address count, so however many
 * pages watch, a webhook from the same address still gets in. Past the stream limits the page
 * gets 503 TOO_MANY_CONNECTIONS. Answers the function that frees the slot (when the stream closes).
 */
export function takeStreamSlot(slots: StreamSlots, req: Request): () => void {
  const release = slots.take(req.socket.remoteAddress ?? 'unknown');
  if (!release)
    throw new AppError('TOO_MANY_CONNECTIONS', 'Too many live views are open (from your address, or in all); close some and retry.', {
      headers: { 'Retry-After': '5' },
    });
  leaveConnectionCount(req.socket);
  return release;
}
