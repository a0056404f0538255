import type { Request, Response } from 'express';

/**
 * One check a request must pass before any route sees it (Host name, address allow-list, this
 * machine only). It returns when the request may go on and throws an AppError to refuse it,
 * after logging the refusal. The pipeline's first middleware runs the checks that are switched
 * on, in order (admit-request.ts); a check that is switched off is not in the list at all.
 */
export type RequestCheck = (req: Request, res: Response) => void;
