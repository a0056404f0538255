import express from 'express';

/** The baseline: Express 5 that only parses JSON and answers {"status":"ok"}. */
export function buildBareExpress(): express.Express {
  const app = express();
  app.use(express.json());
  app.post('/events', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return app;
}
