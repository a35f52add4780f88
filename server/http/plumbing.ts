/** Plumbing shared by every route: input parsing, typed errors, security headers, access log. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { DENY_ALL_PERMISSIONS_POLICY } from '../../shared/permissions-policy';
import { httpStatusFor } from '../../shared/hub-api';
import type { ErrorBody } from '../../shared/hub-api';
import type { Logger } from '../../shared/logger';
import { KiotError, toAppError } from '../../shared/result';

/** Parses untrusted input; a mismatch is the caller's fault (400), with what was wrong. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
  throw new KiotError('invalid_input', `Invalid request: ${details}`);
}

/** One value of a header that must appear at most once. */
export function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? undefined : value;
}

// The hub serves JSON to programs, never pages: deny everything a browser might do with it.
const SECURITY_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  // No page is ever opened from the hub, so it may share its browsing context with nothing…
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // …and may use no powerful feature: every one a browser would otherwise offer is off.
  'permissions-policy': DENY_ALL_PERMISSIONS_POLICY,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route or hook runs (a URL
 * that does not decode, a path parameter over the length limit) gets the same typed body
 * as every other bad input, instead of Fastify's own shape.
 */
export function frameworkErrorReply(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody = { error: { code: 'invalid_input', message: err.message } };
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  void reply.status(httpStatusFor.invalid_input).send(body);
}

export function installHttpPlumbing(app: FastifyInstance, logger: Logger): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: query strings may carry phone numbers.
    logger.debug('request', {
      method: request.method,
      route: request.routeOptions.url ?? '(no route)',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    });
  });

  app.setErrorHandler((err: FastifyError | KiotError, request, reply) => {
    let body: ErrorBody;
    let status: number;
    if (err instanceof KiotError) {
      body = { error: err.toAppError() };
      status = httpStatusFor[err.code];
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own rejections (bad JSON, wrong content type, body too large): all the
      // client's fault, and all reported with the one code the kiosk handles for it.
      body = { error: { code: 'invalid_input', message: err.message } };
      status = httpStatusFor.invalid_input;
    } else {
      logger.error('Unhandled error', { method: request.method, route: request.routeOptions.url, error: err.message, stack: err.stack });
      body = { error: toAppError(err) };
      status = httpStatusFor[body.error.code];
    }
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } };
    return reply.status(httpStatusFor.not_found).send(body);
  });
}
