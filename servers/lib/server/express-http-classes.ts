import http from 'node:http';
import type { Express } from 'express';

/**
 * The request and response classes for `http.createServer(options, app)`: Node's own, with
 * Express's prototypes from the start.
 *
 * Express gives every request and response its own prototype as it enters the app
 * (`Object.setPrototypeOf(req, app.request)`). Changing an object's prototype after it was
 * built sends V8 to its slow path for every later property access on it, inside Node's HTTP
 * code too: measured here (Node 20, bench/README.md), half of all the CPU a bare Express app
 * spends per request, and ~88 µs of the basic server's 244. Built with the right prototype in
 * the first place, the same call finds nothing to change and costs nothing. Behaviour is
 * identical: these are the very prototypes Express would have set.
 */
export function expressHttpClasses(app: Express): {
  IncomingMessage: typeof http.IncomingMessage;
  ServerResponse: typeof http.ServerResponse;
} {
  // Node's constructors are plain functions, run here on an object that `new` already made with
  // Express's prototype. (Reflect.construct with another new.target would do the same, but V8
  // takes a slow path for it: slower than the cost it saves.) Should a Node version make either
  // one a class, which cannot be called that way, its own classes are used: slower, still right.
  if (!callableOnAnyObject(http.IncomingMessage) || !callableOnAnyObject(http.ServerResponse))
    return { IncomingMessage: http.IncomingMessage, ServerResponse: http.ServerResponse };
  function ExpressRequest(this: object, ...args: unknown[]): void {
    Reflect.apply(http.IncomingMessage, this, args);
  }
  ExpressRequest.prototype = app.request;
  function ExpressResponse(this: object, ...args: unknown[]): void {
    Reflect.apply(http.ServerResponse, this, args);
  }
  ExpressResponse.prototype = app.response;
  return {
    IncomingMessage: ExpressRequest as unknown as typeof http.IncomingMessage,
    ServerResponse: ExpressResponse as unknown as typeof http.ServerResponse,
  };
}

/** True for a constructor written as a plain function (callable on an object made elsewhere), false for a class. */
export function callableOnAnyObject(constructor: abstract new (...args: never[]) => unknown): boolean {
  return !/^class\b/.test(Function.prototype.toString.call(constructor));
}
