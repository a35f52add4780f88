/**
 * `payments:*` — paying the signed-in resident's bills by VietQR: open a payment intent for some
 * bills, wait for the bank's confirmation, close an intent nobody will pay.
 */
import { z } from 'zod';
import { Bill } from '../domain';
import { PaymentIntent } from '../payments';
import type { DomainContract } from './common';

const PaymentId = z.string().min(1).max(100);

/** What a pay screen holds: the intent, and its bills as the hub last said (paid ones with their paidVnd). */
export const PaymentState = z.object({
  payment: PaymentIntent,
  bills: z.array(Bill),
});
export type PaymentState = z.infer<typeof PaymentState>;

export const paymentsContract = {
  'payments:create': {
    // The same bounds as the hub's route (MAX_BILLS_PER_PAYMENT).
    request: z.object({ billIds: z.array(z.string().min(1).max(100)).min(1).max(60) }).strict(),
    response: z.object({ payment: PaymentIntent }),
  },
  /**
   * Waits (up to about twenty seconds) for the intent's status to differ from `seen`, then answers
   * with it; answers at once without `seen`. The screen calls again while it is open.
   */
  'payments:wait': {
    request: z.object({ id: PaymentId, seen: PaymentIntent.shape.status.optional() }).strict(),
    response: PaymentState,
  },
  'payments:cancel': {
    request: z.object({ id: PaymentId }).strict(),
    response: z.object({ payment: PaymentIntent }),
  },
} as const satisfies DomainContract<'payments'>;
