/** Everything an exercise server may need, read once from the environment (and `.env`). */
export interface ExerciseEnv {
  host: string;
  /** PORT; unset means the step's usual port. */
  port: number | undefined;
  logDir: string;
  jokeApiUrl: string;
  cardApiUrl: string;
  /** How long to wait for anything this server calls: an API, or a device. */
  upstreamTimeoutMs: number;
  device: { name: string; host: string; port: number; username: string; password: string; enableSecret: string };
  webhookToken: string | undefined;
  webhookSecret: string | undefined;
  autoRemediate: boolean;
}

type Source = Record<string, string | undefined>;

/** An empty value counts as unset, as in the rest of the lab. */
function text(source: Source, key: string, fallback: string): string {
  const value = source[key]?.trim();
  return value ? value : fallback;
}

function number(source: Source, key: string, fallback: number): number {
  const raw = text(source, key, String(fallback));
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${key} must be a whole number, not "${raw}"`);
  return value;
}

/** Reads the lab's variables (README, "Configuration"); a bad number throws naming the variable. */
export function readEnv(source: Source): ExerciseEnv {
  return Object.freeze({
    host: text(source, 'HOST', '127.0.0.1'),
    port: source.PORT?.trim() ? number(source, 'PORT', 0) : undefined,
    logDir: text(source, 'LOG_DIR', 'logs'),
    jokeApiUrl: text(source, 'JOKE_API_URL', 'https://icanhazdadjoke.com'),
    cardApiUrl: text(source, 'CARD_API_URL', 'https://deckofcardsapi.com'),
    upstreamTimeoutMs: number(source, 'UPSTREAM_TIMEOUT_MS', 5000),
    device: {
      name: text(source, 'DEVICE_NAME', 'Router1'),
      host: text(source, 'DEVICE_HOST', '127.0.0.1'),
      port: number(source, 'DEVICE_PORT', 2222),
      username: text(source, 'DEVICE_USERNAME', 'admin'),
      password: text(source, 'DEVICE_PASSWORD', 'cisco'),
      enableSecret: text(source, 'DEVICE_ENABLE_SECRET', 'cisco'),
    },
    webhookToken: source.WEBHOOK_TOKEN?.trim() || undefined,
    webhookSecret: source.WEBHOOK_SECRET?.trim() || undefined,
    autoRemediate: text(source, 'AUTO_REMEDIATE', 'false').toLowerCase() === 'true',
  });
}
