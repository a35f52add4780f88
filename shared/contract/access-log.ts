/** `accessLog:*` — who (staff or the system) accessed the signed-in resident's data. */
import { z } from 'zod';
import { AccessLogEntry } from '../audit';
import { Empty } from './common';
import type { DomainContract } from './common';

export const accessLogContract = {
  'accessLog:list': { request: Empty, response: z.object({ entries: z.array(AccessLogEntry) }) },
} as const satisfies DomainContract<'accessLog'>;
