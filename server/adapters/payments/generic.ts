/**
 * The generic bank-notification webhook: any relay (a bank's own push, Casso, payOS, a small
 * script reading the bank's API) posts one JSON transfer, signed with the building's secret:
 *
 *   x-kiot-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>
 *
 * The timestamp is part of what is signed, and one more than 5 minutes away from the hub's
 * clock is refused, so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Instant, Vnd } from '../../../shared/domain';
import type { IncomingTransfer } from '../../../shared/payments';

export const GENERIC_SIGNATURE_HEADER = 'x-kiot-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** The body a generic relay posts. */
export const GenericTransferBody = z
  .object({
    /** The relay's (or bank's) transaction id: the same id again is a retry. */
    transactionId: z.string().min(1).max(200),
    direction: z.enum(['in', 'out']),
    amountVnd: Vnd,
    content: z.string().max(1000),
    accountNumber: z.string().max(40),
    receivedAt: Instant,
    /**
     * The bank's own reference of the transfer (the one printed on the statement), when the
     * relay knows it: the same transfer imported later from the statement is then a duplicate.
     */
    bankReference: z.string().max(200).optional(),
  })
  .strict();
export type GenericTransferBody = z.infer<typeof GenericTransferBody>;

export function genericSignature(secret: string, unixSeconds: number, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.`).update(rawBody).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export type SignatureCheck = 'valid' | 'bad' | 'stale';

/** Checks the header against one secret; constant-time on the MAC. */
export function checkGenericSignature(header: string | undefined, secret: string, rawBody: Buffer, now: Date): SignatureCheck {
  if (header === undefined) return 'bad';
  const parts = new Map<string, string>();
  for (const piece of header.split(',')) {
    const at = piece.indexOf('=');
    if (at > 0) parts.set(piece.slice(0, at).trim(), piece.slice(at + 1).trim());
  }
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (t === undefined || v1 === undefined || !/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/i.test(v1)) return 'bad';
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return 'bad';
  // Checked after the MAC: only a request signed with the secret learns that it is stale.
  return Math.abs(now.getTime() / 1000 - Number(t)) > SIGNATURE_TOLERANCE_SECONDS ? 'stale' : 'valid';
}

export function genericTransfer(body: GenericTransferBody): IncomingTransfer & { bankReference: string | null } {
  return {
    source: 'webhook',
    provider: 'generic',
    providerTxId: body.transactionId,
    direction: body.direction,
    amountVnd: body.amountVnd,
    content: body.content,
    accountNumber: body.accountNumber,
    receivedAt: new Date(body.receivedAt).toISOString(),
    bankReference: body.bankReference ?? null,
  };
}
