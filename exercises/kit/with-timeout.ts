import { HttpError } from './json-errors';

/**
 * Rejects with 504 `code` if `work` has not settled within `ms` (node-ssh commands have no
 * timeout of their own). The timer is cleared either way, so it never keeps the process alive.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, code: string, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HttpError(504, code, message)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
