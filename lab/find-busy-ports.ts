import net from 'node:net';

export interface NamedPort {
  name: string;
  port: number;
  /** The variable that sets this port, for the message. */
  envName: string;
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** The ports of the lab that something else already holds. */
export async function findBusyPorts(ports: readonly NamedPort[], host: string): Promise<NamedPort[]> {
  const free = await Promise.all(ports.map((p) => isFree(p.port, host)));
  return ports.filter((_, i) => !free[i]);
}

/** Says which port is taken and what to do about it: no stack trace. */
export function describeBusyPorts(busy: readonly NamedPort[]): string {
  const lines = busy.map((p) => `  port ${p.port} (${p.name}) is already in use`);
  const first = busy[0];
  return [
    'Cannot start the lab:',
    ...lines,
    'Is another `npm start` (or a single server) still running? Stop it with Ctrl-C in its terminal,',
    `or find it with \`lsof -i :${first?.port ?? ''}\`. To use other ports, set ${busy.map((p) => p.envName).join(', ')} in .env.`,
  ].join('\n');
}
