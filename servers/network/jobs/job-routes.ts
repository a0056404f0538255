import type { Router } from 'express';
import { AppError } from '../../lib/errors';
import { methodNotAllowed } from '../../lib/pipeline/error-handler';
import { requireReadAccess } from '../../lib/security/require-read-access';
import type { AppConfig } from '../../lib/config/load-config';
import type { JobRunner } from './job-runner';

/**
 * GET /jobs/:id — where a sender that asked for `Prefer: respond-async` picks up its result.
 * A job's result is a device report: readable by whoever may read the event journal.
 */
export function addJobRoutes(router: Router, jobs: JobRunner, config: Readonly<AppConfig>): void {
  router
    .route('/jobs/:id')
    .get(requireReadAccess(config, 'Reading a job'), async (req, res) => {
      const job = await jobs.view(String(req.params.id));
      if (!job) throw new AppError('NOT_FOUND', 'No such job (finished jobs are kept for 15 minutes).');
      res.json(job);
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
}
