import type { FastifyInstance } from 'fastify';
import { HealthResponse } from '../../shared/hub-api';
import { KiotError } from '../../shared/result';

export function registerHealthRoutes(app: FastifyInstance, deps: { version: string; ping: () => Promise<void> }): void {
  app.get('/v1/health', async () => {
    // A hub that cannot reach its database must drop out of the load balancer.
    try {
      await deps.ping();
    } catch {
      throw new KiotError('hub_unavailable', 'Database unreachable');
    }
    return HealthResponse.parse({ ok: true, version: deps.version });
  });
}
