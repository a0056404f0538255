/**
 * Test fixture for `npm run check`: a step-1 listener written the plain way, with one gap on
 * purpose (it does not name the missing field), so the check has a lost point to report.
 */
import express from 'express';

const app = express();
app.use(express.json());

app.post('/events', (req, res) => {
  if (typeof req.body?.event !== 'string') {
    res.status(422).json({ error: 'bad payload' });
    return;
  }
  res.json({ status: 'ok' });
});

// express.json() throws on a body that is not JSON: answer it as a client error.
app.use((err: Error & { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  res.status(err.status ?? 500).json({ error: err.message });
});

app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
