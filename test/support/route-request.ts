import http from 'node:http';
import type { Express } from 'express';
import supertest from 'supertest';
import { expressHttpClasses } from '../../servers/lib/server/express-http-classes';

/**
 * supertest on the request classes production uses. Given an app, supertest would serve it with
 * `http.createServer(app)`, Node's own classes, which Express then re-prototypes per request;
 * startServer builds requests with Express's prototypes from the start (express-http-classes.ts).
 * Route tests go through this instead, so they exercise the objects the servers really run on.
 * A URL (a server already listening) is passed through as it is.
 */
function request(app: Express | string): ReturnType<typeof supertest> {
  return supertest(typeof app === 'string' ? app : http.createServer(expressHttpClasses(app), app));
}

/** supertest's types under the same name, as `import request from 'supertest'` gives them. */
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace request {
  type Test = supertest.Test;
  type Response = supertest.Response;
}

export default request;
