import type http from 'node:http';
import { limitConnections, type ConnectionLimits } from './limit-connections';
import { answerClientError, tooManyConnections } from './raw-http-error';

/**
 * The guards of the lab's own HTTP listeners (the launcher's dashboard and balancer, the router's
 * control port), as the webhook servers have them: connection caps in all and per address (503
 * TOO_MANY_CONNECTIONS past an address's share; over TLS just closed), and requests Node could
 * not read — too slow, too large, malformed — answered in the shared error shape. The timeouts
 * themselves go to `http.createServer` (httpTimeoutOptions).
 */
export function guardHttpListener(server: http.Server, limits: ConnectionLimits, tls = false): void {
  limitConnections(server, limits, { refuse: (socket) => (tls ? socket.destroy() : socket.end(tooManyConnections())) });
  server.on('clientError', answerClientError);
}
