import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  url: string;
  /** Stops listening and ends every connection still open (a request left hanging included). */
  close(): Promise<void>;
}

/** `handler` (an Express app or a plain listener) on loopback, on a free port unless one is given. */
export async function listenOnLoopback(handler: http.RequestListener, port = 0): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
