/** `bills:*` — the signed-in resident's bills. */
import { z } from 'zod';
import { Bill } from '../domain';
import { Empty } from './common';
import type { DomainContract } from './common';

export const billsContract = {
  'bills:list': { request: Empty, response: z.object({ bills: z.array(Bill) }) },
  'bills:get': {
    request: z.object({ billId: z.string().min(1).max(100) }).strict(),
    response: z.object({ bill: Bill }),
  },
} as const satisfies DomainContract<'bills'>;
