/**
 * SePay's webhook (developer.sepay.vn, "SePay Webhooks"): one POST per transaction on a
 * watched account, authenticated with `Authorization: Apikey <key>` (the key the building
 * set in SePay's dashboard), body:
 *
 *   { id, gateway, transactionDate: "YYYY-MM-DD HH:mm:ss" (Vietnam time), accountNumber,
 *     code, content, transferType: "in" | "out", transferAmount, accumulated, subAccount,
 *     referenceCode, description }
 *
 * `id` is SePay's transaction id (SePay retries with the same id); `referenceCode` is the
 * bank's own reference, the one the statement shows, kept to recognise the same transfer
 * when the statement is imported.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { z } from 'zod';
import type { IncomingTransfer } from '../../../shared/payments';

export const SepayTransferBody = z.looseObject({
  id: z.union([z.number().int().nonnegative(), z.string().min(1).max(200)]),
  gateway: z.string().max(100).nullish(),
  transactionDate: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
  accountNumber: z.string().max(40),
  code: z.string().max(100).nullish(),
  content: z.string().max(1000).nullish(),
  transferType: z.enum(['in', 'out']),
  transferAmount: z.number().int().min(0).max(1_000_000_000_000),
  referenceCode: z.string().max(200).nullish(),
});
export type SepayTransferBody = z.infer<typeof SepayTransferBody>;

/** Constant-time check of `Authorization: Apikey <key>` (both sides hashed to one length first). */
export function checkSepayApiKey(header: string | undefined, key: string): boolean {
  const match = /^Apikey\s+(\S+)$/i.exec(header?.trim() ?? '');
  if (match === null) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(key));
}

/** "2026-11-25 09:35:00" in Vietnam (UTC+7, no daylight saving) → the UTC instant. */
export function sepayInstant(transactionDate: string): string {
  const instant = new Date(`${transactionDate.replace(' ', 'T')}+07:00`);
  if (Number.isNaN(instant.getTime())) throw new Error('Not a SePay transaction date');
  return instant.toISOString();
}

export function sepayTransfer(body: SepayTransferBody): IncomingTransfer & { bankReference: string | null } {
  return {
    source: 'webhook',
    provider: 'sepay',
    providerTxId: String(body.id),
    direction: body.transferType,
    amountVnd: body.transferAmount,
    // SePay's own code detection is not relied on: the hub finds the code in the content.
    content: [body.content ?? '', body.code ?? ''].filter((s) => s.length > 0).join(' '),
    accountNumber: body.accountNumber,
    receivedAt: sepayInstant(body.transactionDate),
    bankReference: body.referenceCode ?? null,
  };
}
