/** What the pay screen shows, worked out from a payment intent: kept apart from React so it can be tested on its own. */
import { assertNever } from '../../../shared/assert-never';
import { PAYMENT_CODE_PREFIX } from '../../../shared/payments-rules';
import type { PaymentIntent, PaymentIntentStatus } from '../../../shared/payments';

/** A status after which nothing more is waited for on this screen. */
export function isSettled(status: PaymentIntentStatus): boolean {
  switch (status) {
    case 'open':
    case 'partially_paid':
      return false;
    case 'paid':
    case 'overpaid':
    case 'expired':
    case 'cancelled':
      return true;
    default:
      return assertNever(status, 'payment status');
  }
}

/** What is still due on the intent (never below zero). */
export function stillDue(payment: Pick<PaymentIntent, 'amountVnd' | 'receivedVnd'>): number {
  return Math.max(0, payment.amountVnd - payment.receivedVnd);
}

/**
 * The payment code in groups a resident can read and type: the prefix alone, then groups of
 * four (`KT 7H3M 9Q2X`). The spaces are harmless in the transfer content: the hub ignores them.
 */
export function spacedCode(code: string): string {
  const head = code.startsWith(PAYMENT_CODE_PREFIX) ? PAYMENT_CODE_PREFIX : '';
  const groups = code.slice(head.length).match(/.{1,4}/g) ?? [];
  return [head, ...groups].filter((part) => part !== '').join(' ');
}

/** An account number in groups of four, as printed on bank cards and statements. */
export function spacedAccount(accountNumber: string): string {
  return (accountNumber.match(/.{1,4}/g) ?? []).join(' ');
}
