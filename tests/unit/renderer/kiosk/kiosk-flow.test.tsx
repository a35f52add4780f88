// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/App';
import { mainProcess, press, renderApp, teardown, toBills, toCode, toPhone } from '../render-app';

afterEach(teardown);

describe('attract screen', () => {
  it('shows the building name and starts a session on touch', async () => {
    const { fake } = await renderApp({ buildingName: 'Chung cư Hoa Sen' });
    expect((await screen.findByRole('heading', { name: 'Chung cư Hoa Sen' })).tagName).toBe('H1');
    expect(screen.getByTestId('attract-start').textContent).toContain('Chạm để bắt đầu');
    expect(screen.getByTestId('lang-toggle').hasAttribute('disabled')).toBe(false);
    await toPhone();
    expect(fake.callsTo('session:start')).toHaveLength(1);
    expect(screen.getByTestId('lang-toggle').hasAttribute('disabled')).toBe(false);
  });
});

describe('phone screen', () => {
  it('builds the number from the keypad, grouped for reading', async () => {
    await renderApp();
    await toPhone();
    const display = screen.getByTestId('phone-display');
    press('0912345678');
    expect(display.textContent).toBe('0912 345 678');
    fireEvent.click(screen.getByTestId('keypad-delete'));
    expect(display.textContent).toBe('0912 345 67');
    fireEvent.click(screen.getByTestId('keypad-clear'));
    expect(display.textContent).toBe('');
  });

  it('stops at 11 digits', async () => {
    await renderApp();
    await toPhone();
    press('0241234567899');
    expect(screen.getByTestId('phone-display').textContent).toBe('0241 234 5678');
  });

  it('says an invalid number is invalid, in Vietnamese, without calling the hub', async () => {
    const { fake } = await renderApp();
    await toPhone();
    press('12345');
    fireEvent.click(screen.getByTestId('phone-submit'));
    expect(screen.getByTestId('error-message').textContent).toContain('Số điện thoại không hợp lệ. Số di động 10 chữ số, ví dụ 0912 345 678.');
    expect(fake.callsTo('auth:requestOtp')).toHaveLength(0);
    // Typing again clears the message.
    press('6');
    expect(screen.queryByTestId('error-message')).toBeNull();
  });

  it('sends the number in E.164 and moves to the code screen', async () => {
    const { fake } = await renderApp();
    await toCode('0912345678');
    expect(fake.callsTo('auth:requestOtp')[0]?.request).toEqual({ phone: '+84912345678' });
    // Masked the way the resident typed it, not in the +84 form they never saw.
    expect(screen.getByText(/^Mã đã gửi tới/).textContent).toBe('Mã đã gửi tới 0912 *** 678');
  });

  it('shows the wait for rate_limited as the wait for a new code, not as a fault, with the button held', async () => {
    await renderApp({}, (fake) => fake.failNext('auth:requestOtp', { code: 'rate_limited', message: 'slow down', retryAfterSeconds: 30 }));
    await toPhone();
    press('0912345678');
    fireEvent.click(screen.getByTestId('phone-submit'));
    expect((await screen.findByTestId('phone-wait')).textContent).toMatch(/^Có thể gửi mã mới tới số này sau (30|29) giây\.$/);
    expect(screen.queryByTestId('error-message')).toBeNull();
    expect(screen.queryByTestId('retry')).toBeNull();
    expect(screen.getByTestId('phone-submit').hasAttribute('disabled')).toBe(true);
  });

  it('disables its buttons while the request is in flight and re-enables them after', async () => {
    const { fake } = await renderApp();
    await toPhone();
    press('0912345678');
    const release = fake.hold('auth:requestOtp');
    fireEvent.click(screen.getByTestId('phone-submit'));
    await waitFor(() => expect(screen.getByTestId('phone-submit').hasAttribute('disabled')).toBe(true));
    expect(screen.getByTestId('keypad-5').hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('phone-submit').textContent).toBe('Đang gửi mã…');
    // A second tap while busy sends nothing more.
    fireEvent.click(screen.getByTestId('phone-submit'));
    await act(async () => release());
    await screen.findByTestId('code-display');
    expect(fake.callsTo('auth:requestOtp')).toHaveLength(1);
  });

  it('shows hub_unavailable with a Retry that works, and re-enables the buttons', async () => {
    const { fake } = await renderApp();
    await toPhone();
    press('0912345678');
    fake.setHubDown(true);
    fireEvent.click(screen.getByTestId('phone-submit'));
    const message = await screen.findByTestId('error-message');
    expect(message.textContent).toContain('Dịch vụ tạm thời không khả dụng, vui lòng thử lại.');
    expect(screen.getByTestId('phone-submit').hasAttribute('disabled')).toBe(false);
    expect(screen.getByTestId('keypad-1').hasAttribute('disabled')).toBe(false);
    const retry = screen.getByTestId('retry');
    expect(retry.hasAttribute('disabled')).toBe(false);

    fake.setHubDown(false);
    fireEvent.click(retry);
    await screen.findByTestId('code-display');
    expect(fake.callsTo('auth:requestOtp')).toHaveLength(2);
  });

  it('treats a rejected bridge call like an outage instead of hanging', async () => {
    const { fake } = await renderApp();
    await toPhone();
    press('0912345678');
    fake.api.auth.requestOtp = () => Promise.reject(new Error('socket closed'));
    fireEvent.click(screen.getByTestId('phone-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('Dịch vụ tạm thời không khả dụng');
    expect(screen.getByTestId('phone-submit').hasAttribute('disabled')).toBe(false);
  });

  it('follows the main process after a wrong_state result', async () => {
    const { fake } = await renderApp();
    await toPhone();
    press('0912345678');
    fake.moveSilently('attract');
    fireEvent.click(screen.getByTestId('phone-submit'));
    await screen.findByTestId('attract-start');
    expect(screen.queryByTestId('phone-display')).toBeNull();
    expect(fake.callsTo('session:get').length).toBeGreaterThanOrEqual(2);
  });

  it('Back cancels the session and returns to attract', async () => {
    const { fake } = await renderApp();
    await toPhone();
    fireEvent.click(screen.getByRole('button', { name: 'Quay lại' }));
    await screen.findByTestId('attract-start');
    expect(fake.callsTo('session:end')).toHaveLength(1);
  });
});

describe('code screen', () => {
  it('submits by itself at 6 digits and shows the attempts left after a wrong code', async () => {
    const { fake } = await renderApp();
    await toCode();
    press('00000');
    expect(fake.callsTo('auth:verifyOtp')).toHaveLength(0);
    expect(screen.getByTestId('code-display').textContent).toBe('00000');
    press('0');
    expect((await screen.findByTestId('error-message')).textContent).toContain('Mã không đúng. Còn 4 lần thử.');
    expect(fake.callsTo('auth:verifyOtp')[0]?.request).toEqual({ code: '000000' });
    expect(screen.getByTestId('code-display').textContent).toBe('');
  });

  it('asks for a new code once the code is locked', async () => {
    await renderApp({ attemptsPerCode: 1, resendAfterSeconds: 0 });
    await toCode();
    press('999999');
    expect((await screen.findByTestId('error-message')).textContent).toContain('Bạn đã nhập sai quá nhiều lần. Vui lòng yêu cầu mã mới.');
    expect(screen.getByTestId('keypad-1').hasAttribute('disabled')).toBe(true);
    const resend = screen.getByTestId('code-resend');
    expect(resend.textContent).toBe('Yêu cầu mã mới');
    fireEvent.click(resend);
    expect((await screen.findByText(/^Đã gửi mã mới\. Hãy dùng mã trong tin nhắn mới nhất/)).getAttribute('role')).toBe('status');
    expect(screen.getByTestId('keypad-1').hasAttribute('disabled')).toBe(false);
  });

  it('holds the resend button until resendAfterSeconds have passed', async () => {
    const { fake } = await renderApp({ resendAfterSeconds: 60 });
    await toCode();
    const resend = screen.getByTestId('code-resend');
    expect(resend.hasAttribute('disabled')).toBe(true);
    expect(resend.textContent).toMatch(/^Gửi lại mã sau (60|59) giây$/);
    fireEvent.click(resend);
    expect(fake.callsTo('auth:requestOtp')).toHaveLength(1);
  });

  it('resends to the same number without the renderer sending it: main keeps the number', async () => {
    const { fake } = await renderApp({ resendAfterSeconds: 0 });
    await toCode('0912345678');
    press('999999');
    await screen.findByTestId('error-message');
    fireEvent.click(screen.getByTestId('code-resend'));
    expect((await screen.findByText(/^Đã gửi mã mới\. Hãy dùng mã trong tin nhắn mới nhất/)).getAttribute('role')).toBe('status');
    expect(fake.callsTo('auth:resendOtp').map((c) => c.request)).toEqual([{}]);
    expect(fake.callsTo('auth:requestOtp')).toHaveLength(1);
    expect(screen.getByText(/^Mã đã gửi tới/).textContent).toBe('Mã đã gửi tới 0912 *** 678');
    press('123456');
    expect((await screen.findByTestId('resident-name')).textContent).toBe('Nguyễn Thị Lan');
  });

  it('can resend after the renderer was reloaded on the code screen: the number was never in it', async () => {
    const { fake, unmount } = await renderApp();
    await toCode('0912345678');
    unmount();
    render(<App />);
    const resend = await screen.findByTestId('code-resend');
    expect(resend.hasAttribute('disabled')).toBe(false);
    fireEvent.click(resend);
    expect((await screen.findByText(/^Đã gửi mã mới\. Hãy dùng mã trong tin nhắn mới nhất/)).getAttribute('role')).toBe('status');
    expect(fake.callsTo('auth:resendOtp').map((c) => c.request)).toEqual([{}]);
  });

  it('goes back to the phone screen to change the number', async () => {
    const { fake } = await renderApp();
    await toCode();
    fireEvent.click(screen.getByRole('button', { name: 'Đổi số điện thoại' }));
    const display = await screen.findByTestId('phone-display');
    expect(display.textContent).toBe('0912 345 678');
    expect(fake.callsTo('session:start')).toHaveLength(2);
  });

  it('signs in with the right code', async () => {
    await renderApp();
    await toCode();
    press('123456');
    expect((await screen.findByTestId('resident-name')).textContent).toBe('Nguyễn Thị Lan');
    expect(screen.getByText(/^Căn hộ/).textContent).toBe('Căn hộ A-1203');
  });
});

describe('bills screen', () => {
  it('shows what is to pay first, by month, with VND amounts, statuses and the unpaid total; paid months one tap away', async () => {
    await renderApp();
    await toBills();
    expect(screen.getAllByTestId('month-title').map((h) => h.textContent)).toEqual(['Tháng 11/2026']);

    const rows = screen.getAllByTestId('bill-row');
    expect(rows.map((r) => r.getAttribute('data-bill-id'))).toEqual(['b-nov-elec', 'b-nov-water']);
    expect(rows[0]!.textContent).toContain('Điện');
    expect(rows[0]!.textContent).toContain('Hạn thanh toán: 10/12/2026');
    expect(rows[0]!.textContent).toContain('Chưa thanh toán');
    expect(rows[1]!.textContent).toContain('Quá hạn');
    expect(rows[1]!.querySelector('.badge-overdue')).not.toBeNull();

    expect(screen.getByTestId('unpaid-total').textContent).toContain('999.400 ₫');
    expect(screen.getByRole('button', { name: /^Nước\s*Hạn thanh toán: \d\d\/\d\d\/\d{4}.*187\.000 ₫.*Quá hạn.*Tháng 11\/2026$/ }).closest('[data-bill-id]')?.getAttribute('data-bill-id')).toBe('b-nov-water');

    fireEvent.click(screen.getByTestId('bills-history'));
    expect(screen.getAllByTestId('month-title').map((h) => h.textContent)).toEqual(['Tháng 10/2026', 'Tháng 9/2026']);
    expect(screen.queryAllByTestId('bill-row')).toEqual([]);
    fireEvent.click(screen.getAllByTestId('month-toggle')[0]!);
    const management = screen.getByTestId('bill-row');
    expect(management.textContent).toContain('Phí quản lý');
    expect(management.textContent).toContain('1.234.567 ₫');
    expect(management.textContent).toContain('Đã thanh toán');
  });

  it('opens a bill with its meter readings, and goes back', async () => {
    const { fake } = await renderApp();
    await toBills();
    fireEvent.click(screen.getByRole('button', { name: /^Điện\s*Hạn/ }));
    const detail = await screen.findByTestId('bill-detail');
    expect(detail.textContent).toContain('812.400 ₫');
    expect(detail.textContent).toContain('10/12/2026');
    const meter = within(screen.getByTestId('bill-consumption'));
    // Each reading is its own element (getByText throws otherwise), previous before current before the quantity.
    meter.getByText('10.230');
    meter.getByText('10.542');
    meter.getByText('312 kWh');
    expect(screen.getByTestId('bill-consumption').textContent).toMatch(/10\.230.*10\.542.*312 kWh/);
    await waitFor(() => expect(fake.callsTo('bills:get')[0]?.request).toEqual({ billId: 'b-nov-elec' }));

    fireEvent.click(screen.getByTestId('bill-back'));
    expect(screen.queryByTestId('bill-detail')).toBeNull();
    expect(within(screen.getByTestId('bills-list')).getAllByTestId('bill-row')).toHaveLength(2);
  });

  it('shows when a paid bill was paid, and water in m³', async () => {
    await renderApp();
    await toBills();
    fireEvent.click(screen.getByTestId('bills-history'));
    fireEvent.click(screen.getAllByTestId('month-toggle')[0]!);
    fireEvent.click(screen.getByRole('button', { name: /^Phí quản lý\s*Hạn/ }));
    expect((await screen.findByTestId('bill-detail')).textContent).toContain('20/10/2026 10:00');
    fireEvent.click(screen.getByTestId('bill-back'));
    // Back finds the list as it was left: the paid history, October open.
    expect(screen.getAllByTestId('month-toggle')[0]!.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: /^Phí quản lý\s*Hạn/ })).toBeVisible();
    fireEvent.click(screen.getByTestId('bills-history'));
    fireEvent.click(screen.getByRole('button', { name: /^Nước\s*Hạn/ }));
    expect(within(await screen.findByTestId('bill-consumption')).getByText('17 m³').textContent).toBe('17 m³');
  });

  it('keeps the list while a bill is open: Back shows it again without loading it again', async () => {
    const { fake } = await renderApp();
    await toBills();
    fireEvent.click(screen.getByRole('button', { name: /^Nước\s*Hạn/ }));
    await screen.findByTestId('bill-detail');
    expect(screen.queryByTestId('bills-list')).toBeNull();
    expect(screen.getByTestId('resident-name').textContent).toBe('Nguyễn Thị Lan');
    fireEvent.click(screen.getByTestId('bill-back'));
    expect(within(screen.getByTestId('bills-list')).getAllByTestId('bill-row')).toHaveLength(2);
    expect(fake.callsTo('bills:list')).toHaveLength(1);
  });

  it('starts the next resident at home, not on the bill the last one left open', async () => {
    const { fake } = await renderApp();
    await toBills();
    fireEvent.click(screen.getByRole('button', { name: /^Điện\s*Hạn/ }));
    await screen.findByTestId('bill-detail');
    await mainProcess(() => fake.lock('idle'));
    await toBills();
    expect(screen.queryByTestId('bill-detail')).toBeNull();
    expect(screen.getAllByTestId('bill-row')).toHaveLength(2);
  });

  it('offers a retry when the bills cannot be loaded', async () => {
    await renderApp({}, (fake) => fake.failNext('bills:list', { code: 'hub_unavailable', message: 'down' }));
    await toCode();
    press('123456');
    fireEvent.click(await screen.findByTestId('retry-now'));
    await waitFor(() => expect(screen.queryByTestId('hub-trouble')).toBeNull());
    fireEvent.click(screen.getByTestId('nav-bills'));
    expect(within(await screen.findByTestId('bills-list')).getAllByTestId('bill-row')).toHaveLength(2);
  });

  it('says so when all bills are paid, or there are none', async () => {
    await renderApp({ bills: [] });
    await toBills();
    // The sentence is there (getByText throws otherwise), and instead of rows, not beside them.
    screen.getByText('Bạn chưa có hóa đơn nào.');
    expect(screen.queryAllByTestId('bill-row')).toEqual([]);
    expect(screen.getByTestId('unpaid-total').textContent).toBe('Bạn đã thanh toán tất cả hóa đơn.');
  });

  it('signs out', async () => {
    const { fake } = await renderApp();
    await toBills();
    fireEvent.click(screen.getByTestId('sign-out'));
    await screen.findByTestId('attract-start');
    expect(fake.callsTo('session:end')).toHaveLength(1);
    expect(screen.queryByTestId('resident-name')).toBeNull();
  });
});

describe('idle countdown', () => {
  it('shows the overlay with the seconds left; Continue calls session.continue and closes it', async () => {
    const { fake } = await renderApp();
    await toBills();
    await mainProcess(() => fake.startCountdown(15));
    const overlay = screen.getByTestId('countdown-overlay');
    expect(within(overlay).getByRole('alertdialog', { name: 'Bạn còn ở đó không?' }).getAttribute('aria-modal')).toBe('true');
    expect(screen.getByTestId('countdown-seconds').textContent).toBe('15');
    expect(document.activeElement).toBe(screen.getByTestId('countdown-continue'));

    fireEvent.click(screen.getByTestId('countdown-continue'));
    await waitFor(() => expect(screen.queryByTestId('countdown-overlay')).toBeNull());
    expect(fake.callsTo('session:continue')).toHaveLength(1);
    expect(within(screen.getByTestId('bills-list')).getAllByTestId('bill-row')).toHaveLength(2);
  });

  it('follows a smaller secondsLeft pushed by the main process', async () => {
    const { fake } = await renderApp();
    await toBills();
    await mainProcess(() => fake.startCountdown(15));
    const endsAt = fake.view().countdown!.endsAt;
    await mainProcess(() => fake.startCountdown(7, endsAt));
    expect(screen.getByTestId('countdown-seconds').textContent).toBe('7');
  });
});

describe('activity heartbeat', () => {
  it('sends session.activity on touch, at most once per 5 s', async () => {
    const { fake } = await renderApp();
    await toPhone();
    const before = fake.callsTo('session:activity').length;
    for (let i = 0; i < 5; i++) fireEvent.pointerDown(screen.getByTestId('keypad-1'));
    fireEvent.keyDown(window, { key: '2' });
    expect(fake.callsTo('session:activity').length - before).toBe(1);
  });

  it('sends nothing from the attract screen', async () => {
    const { fake } = await renderApp();
    await screen.findByTestId('attract-start');
    fireEvent.pointerDown(document.body);
    expect(fake.callsTo('session:activity')).toHaveLength(0);
  });
});
