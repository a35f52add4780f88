import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeTransferContent, PAYMENT_CODE_ALPHABET, PaymentCode } from '../../../../shared/payments';
import { newPaymentCode, paymentCodeCandidates } from '../../../../server/services/payment-codes';

describe('payment codes', () => {
  it('are KT and 8 characters of the alphabet without look-alikes, valid PaymentCodes', () => {
    for (let i = 0; i < 2000; i++) {
      const code = newPaymentCode((n) => randomBytes(n));
      expect(code).toMatch(new RegExp(`^KT[${PAYMENT_CODE_ALPHABET}]{8}$`));
      expect(PaymentCode.safeParse(code).success).toBe(true);
      expect(code).not.toMatch(/[01OIL]/);
    }
  });

  it('draw every character of the alphabet, and skip bytes that would bias the draw', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) for (const c of newPaymentCode((n) => randomBytes(n)).slice(2)) seen.add(c);
    expect([...seen].sort().join('')).toBe([...PAYMENT_CODE_ALPHABET].sort().join(''));
    // Bytes 248…255 are above the largest multiple of 31: never used.
    const biased = Buffer.from([255, 250, 248, 0, 1, 2, 3, 4, 5, 6, 7, 30, 31, 32, 33, 34]);
    expect(newPaymentCode(() => biased)).toBe(`KT${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => PAYMENT_CODE_ALPHABET[i]).join('')}`);
  });

  it('are unique in practice (no collision in 20,000 draws)', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20_000; i++) codes.add(newPaymentCode((n) => randomBytes(n)));
    expect(codes.size).toBe(20_000);
  });

  it('are found anywhere in a normalized transfer content', () => {
    const find = (content: string): string[] => paymentCodeCandidates(normalizeTransferContent(content));
    expect(find('kt7qx2-m9pa chuyen tien')).toEqual(['KT7QX2M9PA']);
    expect(find('MBVCB.123.KT7QX 2M9PA.CT tu 0451')).toEqual(['KT7QX2M9PA']);
    expect(find('Thanh toán phí KT7QX2M9PA')).toEqual(['KT7QX2M9PA']);
    // A prefix repeated right before the code still yields it (after a code-shaped run that
    // names no intent, which the hub then passes over).
    expect(find('KTKT7QX2M9PA')).toEqual(['KTKT7QX2M9', 'KT7QX2M9PA']);
    expect(find('KT7QX2M9')).toEqual([]);
    expect(find('no code here')).toEqual([]);
  });
});
