import { AppError } from '../errors';

/** Deeper than this is no webhook payload; it is an attack on whatever walks the object next. */
export const MAX_JSON_DEPTH = 64;

// Keys that could reach Object.prototype through a later merge or assignment.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// A cheap pre-check: only bodies that could hide a forbidden key or deep nesting are walked.
const MAY_NEED_WALK = /__proto__|constructor|prototype|\\u/;
const SHORT_BODY = 2 * MAX_JSON_DEPTH;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Walks the parsed value without recursion, so depth itself can never overflow the stack. */
function findProblem(root: unknown): string | undefined {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value: root, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `nesting deeper than ${MAX_JSON_DEPTH} levels`;
    for (const key of Object.keys(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return `key "${childPath}" is not allowed`;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: childPath });
    }
  }
  return undefined;
}

/**
 * Turns the raw bytes of a request into a JSON value: strict UTF-8 (RFC 8259 §8.1), a BOM
 * tolerated, syntax errors as 400 INVALID_JSON, and prototype-pollution keys or absurd
 * nesting refused as 422 before any handler sees the object.
 */
export function parseJsonBody(raw: Buffer): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(raw); // also drops a leading BOM
  } catch {
    throw new AppError('INVALID_JSON', 'The request body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = text.trim() === '' ? 'The request body is empty.' : `The request body is not valid JSON: ${(err as Error).message}`;
    throw new AppError('INVALID_JSON', detail.slice(0, 300));
  }
  if (text.length > SHORT_BODY || MAY_NEED_WALK.test(text)) {
    const problem = findProblem(value);
    if (problem) {
      throw new AppError('VALIDATION_FAILED', undefined, { details: [{ field: '(body)', message: problem }] });
    }
  }
  return value;
}
