/** Paying bills by VietQR: the resident's payment intents and the bank-notification webhook. */
import { KiotError } from '../../shared/result';
import type { HandlersOf } from '../http/register-routes';
import type { PaymentService } from '../services/payments';

type PaymentRouteKey = 'me.createPayment' | 'me.payment' | 'me.cancelPayment' | 'payments.webhook';

export function createPaymentHandlers(deps: { payments: PaymentService }): HandlersOf<PaymentRouteKey> {
  const { payments } = deps;
  return {
    'me.createPayment': async ({ body }, { resident }) => ({ payment: await payments.createIntent(resident, body.billIds) }),
    'me.payment': async ({ params, query }, { resident }) => payments.wait(resident, params.id, query),
    'me.cancelPayment': async ({ params }, { resident }) => ({ payment: await payments.cancel(resident, params.id) }),
    'payments.webhook': async ({ params, raw }) => {
      // The hub always passes the raw request; only a handler called by hand lacks it.
      if (raw?.body === undefined) throw new KiotError('invalid_input', 'The webhook needs its raw body');
      return { ok: true, recorded: await payments.receiveWebhook(params.provider, { headers: raw.headers, body: raw.body }) };
    },
  };
}
