/**
 * Registers the routes of a route table on Fastify. Authentication runs in one preHandler
 * hook driven by each route's caller declaration; the handler then gets the parsed body
 * and query and the authenticated caller, and its answer is checked against the route's
 * response schema before it is sent.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BodyOf, HubRoutes, ParamsOf, QueryOf, ResponseInputOf, RouteDef, RouteTable } from '../../shared/hub-api';
import { KiotError } from '../../shared/result';
import type { Authenticate, AuthenticatedCaller, AuthenticatedCallerFor } from './authenticate';
import { parseInput } from './plumbing';

export type RouteInput<R extends RouteDef> = {
  body: BodyOf<R>;
  query: QueryOf<R>;
  params: ParamsOf<R>;
  /**
   * Only for a route listed in `rawBodyRoutes`: the request's headers and its body exactly as
   * received (a signed webhook checks its signature over these bytes). Other handlers never see it.
   */
  raw?: { headers: FastifyRequest['headers']; body: Buffer | undefined };
};

export type RouteHandler<R extends RouteDef> = (input: RouteInput<R>, caller: AuthenticatedCallerFor<R['caller']>) => Promise<ResponseInputOf<R>>;

/** One handler per route of the table: a route without one is a compile error. */
export type RouteHandlers<T extends RouteTable = HubRoutes> = { [K in keyof T]: RouteHandler<T[K]> };

/** The handlers of some routes of the hub's table, for `server/routes/<domain>.ts`. */
export type HandlersOf<K extends keyof HubRoutes> = Pick<RouteHandlers, K>;

export type ServedRoute<T extends RouteTable = HubRoutes> = { key: keyof T & string; route: RouteDef };

/** The routes a hub serves: dev-only ones only when dev routes are on. */
export function servedRoutes<T extends RouteTable>(routes: T, opts: { devRoutes: boolean }): ServedRoute<T>[] {
  return Object.entries(routes)
    .filter(([, route]) => opts.devRoutes || route.devOnly !== true)
    .map(([key, route]) => ({ key: key as keyof T & string, route }));
}

type RouteConfig = { hubRoute?: RouteDef };
type LooseHandler = (input: { body: unknown; query: unknown; params: unknown; raw?: RouteInput<RouteDef>['raw'] }, caller: AuthenticatedCaller) => Promise<unknown>;

/** `/v1/x/{id}` (the table's spelling, OpenAPI's) → `/v1/x/:id` (Fastify's). */
export function fastifyPath(path: string): string {
  return path.replace(/\{([A-Za-z]+)\}/g, ':$1');
}

export function registerRoutes<T extends RouteTable>(
  app: FastifyInstance,
  opts: {
    routes: readonly ServedRoute<T>[];
    handlers: RouteHandlers<T>;
    authenticate: Authenticate;
    /** Routes whose handler gets the body's exact bytes as well (`input.raw.body`). */
    rawBodyRoutes?: readonly (keyof T & string)[];
  },
): void {
  const callers = new WeakMap<FastifyRequest, AuthenticatedCaller>();
  const rawBodies = new WeakMap<FastifyRequest, Buffer>();
  const rawBodyRoutes = new Set<string>(opts.rawBodyRoutes ?? []);

  // Registered before the routes, for every request: the route's declaration travels in
  // its config (Fastify copies it to the HEAD twin of a GET route, so HEAD is checked too).
  app.addHook('preHandler', async (request) => {
    const declared = (request.routeOptions.config as RouteConfig).hubRoute;
    if (declared === undefined) {
      if (request.is404) return;
      // Fail closed: a route registered around the table has no declared caller.
      throw new KiotError('internal', `Route ${request.method} ${request.routeOptions.url ?? ''} is not in the route table`);
    }
    callers.set(request, await opts.authenticate(declared.caller, request));
  });

  for (const { key, route } of opts.routes) {
    const handler = opts.handlers[key] as unknown as LooseHandler;
    const config: RouteConfig = { hubRoute: route };
    app.route({
      method: route.method,
      url: fastifyPath(route.path),
      config,
      ...(route.bodyLimit !== undefined ? { bodyLimit: route.bodyLimit } : {}),
      ...(rawBodyRoutes.has(key)
        ? {
            // Keeps the bytes as they came, then hands the parser the same bytes (the body
            // limit still applies: Fastify counts what this stream yields).
            preParsing: async (request: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream) => {
              const chunks: Buffer[] = [];
              for await (const chunk of payload) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
              const bytes = Buffer.concat(chunks);
              rawBodies.set(request, bytes);
              return Readable.from([bytes]);
            },
          }
        : {}),
      handler: async (request) => {
        const caller = callers.get(request);
        if (caller === undefined) throw new KiotError('internal', `No authenticated caller for ${key}`);
        const body = route.body === undefined ? undefined : parseInput(route.body, request.body);
        const query = route.query === undefined ? undefined : parseInput(route.query, request.query);
        const params = route.params === undefined ? undefined : parseInput(route.params, request.params);
        const raw = rawBodyRoutes.has(key) ? { raw: { headers: request.headers, body: rawBodies.get(request) } } : {};
        return route.response.parse(await handler({ body, query, params, ...raw }, caller));
      },
    });
  }
}
