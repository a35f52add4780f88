/** `GET /v1/openapi.json`, generated from the same zod schemas the routes validate with. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  BillsResponse,
  DEVICE_HEADER,
  DevSmsOutboxResponse,
  EnrollRequest,
  EnrollResponse,
  ErrorBody,
  HealthResponse,
  OtpRequestBody,
  OtpRequestResponse,
  OtpVerifyBody,
  OtpVerifyResponse,
} from '../../shared/hub-api';

type Operation = {
  summary: string;
  security?: Record<string, string[]>[];
  requestBody?: z.ZodType;
  response: z.ZodType;
  errors: number[];
};

const device = { device: [] };
const resident = { device: [], resident: [] };

export function buildOpenApiDocument(opts: { version: string; devMode: boolean }): Record<string, unknown> {
  const paths: Record<string, Record<string, Operation>> = {
    '/v1/health': { get: { summary: 'Liveness and database reachability', response: HealthResponse, errors: [503] } },
    '/v1/devices/enroll': {
      post: { summary: 'Enroll a device with a one-time code', requestBody: EnrollRequest, response: EnrollResponse, errors: [400, 401] },
    },
    '/v1/auth/otp/request': {
      post: {
        summary: 'Send a login code by SMS (same answer whether or not the number is registered)',
        security: [device],
        requestBody: OtpRequestBody,
        response: OtpRequestResponse,
        errors: [400, 401, 403, 429],
      },
    },
    '/v1/auth/otp/verify': {
      post: { summary: 'Exchange a login code for a resident session bound to this device', security: [device], requestBody: OtpVerifyBody, response: OtpVerifyResponse, errors: [400, 401, 403] },
    },
    '/v1/me/bills': { get: { summary: "The signed-in resident's bills, newest month first", security: [resident], response: BillsResponse, errors: [401] } },
  };
  if (opts.devMode) {
    paths['/v1/dev/sms-outbox'] = { get: { summary: 'Development only: messages the dev SMS adapter "sent"', response: DevSmsOutboxResponse, errors: [400] } };
  }

  const json = (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
    // Each schema is embedded in the document, where a per-schema `$schema` is noise.
    const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
    return { 'application/json': { schema: jsonSchema } };
  };
  const errorResponse = { description: 'Error', content: json(ErrorBody, 'output') };

  const openapiPaths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(paths)) {
    const operations: Record<string, unknown> = {};
    openapiPaths[path] = operations;
    for (const [method, op] of Object.entries(methods)) {
      const responses: Record<string, unknown> = { '200': { description: 'OK', content: json(op.response, 'output') } };
      for (const status of op.errors) responses[String(status)] = errorResponse;
      operations[method] = {
        summary: op.summary,
        ...(op.security ? { security: op.security } : {}),
        ...(op.requestBody ? { requestBody: { required: true, content: json(op.requestBody, 'input') } } : {}),
        responses,
      };
    }
  }

  return {
    openapi: '3.1.0',
    info: { title: 'Kiot hub API', version: opts.version },
    paths: openapiPaths,
    components: {
      securitySchemes: {
        device: { type: 'apiKey', in: 'header', name: DEVICE_HEADER, description: '`<deviceId>.<deviceSecret>` from enrollment' },
        resident: { type: 'http', scheme: 'bearer', description: 'Resident session token from /v1/auth/otp/verify; valid only with the same device' },
      },
    },
  };
}

export function registerOpenApiRoute(app: FastifyInstance, document: Record<string, unknown>): void {
  app.get('/v1/openapi.json', async () => document);
}
