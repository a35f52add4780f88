/**
 * Request ids: one per HTTP request, taken from a well-formed incoming `x-request-id` (so
 * a load balancer's or the kiosk's id carries through) or freshly generated, returned in
 * the `x-request-id` response header, and kept in an AsyncLocalStorage so the hub logger
 * can stamp it on every line written while the request is being served.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

// Short and from a small alphabet: the id lands in log lines and headers verbatim.
const WELL_FORMED_ID = /^[A-Za-z0-9._-]{1,64}$/;

type RequestStore = { readonly requestId: string };

const storage = new AsyncLocalStorage<RequestStore>();

/** The id of the request being served, or undefined outside one (startup, jobs). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** For the hub logger's `mixin`: `{ reqId }` on every line written while a request is served. */
export function requestIdMixin(): Record<string, unknown> {
  const reqId = currentRequestId();
  return reqId === undefined ? {} : { reqId };
}

/** Fastify's `genReqId`. */
export function requestIdFor(raw: IncomingMessage): string {
  const incoming = raw.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && WELL_FORMED_ID.test(incoming) ? incoming : randomUUID();
}

export function installRequestContext(app: FastifyInstance): void {
  // Callback style on purpose: everything Fastify does for this request after `done`
  // (body parsing, hooks, handler, error handler, onResponse) runs inside `run`. Fastify
  // carries the context across the body's socket events itself; a test with a body that
  // arrives in pieces guards that.
  app.addHook('onRequest', (request, reply, done) => {
    // Set first, so every answer carries it, errors and 404s included.
    void reply.header(REQUEST_ID_HEADER, request.id);
    storage.run({ requestId: request.id }, done);
  });
}
