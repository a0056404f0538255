import type Joi from 'joi';
import { AppError, type ErrorDetail } from '../errors';

/** joi's error, one detail per failing field, in the shared error shape. */
export function validationError(error: Joi.ValidationError): AppError {
  const details: ErrorDetail[] = error.details.map((d) => ({
    field: d.path.length > 0 ? d.path.join('.') : '(body)',
    message: d.message,
    type: d.type,
  }));
  return new AppError('VALIDATION_FAILED', undefined, { details });
}
