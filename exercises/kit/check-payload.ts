import type Joi from 'joi';
import { HttpError } from './json-errors';

/**
 * Validates an event with a joi schema (what you wrote in step 1) and returns it; a mismatch
 * throws 422 VALIDATION_FAILED with one detail per field. `convert: false`: "5" is not a count.
 */
export function checkPayload<T>(schema: Joi.Schema<T>, body: unknown): T {
  const { error, value } = schema.validate(body, { abortEarly: false, convert: false });
  if (error) {
    const details = error.details.map((d) => ({ field: d.path.join('.'), message: d.message }));
    throw new HttpError(422, 'VALIDATION_FAILED', 'The event does not match the expected shape.', details);
  }
  return value;
}
