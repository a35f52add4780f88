import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkGenericSignature, genericSignature, genericTransfer } from '../../../../server/adapters/payments/generic';
import { checkSepayApiKey, SepayTransferBody, sepayInstant, sepayTransfer } from '../../../../server/adapters/payments/sepay';

const SECRET = 'building-secret-0123456789';
const NOW = new Date('2026-11-25T02:35:00.000Z');
const T = NOW.getTime() / 1000;

describe('generic webhook signature', () => {
  const body = Buffer.from('{"transactionId":"FT1","amountVnd":1250000}');

  it('is HMAC-SHA256 of "t.body" in hex, as documented', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${body.toString()}`).digest('hex');
    expect(genericSignature(SECRET, T, body)).toBe(`t=${T},v1=${expected}`);
    expect(checkGenericSignature(`t=${T},v1=${expected}`, SECRET, body, NOW)).toBe('valid');
  });

  it('refuses another secret, another body, a malformed or missing header', () => {
    const header = genericSignature(SECRET, T, body);
    expect(checkGenericSignature(header, 'another-secret-0123456789', body, NOW)).toBe('bad');
    expect(checkGenericSignature(header, SECRET, Buffer.from(`${body.toString()} `), NOW)).toBe('bad');
    expect(checkGenericSignature(header.replace(`t=${T}`, `t=${T + 1}`), SECRET, body, NOW)).toBe('bad');
    expect(checkGenericSignature(`v1=${header.split('v1=')[1]}`, SECRET, body, NOW)).toBe('bad');
    expect(checkGenericSignature('t=1,v1=zz', SECRET, body, NOW)).toBe('bad');
    expect(checkGenericSignature(undefined, SECRET, body, NOW)).toBe('bad');
  });

  it('is stale more than 5 minutes either side of the clock', () => {
    expect(checkGenericSignature(genericSignature(SECRET, T - 300, body), SECRET, body, NOW)).toBe('valid');
    expect(checkGenericSignature(genericSignature(SECRET, T - 301, body), SECRET, body, NOW)).toBe('stale');
    expect(checkGenericSignature(genericSignature(SECRET, T + 301, body), SECRET, body, NOW)).toBe('stale');
  });

  it('turns the body into an incoming transfer', () => {
    expect(genericTransfer({ transactionId: 'FT1', direction: 'in', amountVnd: 5, content: 'x', accountNumber: '1', receivedAt: '2026-11-25T02:30:00Z' })).toEqual({
      source: 'webhook',
      provider: 'generic',
      providerTxId: 'FT1',
      direction: 'in',
      amountVnd: 5,
      content: 'x',
      accountNumber: '1',
      receivedAt: '2026-11-25T02:30:00.000Z',
      bankReference: null,
    });
    expect(genericTransfer({ transactionId: 'FT2', direction: 'in', amountVnd: 5, content: 'x', accountNumber: '1', receivedAt: '2026-11-25T02:30:00Z', bankReference: 'VCB.123' }).bankReference).toBe('VCB.123');
  });
});

describe('SePay webhook', () => {
  it('checks the Apikey header exactly', () => {
    expect(checkSepayApiKey(`Apikey ${SECRET}`, SECRET)).toBe(true);
    expect(checkSepayApiKey(`apikey ${SECRET}`, SECRET)).toBe(true);
    expect(checkSepayApiKey(`Apikey ${SECRET}x`, SECRET)).toBe(false);
    expect(checkSepayApiKey(`Bearer ${SECRET}`, SECRET)).toBe(false);
    expect(checkSepayApiKey(SECRET, SECRET)).toBe(false);
    expect(checkSepayApiKey(undefined, SECRET)).toBe(false);
  });

  it('reads its documented body, Vietnam time to UTC, the code appended to the content', () => {
    const body = SepayTransferBody.parse({
      id: 92704,
      gateway: 'Vietcombank',
      transactionDate: '2023-03-25 14:02:37',
      accountNumber: '0123499999',
      code: 'KT7QX2M9PA',
      content: 'chuyen tien',
      transferType: 'in',
      transferAmount: 2277000,
      accumulated: 19077000,
      subAccount: null,
      referenceCode: 'MBVCB.3278907687',
      description: '',
    });
    expect(sepayTransfer(body)).toEqual({
      source: 'webhook',
      provider: 'sepay',
      providerTxId: '92704',
      direction: 'in',
      amountVnd: 2277000,
      content: 'chuyen tien KT7QX2M9PA',
      accountNumber: '0123499999',
      receivedAt: '2023-03-25T07:02:37.000Z',
      // The bank's own reference: the same transfer on the statement is then a duplicate.
      bankReference: 'MBVCB.3278907687',
    });
    // Just after midnight in Vietnam is the previous day in UTC.
    expect(sepayInstant('2026-01-01 00:30:00')).toBe('2025-12-31T17:30:00.000Z');
    expect(SepayTransferBody.safeParse({ ...body, transactionDate: '25/03/2023 14:02' }).success).toBe(false);
    expect(SepayTransferBody.safeParse({ ...body, transferAmount: 10.5 }).success).toBe(false);
  });
});
