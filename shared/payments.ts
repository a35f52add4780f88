/**
 * Paying bills by VietQR bank transfer, and learning that the money arrived.
 *
 * A resident asks to pay one or more bills: the hub opens a *payment intent* with a short
 * payment code and the exact amount, and the kiosk shows it as a dynamic VietQR code. The
 * resident's banking app puts the code in the transfer content; the bank-notification service
 * (webhook) or an imported bank statement later brings the *bank transfer*, and the hub matches
 * it to the intent by the code found in its content.
 */
import { z } from 'zod';
import { Instant, Vnd } from './domain';

// The code's shape is described in payments-rules.ts (zod-free, for the kiosk renderer).
export { PAYMENT_CODE_PREFIX } from './payments-rules';
export const PAYMENT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PaymentCode = z.string().regex(/^[A-Z0-9]{4,19}$/);
export type PaymentCode = z.infer<typeof PaymentCode>;

/**
 * open: waiting for the money; paid: the exact amount arrived; partially_paid: less arrived
 * (the rest of the bills is still due); overpaid: more arrived, or a second payment (a manager
 * resolves it); expired: the nightly sweep closed it without any money; cancelled: the resident
 * or a manager closed it.
 */
export const paymentIntentStatuses = ['open', 'paid', 'partially_paid', 'overpaid', 'expired', 'cancelled'] as const;
export const PaymentIntentStatus = z.enum(paymentIntentStatuses);
export type PaymentIntentStatus = z.infer<typeof PaymentIntentStatus>;

/** The building's receiving account, shown beside the QR code for residents who type it in. */
export const ReceivingAccount = z.object({
  /** NAPAS bank identification number, six digits (Vietcombank 970436). */
  bankBin: z.string().regex(/^\d{6}$/),
  bankName: z.string().min(1),
  accountNumber: z.string().regex(/^[0-9A-Za-z]{4,19}$/),
  /** As the bank holds it: upper case, no diacritics. */
  accountName: z.string().min(1),
});
export type ReceivingAccount = z.infer<typeof ReceivingAccount>;

/** What the resident's kiosk sees of a payment intent. */
export const PaymentIntent = z.object({
  id: z.string().min(1),
  code: PaymentCode,
  billIds: z.array(z.string().min(1)).min(1),
  amountVnd: Vnd,
  /** What has arrived so far against this intent. */
  receivedVnd: Vnd,
  status: PaymentIntentStatus,
  createdAt: Instant,
  /** After this the nightly sweep flags the intent if nothing arrived; a late transfer still matches. */
  expiresAt: Instant,
  paidAt: Instant.nullable(),
  account: ReceivingAccount,
  /** The EMVCo/NAPAS VietQR payload string to draw as a QR code. */
  qrPayload: z.string().min(20),
});
export type PaymentIntent = z.infer<typeof PaymentIntent>;

/** How a bank transfer reached the hub. */
export const TransferSource = z.enum(['webhook', 'statement']);
export type TransferSource = z.infer<typeof TransferSource>;

/**
 * matched: paid an intent exactly; partial: paid less; overpaid: more than due or a second
 * payment; unmatched: no payment code found; resolved: a manager matched it by hand;
 * ignored: a manager set it aside (not a bill payment) with a reason.
 */
export const transferMatches = ['matched', 'partial', 'overpaid', 'unmatched', 'resolved', 'ignored'] as const;
export const TransferMatch = z.enum(transferMatches);
export type TransferMatch = z.infer<typeof TransferMatch>;

/** An incoming transfer to the building's account, as the console sees it. */
export const BankTransfer = z.object({
  id: z.string().min(1),
  source: TransferSource,
  /** `generic`, `sepay`, or `statement:<bank preset>`. */
  provider: z.string().min(1),
  /** The provider's or bank's own transaction id: the key that makes a retry harmless. */
  providerTxId: z.string().min(1),
  amountVnd: Vnd,
  content: z.string(),
  accountNumber: z.string(),
  receivedAt: Instant,
  match: TransferMatch,
  paymentCode: PaymentCode.nullable(),
  intentId: z.string().nullable(),
  /** Units whose bills this transfer paid (labels, for the console list). */
  unitLabels: z.array(z.string()),
  resolvedAt: Instant.nullable(),
  resolvedBy: z.string().nullable(),
  resolutionReason: z.string().nullable(),
});
export type BankTransfer = z.infer<typeof BankTransfer>;

/**
 * One transfer as a webhook adapter or a statement row gives it, before matching. `direction`
 * out (money leaving the account) is recorded nowhere: only incoming transfers count.
 */
export const IncomingTransfer = z.object({
  source: TransferSource,
  provider: z.string().min(1),
  providerTxId: z.string().min(1).max(200),
  direction: z.enum(['in', 'out']),
  amountVnd: Vnd,
  content: z.string().max(1000),
  accountNumber: z.string().max(40),
  receivedAt: Instant,
});
export type IncomingTransfer = z.infer<typeof IncomingTransfer>;

/**
 * Upper case, without spaces or separators: banks and apps insert spaces, dashes, dots or
 * line breaks into the content, and some drop case. The payment code is then found anywhere
 * in what remains.
 */
export function normalizeTransferContent(content: string): string {
  return content
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}
