import { Client } from 'ssh2';

export interface ScpPutResult {
  /** The exit status the device sent (0: the file was taken). */
  code: number | undefined;
  /** A 1- or 2-byte answer's message (`scp: …`), or what the device printed instead of SCP. */
  error: string | undefined;
}

/** An SSH connection to a device on loopback, logged in. */
export async function connectSsh(port: number, login: { username: string; password: string }): Promise<Client> {
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve).once('error', reject);
    client.connect({ host: '127.0.0.1', port, ...login, readyTimeout: 5000 });
  });
  return client;
}

/**
 * Sends one file the way an SCP client does (Python's scp module, which Netmiko and NAPALM use,
 * and OpenSSH's scp -O): exec `scp -t DEST`, wait for a 0 byte, send `C0644 SIZE NAME\n`, wait,
 * send the bytes and a 0 byte, wait, close. Answers what the device said; never throws for a refusal.
 */
export async function scpPut(
  port: number,
  login: { username: string; password: string },
  dest: string,
  name: string,
  content: Buffer,
): Promise<ScpPutResult> {
  const client = await connectSsh(port, login);
  try {
    return await new Promise<ScpPutResult>((resolve, reject) => {
      client.exec(`scp -t ${dest}`, (err, channel) => {
        if (err) return reject(err);
        let received = Buffer.alloc(0);
        let step = 0;
        let error: string | undefined;
        let code: number | undefined;
        const steps: Array<() => void> = [
          () => channel.write(`C0644 ${content.length} ${name}\n`),
          () => channel.write(Buffer.concat([content, Buffer.from([0])])),
          () => channel.end(),
        ];
        channel.on('data', (data: Buffer) => {
          received = Buffer.concat([received, data]);
          while (received.length > 0 && error === undefined) {
            if (received[0] === 0) {
              received = received.subarray(1);
              steps[step++]?.();
              continue;
            }
            const newline = received.indexOf(0x0a);
            if (newline < 0) return;
            const first = received[0] ?? 0;
            error = received.subarray(first <= 2 ? 1 : 0, newline).toString();
            channel.end();
          }
        });
        channel.on('exit', (status: number) => (code = status));
        channel.on('close', () => resolve({ code, error }));
      });
    });
  } finally {
    client.end();
  }
}
