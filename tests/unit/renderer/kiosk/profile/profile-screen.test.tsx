// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REVEAL_MS } from '../../../../../renderer/kiosk/profile/ProfileFields';
import { press, renderApp, teardown, toBills } from '../../render-app';

afterEach(() => {
  vi.useRealTimers();
  teardown();
});

async function openProfile(): Promise<void> {
  await toBills();
  fireEvent.click(screen.getByTestId('nav-privacy'));
  fireEvent.click(await screen.findByTestId('privacy-profile'));
  await screen.findByTestId('profile-value-phone');
}

describe('my information', () => {
  it('masks every field, reveals one at a time on a tap, and hides it again after a few seconds', async () => {
    await renderApp();
    await openProfile();
    const phone = screen.getByTestId('profile-value-phone');
    const email = screen.getByTestId('profile-value-email');
    expect(phone.textContent).toBe('09•• ••• 678');
    expect(email.textContent).toBe('l•••@gmail.com');
    expect(screen.getByTestId('profile-value-name').textContent).toBe('N. T. L.');

    vi.useFakeTimers({ shouldAdvanceTime: true });
    fireEvent.click(screen.getByTestId('profile-reveal-phone'));
    expect(phone.textContent).toBe('0912345678');
    fireEvent.click(screen.getByTestId('profile-reveal-email'));
    expect(email.textContent).toBe('lan.nguyen@gmail.com');
    expect(phone.textContent).toBe('09•• ••• 678');
    act(() => void vi.advanceTimersByTime(REVEAL_MS - 100));
    expect(email.textContent).toBe('lan.nguyen@gmail.com');
    act(() => void vi.advanceTimersByTime(200));
    expect(email.textContent).toBe('l•••@gmail.com');
  });

  it('changes the phone with both codes, saying how many tries are left after a wrong one', async () => {
    const { fake } = await renderApp();
    await openProfile();
    fireEvent.click(screen.getByTestId('profile-change-phone'));
    press('0987654321');
    fireEvent.click(screen.getByTestId('profile-has-old-yes'));
    fireEvent.click(screen.getByTestId('profile-phone-send'));
    await screen.findByTestId('profile-code-new');
    press('000000');
    expect((await screen.findByTestId('error-message')).textContent).toContain('Mã không đúng. Còn 4 lần thử.');
    press('123456');
    await screen.findByTestId('profile-code-old');
    press('123456');
    expect((await screen.findByTestId('profile-notice')).textContent).toBe('Đã đổi thành công.');
    expect(fake.callsTo('profile:verifyContactChange').map((c) => (c.request as { target: string }).target)).toEqual(['new', 'new', 'old']);
  });

  it('offers the code again once the resend interval is over', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { fake } = await renderApp();
    await openProfile();
    fireEvent.click(screen.getByTestId('profile-change-phone'));
    press('0987654321');
    fireEvent.click(screen.getByTestId('profile-has-old-yes'));
    fireEvent.click(screen.getByTestId('profile-phone-send'));
    const resend = await screen.findByTestId('profile-code-resend');
    expect(resend.textContent).toBe('Gửi lại mã sau 60 giây');
    expect((resend as HTMLButtonElement).disabled).toBe(true);
    act(() => void vi.advanceTimersByTime(60_500));
    await vi.waitFor(() => expect(resend.textContent).toBe('Gửi lại mã'));
    fireEvent.click(resend);
    await vi.waitFor(() => expect(fake.callsTo('profile:startContactChange')).toHaveLength(2));
    expect(fake.callsTo('profile:startContactChange')[1]?.request).toEqual({ kind: 'phone', newPhone: '0987654321', hasOldPhone: true });
    // New codes: the wait starts over.
    await vi.waitFor(() => expect(screen.getByTestId('profile-code-resend').textContent).toBe('Gửi lại mã sau 60 giây'));
  });

  it('says a contact change needs the building system when it cannot be reached', async () => {
    const { fake } = await renderApp();
    await openProfile();
    fireEvent.click(screen.getByTestId('profile-change-phone'));
    press('0987654321');
    fireEvent.click(screen.getByTestId('profile-has-old-no'));
    fake.failNext('profile:startContactChange', { code: 'hub_unavailable', message: 'down' });
    fireEvent.click(screen.getByTestId('profile-phone-send'));
    expect((await screen.findByTestId('error-message')).textContent).toMatch(/cần kết nối đến hệ thống để gửi mã/);
  });

  it('refuses a name with digits on the spot, without sending it', async () => {
    const { fake } = await renderApp();
    await openProfile();
    fireEvent.click(screen.getByTestId('profile-change-name'));
    fireEvent.click(screen.getByTestId('key-clear'));
    fireEvent.click(screen.getByTestId('key-clear-yes'));
    expect(screen.getByTestId('profile-text-display').textContent).toBe('');
    fireEvent.keyDown(window, { key: 'A' });
    fireEvent.keyDown(window, { key: 'n' });
    fireEvent.keyDown(window, { key: '2' });
    fireEvent.click(screen.getByTestId('profile-text-send'));
    expect((await screen.findByTestId('error-message')).textContent).toBe('Họ tên cần từ 2 đến 100 chữ cái, không có số.');
    expect(fake.callsTo('profile:requestCorrection')).toEqual([]);
  });

  it('shows a correction saved on this kiosk in the list of changes', async () => {
    await renderApp();
    await openProfile();
    fireEvent.click(screen.getByTestId('profile-change-address'));
    for (const key of '12 Le Loi') fireEvent.keyDown(window, { key });
    fireEvent.click(screen.getByTestId('profile-text-send'));
    await screen.findByTestId('profile-notice');
    const state = await screen.findByTestId('profile-history-state');
    expect(state.textContent).toBe('Đã lưu trên máy này, sẽ gửi khi có mạng');
  });
});
