import axios, { type AxiosInstance } from 'axios';
import express, { type Express } from 'express';
import Joi from 'joi';
import { checkPayload } from '../../kit/check-payload';
import { jsonBody } from '../../kit/json-body';
import { finishApp, HttpError } from '../../kit/json-errors';
import { runServer, type ServerDeps } from '../../kit/run-server';

/** Step 2, solved: JokeRequest {term?} → icanhazdadjoke → {"joke": ...}; its failures → 502/504. */
const envelope = Joi.object({ event: Joi.string().max(100).required() })
  .unknown(true)
  .required();
const jokeRequest = Joi.object({ term: Joi.string().max(100) }).unknown(true);

interface Joke {
  id: string;
  joke: string;
}

/** Whatever axios threw, as the answer our own sender gets. */
function upstreamError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const { code, response } = err as { code?: string; response?: { status: number } };
  // axios reports its own timeout as ECONNABORTED (or ETIMEDOUT).
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
    return new HttpError(504, 'UPSTREAM_TIMEOUT', 'The joke API did not answer in time.');
  if (response) {
    const code = response.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE';
    return new HttpError(502, code, `The joke API answered HTTP ${response.status}.`);
  }
  return new HttpError(502, 'UPSTREAM_UNAVAILABLE', `The joke API could not be reached (${code ?? 'no answer'}).`);
}

/** Never trust an answer's shape: a captive portal answers 200 with an HTML page. */
function asJoke(data: unknown): Joke {
  const joke = data as Partial<Joke> | null;
  if (typeof joke?.joke !== 'string')
    throw new HttpError(502, 'UPSTREAM_BAD_RESPONSE', 'The joke API answered something that is not a joke.');
  return { id: String(joke.id), joke: joke.joke };
}

async function fetchJoke(api: AxiosInstance, term: string | undefined): Promise<Joke> {
  if (term === undefined) return asJoke((await api.get('/')).data);
  const { data } = await api.get('/search', { params: { term, limit: 30 } });
  if (!Array.isArray(data?.results))
    throw new HttpError(502, 'UPSTREAM_BAD_RESPONSE', 'The joke API answered a search with something that is not a list.');
  if (data.results.length === 0) throw new HttpError(404, 'NOT_FOUND', `No joke matches "${term}".`);
  return asJoke(data.results[Math.floor(Math.random() * data.results.length)]);
}

export function buildApp({ env, log }: ServerDeps): Express {
  // (1) One client: the API's address, the JSON it must send us, and a limit on how long we wait.
  const jokes = axios.create({
    baseURL: env.jokeApiUrl,
    timeout: env.upstreamTimeoutMs,
    headers: { Accept: 'application/json', 'User-Agent': 'hooklab exercises (lab 6)' },
  });

  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'joke' });
  });

  app.post('/events', jsonBody(), async (req, res) => {
    const { event } = checkPayload(envelope, req.body);
    log('WEBHOOK_RECEIVED', { event, bytes: req.get('content-length'), source: req.ip });
    if (event !== 'JokeRequest') {
      res.json({ status: 'ignored', reason: `The joke server does not handle ${event} events.`, supported: ['JokeRequest'] });
      return;
    }
    // (2) `term` reaches another system's URL: check it first (axios encodes it as a query value).
    const { term } = checkPayload(jokeRequest, req.body);
    // (3) and (4): the call, and its failures as 502 / 504 for our own sender.
    try {
      const joke = await fetchJoke(jokes, term);
      log('API_CALL', { api: 'icanhazdadjoke', term, outcome: 'ok' });
      res.json({ joke: joke.joke, id: joke.id, source: 'icanhazdadjoke' });
    } catch (err) {
      const answer = upstreamError(err);
      log('API_ERROR', { api: 'icanhazdadjoke', term, code: answer.code });
      throw answer;
    }
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'joke', port: 8001 }, buildApp);
