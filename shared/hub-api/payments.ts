/**
 * Wire schemas of paying bills by VietQR: the resident's payment intents (`/v1/me/payments`)
 * and the bank-notification webhook (`/v1/payments/webhooks/{provider}`).
 */
import { z } from 'zod';
import { Bill } from '../domain';
import { PaymentIntent, PaymentIntentStatus } from '../payments';

/** At most this many bills in one payment: a year of every service, with room to spare. */
export const MAX_BILLS_PER_PAYMENT = 60;

/** The longest a `GET /v1/me/payments/{id}` long poll waits for a change. */
export const PAYMENT_WAIT_MAX_MS = 25_000;

export const CreatePaymentBody = z
  .object({
    /** The bills to pay together; all must be the resident's unit's and not yet paid. */
    billIds: z.array(z.string().min(1).max(100)).min(1).max(MAX_BILLS_PER_PAYMENT),
  })
  .strict();
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

export const PaymentResponse = z.object({ payment: PaymentIntent });
export type PaymentResponse = z.infer<typeof PaymentResponse>;

export const PaymentParams = z.object({ id: z.string().min(1).max(100) });
export type PaymentParams = z.infer<typeof PaymentParams>;

export const PaymentWaitQuery = z
  .object({
    /** How long to wait for the status to differ from `seen` (0: answer at once). */
    waitMs: z.coerce.number().int().min(0).max(PAYMENT_WAIT_MAX_MS).default(0),
    /** The status the caller already knows; without it the answer comes at once. */
    seen: PaymentIntentStatus.optional(),
  })
  .strict();
export type PaymentWaitQuery = z.infer<typeof PaymentWaitQuery>;

export const PaymentStateResponse = z.object({
  payment: PaymentIntent,
  /** The intent's bills as they are now (paid ones with their paidVnd). */
  bills: z.array(Bill),
});
export type PaymentStateResponse = z.infer<typeof PaymentStateResponse>;

export const webhookProviders = ['generic', 'sepay'] as const;
export const WebhookProvider = z.enum(webhookProviders);
export type WebhookProvider = z.infer<typeof WebhookProvider>;

export const WebhookParams = z.object({ provider: WebhookProvider });
export type WebhookParams = z.infer<typeof WebhookParams>;

/**
 * matched/partial/overpaid/unmatched: what the transfer did (shared/payments.ts TransferMatch);
 * duplicate: this provider transaction was already recorded, nothing changed; ignored: an
 * outgoing transfer or one to another account, not recorded.
 */
export const WebhookOutcome = z.enum(['matched', 'partial', 'overpaid', 'unmatched', 'duplicate', 'ignored']);
export type WebhookOutcome = z.infer<typeof WebhookOutcome>;

export const WebhookResponse = z.object({ ok: z.literal(true), recorded: WebhookOutcome });
export type WebhookResponse = z.infer<typeof WebhookResponse>;
