/** `GET /v1/openapi.json`, generated from the route table the hub serves. */
import { z } from 'zod';
import { DEVICE_HEADER, ErrorBody, httpStatusFor, routeErrors } from '../../shared/hub-api';
import type { CallerKind, OpenApiDocument, RouteDef } from '../../shared/hub-api';
import type { ErrorCode } from '../../shared/result';
import { assertNever } from '../../shared/assert-never';
import type { ServedRoute } from './register-routes';

type JsonObject = Record<string, unknown>;

const securitySchemes: Record<Exclude<CallerKind, 'public'>, JsonObject> = {
  device: { type: 'apiKey', in: 'header', name: DEVICE_HEADER, description: '`<deviceId>.<deviceSecret>` from enrollment' },
  resident: { type: 'http', scheme: 'bearer', description: 'Resident session token from /v1/auth/otp/verify; valid only with the same device' },
  staff: { type: 'http', scheme: 'bearer', description: 'Staff session token (password and OTP sign-in); valid only with the same device' },
};

/** The schemes a caller must present together, and what the document says about the rest. */
function securityOf(route: RouteDef): { security?: JsonObject[]; schemes: (keyof typeof securitySchemes)[]; note?: string } {
  const caller = route.caller;
  switch (caller.kind) {
    case 'public':
      return { schemes: [] };
    case 'device':
      return {
        security: [{ device: [] }],
        schemes: ['device'],
        ...(caller.modes ? { note: `Only devices enrolled in mode ${caller.modes.join(' or ')}.` } : {}),
      };
    case 'resident':
      return { security: [{ device: [], resident: [] }], schemes: ['device', 'resident'] };
    case 'staff':
      return { security: [{ device: [], staff: [] }], schemes: ['device', 'staff'], note: `Only staff with role ${caller.roles.join(' or ')}.` };
    default:
      return assertNever(caller, 'caller');
  }
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  // Each schema is embedded in the document, where a per-schema `$schema` is noise.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const json = (schema: z.ZodType, io: 'input' | 'output'): JsonObject => ({ 'application/json': { schema: jsonSchema(schema, io) } });

function parameters(object: z.ZodObject, where: 'query' | 'path'): JsonObject[] {
  const schema = jsonSchema(object, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    // OpenAPI: a path parameter is always required.
    required: where === 'path' || (schema.required?.includes(name) ?? false),
    schema: property,
  }));
}

function errorResponses(route: RouteDef): JsonObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrors(route)) {
    const status = httpStatusFor[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const content = json(ErrorBody, 'output');
  return Object.fromEntries(
    [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, codes]) => [String(status), { description: `Error: ${codes.join(', ')}`, content }]),
  );
}

export function buildOpenApiDocument<T extends Readonly<Record<string, RouteDef>>>(routes: readonly ServedRoute<T>[], opts: { version: string }): OpenApiDocument {
  const paths: Record<string, Record<string, JsonObject>> = {};
  const usedSchemes = new Set<keyof typeof securitySchemes>();

  for (const { key, route } of routes) {
    const { security, schemes, note } = securityOf(route);
    for (const scheme of schemes) usedSchemes.add(scheme);
    const operation: JsonObject = {
      operationId: key,
      summary: route.summary,
      ...(note ? { description: note } : {}),
      ...(security ? { security } : {}),
      ...(route.query || route.params
        ? { parameters: [...(route.params ? parameters(route.params, 'path') : []), ...(route.query ? parameters(route.query, 'query') : [])] }
        : {}),
      ...(route.body ? { requestBody: { required: true, content: json(route.body, 'input') } } : {}),
      responses: { '200': { description: 'OK', content: json(route.response, 'output') }, ...errorResponses(route) },
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }

  return {
    openapi: '3.1.0',
    info: { title: 'Kiot hub API', version: opts.version },
    paths,
    components: {
      securitySchemes: Object.fromEntries([...usedSchemes].sort().map((name) => [name, securitySchemes[name]])),
    },
  };
}
