/** Payment intents, bank transfers and their matching (issue 11). */
import type { Bill } from '../../shared/domain';
import type { BankTransfer, IncomingTransfer, PaymentIntent, PaymentIntentStatus } from '../../shared/payments';
import type { WebhookOutcome, WebhookProvider } from '../../shared/hub-api/payments';
import { KiotError } from '../../shared/result';

/** Who pays: the signed-in resident, as the session gives them. */
export type Payer = { id: string; unitId: string; unitLabel: string; buildingId: string };

/** What one transfer did: a transfer kind of `WebhookOutcome`. */
export type RecordOutcome = WebhookOutcome;

export type PaymentService = {
  createIntent(payer: Payer, billIds: readonly string[]): Promise<PaymentIntent>;
  wait(payer: Payer, id: string, opts: { waitMs: number; seen?: PaymentIntentStatus | undefined }): Promise<{ payment: PaymentIntent; bills: Bill[] }>;
  cancel(payer: Payer, id: string): Promise<PaymentIntent>;
  receiveWebhook(provider: WebhookProvider, raw: { headers: Record<string, string | string[] | undefined>; body: Buffer }): Promise<WebhookOutcome>;
  /**
   * The one matching function (webhooks, statement imports): records the transfer once per
   * (provider, providerTxId) and applies it. `transfer` is null when it was ignored.
   */
  recordTransfer(buildingId: string, incoming: IncomingTransfer): Promise<{ transfer: BankTransfer | null; outcome: RecordOutcome }>;
};

export function createPayments(): PaymentService {
  const todo = (): never => {
    throw new KiotError('internal', 'Payments are not implemented yet');
  };
  return { createIntent: async () => todo(), wait: async () => todo(), cancel: async () => todo(), receiveWebhook: async () => todo(), recordTransfer: async () => todo() };
}
