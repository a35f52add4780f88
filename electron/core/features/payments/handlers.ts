import type { DomainHandlers } from '../../api';
import type { PaymentsService } from './service';

export function createPaymentsHandlers(payments: PaymentsService): DomainHandlers<'payments'> {
  return {
    'payments:create': async ({ billIds }) => ({ payment: await payments.create(billIds) }),
    'payments:wait': async ({ id, seen }) => payments.wait(id, seen),
    'payments:cancel': async ({ id }) => ({ payment: await payments.cancel(id) }),
  };
}
