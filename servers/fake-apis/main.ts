import 'dotenv/config';
import { startFakeJokeApi } from './fake-joke-api';
import { startFakeCardApi } from './fake-card-api';

/** `npm run fake-apis`: both stand-ins on loopback, for the whole lab offline with real HTTP calls. */
async function main(): Promise<void> {
  const host = '127.0.0.1';
  const joke = await startFakeJokeApi({ host, port: Number(process.env.FAKE_JOKE_PORT || 8101) });
  const card = await startFakeCardApi({ host, port: Number(process.env.FAKE_CARD_PORT || 8102) });
  process.stdout.write(
    [
      'Fake APIs running. Put these lines in .env, then start the servers:',
      `  JOKE_API_URL=${joke.url}`,
      `  CARD_API_URL=${card.url}`,
      'Make one fail on purpose (modes: ok, fail, garbage, slow, hang, down; ?times=N for the next N requests):',
      `  curl -X POST ${joke.url}/__mode/fail`,
      `  curl -X POST ${joke.url}/__mode/ok`,
      '',
    ].join('\n'),
  );
  const stop = async (): Promise<void> => {
    await Promise.all([joke.close(), card.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
