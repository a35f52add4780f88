import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DevSmsOutboxResponse } from '../../shared/hub-api';
import { normalizeVietnamesePhone } from '../../shared/phone';
import { KiotError } from '../../shared/result';
import type { DevSmsAdapter } from '../sms/sms-adapter';
import { parseInput } from './http';

const OutboxQuery = z.object({ to: z.string().trim().min(1).max(32).optional() });

/** Registered only in dev mode: outside it the route does not exist (404), not merely "forbidden". */
export function registerDevRoutes(app: FastifyInstance, deps: { sms: DevSmsAdapter }): void {
  app.get('/v1/dev/sms-outbox', async (request) => {
    const query = parseInput(OutboxQuery, request.query);
    let to: string | null = null;
    if (query.to !== undefined) {
      // A raw `+` in a query string decodes to a space; normalizing copes with both.
      to = normalizeVietnamesePhone(query.to);
      if (!to) throw new KiotError('invalid_input', `Not a Vietnamese phone number: ${query.to}`);
    }
    const messages = deps.sms.messages().filter((m) => to === null || m.to === to);
    return DevSmsOutboxResponse.parse({ messages });
  });
}
