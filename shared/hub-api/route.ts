/** What a hub route is, as data. The table itself is in routes.ts. */
import type { z } from 'zod';
import { assertNever } from '../assert-never';
import type { ErrorCode } from '../result';
import { callerKinds } from './callers';
import type { Caller } from './callers';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteDef = {
  readonly method: HttpMethod;
  readonly path: `/v1/${string}`;
  /** Required: the hub applies authentication from this, so a route cannot forget it. */
  readonly caller: Caller;
  readonly summary: string;
  /** JSON body; only for methods that carry one. */
  readonly body?: z.ZodType;
  /** Query string: every value arrives as a string. */
  readonly query?: z.ZodObject;
  /**
   * Path parameters, one per `{name}` in `path` (OpenAPI's spelling; the hub turns it into
   * Fastify's `:name`). Every value arrives as a string.
   */
  readonly params?: z.ZodObject;
  readonly response: z.ZodType;
  /**
   * Errors the route's own logic raises. Those that follow from the caller declaration and
   * the input schemas (401, 403, 400) are added by `routeErrors`, not repeated here — except
   * `unauthorized` on a device route whose own input is a credential (a staff password): a
   * 401 there is about that input, not about the device (the kiosk's hub client relies on it).
   */
  readonly errors: readonly ErrorCode[];
  /** A larger body limit than the hub's default, for a route whose body is legitimately big. */
  readonly bodyLimit?: number;
  /** Served only by a hub in dev mode; elsewhere the route does not exist (404). */
  readonly devOnly?: boolean;
};

export type RouteTable = Readonly<Record<string, RouteDef>>;

/** The parsed body a handler receives (`undefined` for routes without one). */
export type BodyOf<R extends RouteDef> = R extends { body: infer B extends z.ZodType } ? z.output<B> : undefined;
/** The parsed query a handler receives (`undefined` for routes without one). */
export type QueryOf<R extends RouteDef> = R extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined;
/** The parsed path parameters a handler receives (`undefined` for routes without any). */
export type ParamsOf<R extends RouteDef> = R extends { params: infer P extends z.ZodType } ? z.output<P> : undefined;
/** What a handler returns: the response schema's input, which the hub then parses. */
export type ResponseInputOf<R extends RouteDef> = z.input<R['response']>;
/** What a client gets back once the response schema has parsed it. */
export type ResponseOf<R extends RouteDef> = z.output<R['response']>;

const methodsWithBody: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Declares the route table. The `caller` property is required by the type, so a route
 * that does not say who may call it does not compile; the checks below catch what types
 * cannot (plain JavaScript, casts, two routes on one method and path).
 */
export function defineRoutes<const T extends RouteTable>(routes: T): T {
  const seen = new Set<string>();
  for (const [key, route] of Object.entries(routes)) {
    const kind: unknown = (route as { caller?: { kind?: unknown } }).caller?.kind;
    if (!callerKinds.some((k) => k === kind)) throw new Error(`Hub route ${key} does not declare who may call it`);
    if (route.body !== undefined && !methodsWithBody.has(route.method)) throw new Error(`Hub route ${key}: ${route.method} takes no body`);
    const named = pathParameterNames(route.path);
    const declared = route.params === undefined ? [] : Object.keys(route.params.shape);
    if (named.length !== declared.length || named.some((n) => !declared.includes(n))) {
      throw new Error(`Hub route ${key}: path parameters {${named.join(', ')}} and params {${declared.join(', ')}} differ`);
    }
    const id = `${route.method} ${route.path.replace(/\{[A-Za-z]+\}/g, '{}')}`;
    if (seen.has(id)) throw new Error(`Hub route ${key}: ${id} is declared twice`);
    seen.add(id);
  }
  return routes;
}

/** The `{name}` parameters of a route path, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
}

/** `/v1/x/{id}` with its parameters filled in, each encoded as one path segment. */
export function fillPath(path: string, params: Readonly<Record<string, string>>): string {
  return path.replace(/\{([A-Za-z]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** Every error a route can answer with: its own plus those implied by its declaration. */
export function routeErrors(route: RouteDef): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (route.body !== undefined || route.query !== undefined || route.params !== undefined) codes.add('invalid_input');
  switch (route.caller.kind) {
    case 'public':
      break;
    case 'device':
      codes.add('unauthorized');
      if (route.caller.modes !== undefined) codes.add('forbidden');
      break;
    case 'resident':
      codes.add('unauthorized');
      break;
    case 'staff':
      codes.add('unauthorized');
      codes.add('forbidden');
      if (route.caller.session !== 'any') {
        codes.add('session_locked');
        codes.add('password_change_required');
      }
      break;
    default:
      assertNever(route.caller, 'caller');
  }
  for (const code of route.errors) codes.add(code);
  return [...codes];
}
