import type { OpenApiDocument } from '../../shared/hub-api';
import { KiotError } from '../../shared/result';
import type { HandlersOf } from '../http/register-routes';

export function createHealthHandlers(deps: { version: string; ping: () => Promise<void>; openapi: OpenApiDocument }): HandlersOf<'health' | 'openapi'> {
  return {
    health: async () => {
      // A hub that cannot reach its database must drop out of the load balancer.
      try {
        await deps.ping();
      } catch {
        throw new KiotError('hub_unavailable', 'Database unreachable');
      }
      return { ok: true, version: deps.version };
    },
    openapi: async () => deps.openapi,
  };
}
