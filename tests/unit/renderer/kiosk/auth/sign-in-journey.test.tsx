// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSION_ENDED_NOTICE_MS } from '../../../../../renderer/app/KioskShell';
import { mainProcess, press, renderApp, teardown, toCode, toPhone } from '../../render-app';

afterEach(() => {
  vi.useRealTimers();
  teardown();
});

/** Date and the screens' ticking intervals on a test clock; testing-library's own waits keep real timeouts. */
function testClock(): void {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
}

async function advance(ms: number): Promise<void> {
  // React may not have run the effect that starts a screen's ticking interval yet (on a busy
  // machine it lags the render the test saw): let it, or the clock moves past an interval not yet there.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  await act(async () => {
    vi.advanceTimersByTime(ms);
    await Promise.resolve();
  });
}

describe('language choice', () => {
  it('shows two real choices named as they read; the one in use is pressed and changes nothing', async () => {
    const { fake } = await renderApp();
    const group = await screen.findByRole('group', { name: 'Ngôn ngữ' });
    const [vi, en] = within(group).getAllByRole('button');
    expect(vi?.textContent).toBe('✓Tiếng Việt');
    expect(screen.getByRole('button', { name: 'Tiếng Việt' })).toBe(vi);
    expect(screen.getByRole('button', { name: 'English' })).toBe(en);
    expect(vi?.getAttribute('aria-pressed')).toBe('true');
    expect(en?.getAttribute('aria-pressed')).toBe('false');
    expect(vi?.getAttribute('lang')).toBe('vi');

    // Tapping the highlighted language keeps it (it used to switch to English).
    fireEvent.click(vi!);
    expect(screen.getByTestId('attract-start').textContent).toContain('Chạm để bắt đầu');
    expect(fake.callsTo('session:setLocale')).toHaveLength(0);

    fireEvent.click(en!);
    expect(screen.getByTestId('attract-start').textContent).toContain('Touch to start');
    expect(screen.getByRole('group', { name: 'Language' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByTestId('attract-start').textContent).toContain('Touch to start');
    await waitFor(() => expect(fake.callsTo('session:setLocale').map((c) => c.request)).toEqual([{ locale: 'en' }]));
  });
});

describe('phone number', () => {
  it.each([
    ['a number no operator hands out', '1111111111'],
    ['a landline', '02437186868'],
    ['a number one digit short', '091234567'],
  ])('refuses %s before sending, and says what a mobile number looks like', async (_what, digits) => {
    const { fake } = await renderApp();
    await toPhone();
    press(digits);
    fireEvent.click(screen.getByTestId('phone-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toBe('!Số điện thoại không hợp lệ. Số di động 10 chữ số, ví dụ 0912 345 678.');
    expect(fake.callsTo('auth:requestOtp')).toHaveLength(0);
    expect(screen.queryByTestId('code-display')).toBeNull();
  });

  it('says it in English too', async () => {
    await renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    await toPhone();
    press('1111111111');
    fireEvent.click(screen.getByTestId('phone-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toBe('!This phone number is not valid. A mobile number has 10 digits, for example 0912 345 678.');
  });

  it('after a code went to the number a moment ago: says when a new one can be sent, counts down, holds the button, then lets it go', async () => {
    const { fake } = await renderApp({}, (f) => f.failNext('auth:requestOtp', { code: 'rate_limited', message: 'wait', retryAfterSeconds: 29 }));
    await toPhone();
    press('0912345678');
    testClock();
    fireEvent.click(screen.getByTestId('phone-submit'));
    const wait = await screen.findByTestId('phone-wait');
    expect(wait.textContent).toBe('Có thể gửi mã mới tới số này sau 29 giây.');
    // Not the old "you tried too many times": nobody did anything wrong.
    expect(screen.queryByTestId('error-message')).toBeNull();
    const submit = screen.getByTestId('phone-submit');
    expect(submit.hasAttribute('disabled')).toBe(true);
    expect(submit.textContent).toBe('Chờ 0:29');

    await advance(10_000);
    expect(screen.getByTestId('phone-wait').textContent).toBe('Có thể gửi mã mới tới số này sau 19 giây.');
    expect(submit.textContent).toBe('Chờ 0:19');
    expect(submit.hasAttribute('disabled')).toBe(true);

    await advance(19_000);
    expect(screen.queryByTestId('phone-wait')).toBeNull();
    expect(submit.hasAttribute('disabled')).toBe(false);
    expect(submit.textContent).toBe('Gửi mã');
    fireEvent.click(submit);
    await screen.findByTestId('code-display');
    expect(fake.callsTo('auth:requestOtp')).toHaveLength(2);
  });

  it('words a long wait in minutes, and lets another number be sent at once', async () => {
    await renderApp({}, (f) => f.failNext('auth:requestOtp', { code: 'rate_limited', message: 'wait', retryAfterSeconds: 600 }));
    await toPhone();
    press('0912345678');
    fireEvent.click(screen.getByTestId('phone-submit'));
    expect((await screen.findByTestId('phone-wait')).textContent).toBe('Có thể gửi mã mới tới số này sau 10 phút.');
    fireEvent.click(screen.getByTestId('keypad-delete'));
    press('9');
    expect(screen.queryByTestId('phone-wait')).toBeNull();
    expect(screen.getByTestId('phone-submit').hasAttribute('disabled')).toBe(false);
  });
});

describe('code screen', () => {
  it('shows the number masked as typed and how long the code lasts, counting down to "expired"', async () => {
    testClock();
    await renderApp({ resendAfterSeconds: 60 });
    await toCode('0912345678');
    expect(screen.getByTestId('code-sent-to').textContent).toBe('Mã đã gửi tới 0912 *** 678');
    expect(screen.getByTestId('code-expiry').textContent).toBe('Mã dùng được trong 5 phút, còn 5:00.');
    await advance(28_000);
    expect(screen.getByTestId('code-expiry').textContent).toBe('Mã dùng được trong 5 phút, còn 4:32.');
    expect(screen.getByTestId('keypad-1').hasAttribute('disabled')).toBe(false);

    await advance(272_000);
    expect(screen.getByTestId('code-expiry').textContent).toBe('Mã này đã hết hạn. Chạm "Yêu cầu mã mới".');
    expect(screen.getByTestId('keypad-1').hasAttribute('disabled')).toBe(true);
    const resend = screen.getByTestId('code-resend');
    expect(resend.textContent).toBe('Yêu cầu mã mới');
    expect(resend.hasAttribute('disabled')).toBe(false);
  });

  it('after a resend, tells the resident to use the newest message, and counts the new code from its own start', async () => {
    testClock();
    const { fake } = await renderApp({ resendAfterSeconds: 60 });
    await toCode('0912345678');
    await advance(61_000);
    fireEvent.click(screen.getByTestId('code-resend'));
    expect((await screen.findByText(/tin nhắn mới nhất/)).textContent).toBe('Đã gửi mã mới. Hãy dùng mã trong tin nhắn mới nhất, mã cũ không còn dùng được.');
    expect(fake.callsTo('auth:resendOtp')).toHaveLength(1);
    expect(screen.getByTestId('code-expiry').textContent).toBe('Mã dùng được trong 5 phút, còn 5:00.');
  });

  it('offers help for a code that does not come, with the office phone from the building settings', async () => {
    await renderApp({ resendAfterSeconds: 60, building: { hotline: '024 3718 6868' } });
    await toCode();
    expect(screen.queryByTestId('code-help-panel')).toBeNull();
    const open = screen.getByRole('button', { name: 'Không nhận được mã?' });
    expect(open.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(open);
    const panel = screen.getByTestId('code-help-panel');
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const steps = within(panel).getAllByRole('listitem').map((li) => li.textContent);
    expect(steps[0]).toBe('Xem lại số điện thoại ở trên. Nếu sai, chạm "Đổi số điện thoại".');
    expect(steps[2]).toMatch(/^Có thể gửi lại mã sau (60|59) giây\.$/);
    await waitFor(() => expect(screen.getByTestId('code-help-office').textContent).toBe('Vẫn không nhận được? Gọi ban quản lý tòa nhà: 024 3718 6868.'));
    fireEvent.click(within(panel).getByRole('button', { name: 'Đóng' }));
    expect(screen.queryByTestId('code-help-panel')).toBeNull();
  });

  it('without an office phone, the help says to ask the office; in English too', async () => {
    const { fake } = await renderApp({ building: { hotline: '' } });
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    await toCode();
    fireEvent.click(screen.getByRole('button', { name: "Didn't get a code?" }));
    await waitFor(() => expect(fake.callsTo('building:public').length).toBeGreaterThan(0));
    expect(screen.getByTestId('code-help-office').textContent).toBe('Still nothing? Please ask the building management office.');
  });
});

describe('idle countdown', () => {
  it('offers End now beside Continue; End now ends the session at once, with no "session ended" notice for the next person', async () => {
    const { fake } = await renderApp();
    await toCode();
    await mainProcess(() => fake.startCountdown(15));
    const overlay = screen.getByTestId('countdown-overlay');
    const end = within(overlay).getByRole('button', { name: 'Kết thúc ngay' });
    const keepGoing = within(overlay).getByRole<HTMLButtonElement>('button', { name: 'Tiếp tục' });
    expect(keepGoing).toBeVisible();
    expect(keepGoing.disabled).toBe(false);
    fireEvent.click(end);
    const start = await screen.findByTestId('attract-start');
    expect(start).toBeVisible();
    expect(start.textContent).toContain('Chạm để bắt đầu');
    expect(fake.callsTo('session:end')).toHaveLength(1);
    expect(fake.callsTo('session:continue')).toHaveLength(0);
    expect(screen.queryByTestId('countdown-overlay')).toBeNull();
    expect(screen.queryByText('Phiên trước đã kết thúc để bảo vệ thông tin của bạn.')).toBeNull();
  });

  it('takes the "previous session ended" notice off the attract screen after a while', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fake } = await renderApp();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    fireEvent.click(screen.getByTestId('attract-start'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    await mainProcess(() => fake.lock('idle'));
    expect(screen.getByText('Phiên trước đã kết thúc để bảo vệ thông tin của bạn.')).toBeVisible();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SESSION_ENDED_NOTICE_MS - 1000);
    });
    expect(screen.getByText('Phiên trước đã kết thúc để bảo vệ thông tin của bạn.')).toBeVisible();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(screen.queryByText('Phiên trước đã kết thúc để bảo vệ thông tin của bạn.')).toBeNull();
    expect(screen.getByTestId('attract-start')).toBeVisible();
  });
});
