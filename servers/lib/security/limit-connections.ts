import type http from 'node:http';
import { limitConnections as limitOpenConnections, type ConnectionLimits } from '../../../common/net/limit-connections';
import { rawErrorResponse } from '../pipeline/raw-error-response';
import type { RefusalLog } from './refusal-log';

export type { ConnectionLimits };

/**
 * MAX_CONNECTIONS in all and MAX_CONNECTIONS_PER_ADDRESS from one address (common/net's helper,
 * shared with the lab's and the router's listeners): a connection past an address's share is
 * answered 503 TOO_MANY_CONNECTIONS and closed (over TLS, just closed: there is no HTTP yet to
 * answer in); every refusal goes to the refusal log.
 */
export function limitConnections(server: http.Server, limits: ConnectionLimits, refusals: RefusalLog, tls: boolean): void {
  limitOpenConnections(server, limits, {
    dropped: (address) => refusals.note(address, 'too_many_connections', { limit: limits.total }),
    refuse: (socket, address) => {
      refusals.note(address, 'too_many_connections_from_address', { limit: limits.perAddress });
      if (tls) socket.destroy();
      else socket.end(rawErrorResponse('TOO_MANY_CONNECTIONS', { 'Retry-After': '1' }));
    },
  });
}
