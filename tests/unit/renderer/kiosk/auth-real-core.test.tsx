// @vitest-environment jsdom
/**
 * The sign-in flow against the real app core and the real hub (see real-kiot.ts): the answers
 * the screens react to are the ones a resident gets, so the renderer cannot be tested against
 * a session that does not exist.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/App';
import { nationalDigits } from '../../../fixtures/dev-sms';
import { press, teardown, toCode } from '../render-app';
import { createRealKiot } from '../real-kiot';
import type { RealKiot } from '../real-kiot';

let kiot: RealKiot;

// A real hub and a real core start for each test: on a busy machine that can take more than the default 5 s.
const SLOW = 30_000;

beforeEach(async () => {
  kiot = await createRealKiot();
  window.kiot = kiot.api;
  render(<App />);
}, SLOW);

afterEach(async () => {
  teardown();
  await kiot.close();
});

const otherThan = (code: string): string => (code === '000000' ? '111111' : '000000');

/** Types a code and waits for the screen to take the keypad back. */
async function enterCode(code: string): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('keypad-1').hasAttribute('disabled')).toBe(false));
  press(code);
  await waitFor(() => expect(kiot.callsTo('auth:verifyOtp').at(-1)?.request).toEqual({ code }));
}

describe('sign-in against the real core and hub', { timeout: SLOW }, () => {
  it('signs in with the code the hub texted, after a wrong one', async () => {
    const { phone, fullName, unitLabel } = kiot.resident;
    await toCode(nationalDigits(phone));
    expect(screen.getByText(/^Mã đã gửi tới/).textContent).toBe(`Mã đã gửi tới ${nationalDigits(phone).slice(0, 4)} *** ${phone.slice(-3)}`);
    const code = kiot.lastCodeTo(phone);

    await enterCode(otherThan(code));
    expect((await screen.findByTestId('error-message')).textContent).toContain('Mã không đúng. Còn 4 lần thử.');
    expect(screen.getByTestId('code-display').textContent).toBe('');

    await enterCode(code);
    expect((await screen.findByTestId('resident-name')).textContent).toBe(fullName);
    // Presence is the assertion: getByText throws when the unit line is missing.
    screen.getByText(`Căn hộ ${unitLabel}`);
  });

  it('after the fifth wrong code the code is dead: it says a new one is needed, the keypad stops, and a new code works', async () => {
    const { phone, fullName } = kiot.resident;
    await toCode(nationalDigits(phone));
    const wrong = otherThan(kiot.lastCodeTo(phone));
    for (const left of [4, 3, 2, 1]) {
      await enterCode(wrong);
      expect((await screen.findByTestId('error-message')).textContent).toContain(`Mã không đúng. Còn ${left} lần thử.`);
    }
    // The hub answers this one with wrong_code and 0 attempts left; it locks only on the next try.
    await enterCode(wrong);
    expect((await screen.findByTestId('error-message')).textContent).toContain('Bạn đã nhập sai quá nhiều lần. Vui lòng yêu cầu mã mới.');
    expect(screen.getByTestId('error-message').textContent).not.toContain('Còn 0 lần thử');
    expect(screen.getByTestId('keypad-1').hasAttribute('disabled')).toBe(true);
    const resend = screen.getByTestId('code-resend');
    expect(resend.textContent).toBe('Yêu cầu mã mới');
    expect(resend.hasAttribute('disabled')).toBe(false);
    expect(kiot.callsTo('auth:verifyOtp')).toHaveLength(5);

    fireEvent.click(resend);
    // Announced to a screen reader, not only shown.
    expect((await screen.findByText(/^Đã gửi mã mới\. Hãy dùng mã trong tin nhắn mới nhất/)).getAttribute('role')).toBe('status');
    await waitFor(() => expect(screen.getByTestId('keypad-1').hasAttribute('disabled')).toBe(false));
    expect(kiot.callsTo('auth:resendOtp').map((c) => c.request)).toEqual([{}]);
    await enterCode(kiot.lastCodeTo(phone));
    expect((await screen.findByTestId('resident-name')).textContent).toBe(fullName);
  });
});
