import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * The Content-Security-Policy of the inspector's pages, stricter than helmet's default: scripts,
 * styles and connections from this origin only (no CDN, no inline code), no frames, no forms
 * posting elsewhere, and Trusted Types required with no policy allowed — so even a slip in the
 * page's own code cannot put text into innerHTML: event text can only ever be shown as text.
 */
export function pageCsp(): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
      requireTrustedTypesFor: ["'script'"],
      trustedTypes: ["'none'"],
    },
  });
}
