/**
 * The `payments` domain of the fake `window.kiot`: `create` opens an intent for the bills asked
 * for; `wait` answers at once without `seen` or when the status already differs, and otherwise
 * waits until the test moves the payment on (`arrive`), as the core's long poll does.
 */
import type { ChannelName } from '../../../../../shared/channels';
import type { PaymentState } from '../../../../../shared/contract/payments';
import type { Bill } from '../../../../../shared/domain';
import type { KiotApi } from '../../../../../shared/kiot-api';
import type { PaymentIntent, PaymentIntentStatus } from '../../../../../shared/payments';
import type { AppError, Result } from '../../../../../shared/result';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

/** A VietQR payload as vietnam-qr-pay builds it (Vietcombank, 1.250.000 ₫, content KT7H3M9Q2X); the fake's amounts need not match it. */
export const FAKE_QR_PAYLOAD = '00020101021238570010A00000072701270006970436011300110045678900208QRIBFTTA5303704540712500005802VN62140810KT7H3M9Q2X630435F2';

export type FakePaymentsControls = {
  /** The open intent, once the screen asked for one. */
  current(): PaymentIntent | null;
  /** Money arrives: the status and amount move on, the bills are paid as far as it goes, and a waiting `wait` answers. */
  arrive(receivedVnd: number): void;
  /** Sets the status directly (a manager closed it, the sweep expired it). */
  setStatus(status: PaymentIntentStatus): void;
};

export function createFakePayments(handle: Handle, signedIn: () => boolean, bills: () => Bill[]): { api: KiotApi['payments']; controls: FakePaymentsControls } {
  const fail = (c: AppError['code']): Result<never> => ({ ok: false, error: { code: c, message: c } });
  let payment: PaymentIntent | null = null;
  let paidBills: Bill[] = [];
  let wake: (() => void) | null = null;
  const changed = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const state = (): PaymentState => ({ payment: structuredClone(payment!), bills: structuredClone(paidBills) });

  const controls: FakePaymentsControls = {
    current: () => (payment === null ? null : structuredClone(payment)),
    arrive: (receivedVnd) => {
      if (payment === null) throw new Error('no payment yet');
      const total = payment.receivedVnd + receivedVnd;
      const status: PaymentIntentStatus = total === payment.amountVnd ? 'paid' : total < payment.amountVnd ? 'partially_paid' : 'overpaid';
      payment = { ...payment, receivedVnd: total, status, paidAt: status === 'partially_paid' ? null : '2026-11-25T04:00:00.000Z' };
      let left = total;
      paidBills = paidBills.map((b) => {
        const part = Math.min(left, b.amountVnd);
        left -= part;
        return part === b.amountVnd ? { ...b, status: 'paid', paidVnd: part, paidAt: '2026-11-25T04:00:00.000Z' } : { ...b, paidVnd: part };
      });
      changed();
    },
    setStatus: (status) => {
      if (payment === null) throw new Error('no payment yet');
      payment = { ...payment, status };
      changed();
    },
  };

  const api: KiotApi['payments'] = {
    create: (request) =>
      handle('payments:create', request, () => {
        if (!signedIn()) return fail('unauthorized');
        const chosen = bills().filter((b) => request.billIds.includes(b.id) && b.status !== 'paid');
        if (chosen.length !== request.billIds.length) return fail('wrong_state');
        paidBills = structuredClone(chosen);
        payment = {
          id: 'pi_1',
          code: 'KT7H3M9Q2X',
          billIds: chosen.map((b) => b.id),
          amountVnd: chosen.reduce((sum, b) => sum + b.amountVnd - b.paidVnd, 0),
          receivedVnd: 0,
          status: 'open',
          createdAt: '2026-11-25T03:30:00.000Z',
          expiresAt: '2026-11-26T03:30:00.000Z',
          paidAt: null,
          account: { bankBin: '970436', bankName: 'Vietcombank', accountNumber: '0011004567890', accountName: 'BAN QUAN TRI CHUNG CU SONG HONG' },
          qrPayload: FAKE_QR_PAYLOAD,
        };
        return { ok: true, value: { payment: structuredClone(payment) } };
      }),
    wait: async (request) => {
      // Recorded (and any injected failure applied) when asked, not when answered.
      const asked = await handle('payments:wait', request, (): Result<null> => {
        if (!signedIn()) return fail('unauthorized');
        if (payment === null || payment.id !== request.id) return fail('not_found');
        return { ok: true, value: null };
      });
      if (!asked.ok) return asked;
      if (request.seen !== undefined && request.seen === payment?.status) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      return { ok: true, value: state() };
    },
    cancel: (request) =>
      handle('payments:cancel', request, () => {
        if (payment === null || payment.id !== request.id) return fail('not_found');
        payment = { ...payment, status: 'cancelled' };
        return { ok: true, value: { payment: structuredClone(payment) } };
      }),
  };
  return { api, controls };
}
