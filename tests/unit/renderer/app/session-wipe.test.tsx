// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/App';
import { mainProcess, press, renderApp, teardown, toBills, toPhone } from '../render-app';

afterEach(teardown);

describe('lock (lastLock changes)', () => {
  it('wipes the screen, web storage and the language, and shows attract', async () => {
    const { fake } = await renderApp();
    await toBills();
    fireEvent.click(screen.getByTestId('lang-toggle'));
    expect(screen.getByTestId('sign-out').textContent).toContain('Sign out');
    window.localStorage.setItem('leftover', 'resident data');
    window.sessionStorage.setItem('leftover', 'resident data');

    await mainProcess(() => fake.lock('idle'));

    expect(screen.getByTestId('attract-start').textContent).toContain('Chạm để bắt đầu');
    expect(screen.queryByTestId('resident-name')).toBeNull();
    expect(screen.queryByTestId('bills-list')).toBeNull();
    expect(screen.queryByText('Nguyễn Thị Lan', { exact: false })).toBeNull();
    expect(window.localStorage.length).toBe(0);
    expect(window.sessionStorage.length).toBe(0);
    expect(document.documentElement.lang).toBe('vi');
    // Presence is the point: the next person is told why the screen reset (getByText throws when the notice is missing).
    screen.getByText('Phiên trước đã kết thúc để bảo vệ thông tin của bạn.');
  });

  it('forgets the number typed before the lock', async () => {
    const { fake } = await renderApp();
    await toPhone();
    press('0912345678');
    await mainProcess(() => fake.lock('hardCap'));
    await toPhone();
    expect(screen.getByTestId('phone-display').textContent).toBe('');
  });

  it('closes the countdown overlay on lock', async () => {
    const { fake } = await renderApp();
    await toBills();
    await mainProcess(() => fake.startCountdown(3));
    expect(screen.getByTestId('countdown-seconds').textContent).toBe('3');
    await mainProcess(() => fake.lock('idle'));
    expect(screen.queryByTestId('countdown-overlay')).toBeNull();
    expect(screen.getByTestId('attract-start').textContent).toContain('Chạm để bắt đầu');
  });

  it('does not wipe again for a repeat of the same lock', async () => {
    const { fake } = await renderApp();
    await toBills();
    await mainProcess(() => fake.lock('idle'));
    fireEvent.click(screen.getByTestId('lang-toggle'));
    window.localStorage.setItem('kept', 'yes');
    await mainProcess(() => fake.emitAgain());
    expect(screen.getByTestId('attract-start').textContent).toContain('Touch to start');
    expect(window.localStorage.getItem('kept')).toBe('yes');
    await mainProcess(() => fake.lock('suspend'));
    expect(screen.getByTestId('attract-start').textContent).toContain('Chạm để bắt đầu');
    expect(window.localStorage.length).toBe(0);
  });

  it('clears web storage at startup, where a crashed renderer may have left something', async () => {
    window.localStorage.setItem('from-before', 'x');
    await renderApp();
    await screen.findByTestId('attract-start');
    expect(window.localStorage.length).toBe(0);
  });

  it('stops listening when unmounted', async () => {
    const { fake, unmount } = await renderApp();
    await screen.findByTestId('attract-start');
    expect(fake.listenerCount()).toBe(1);
    unmount();
    expect(fake.listenerCount()).toBe(0);
  });
});

describe('language', () => {
  it('starts in Vietnamese and the toggle switches every string to English and back', async () => {
    await renderApp();
    expect((await screen.findByTestId('attract-start')).textContent).toContain('Chạm để bắt đầu');
    const toggle = screen.getByTestId('lang-toggle');
    // Named by what it shows: the choice of English, not an action called "switch".
    expect(toggle.getAttribute('aria-label')).toBeNull();
    expect(toggle.textContent).toBe('English');
    fireEvent.click(toggle);
    expect(screen.getByTestId('attract-start').textContent).toContain('Touch to start');
    expect(document.documentElement.lang).toBe('en');

    await toPhone();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Enter your phone number');
    expect(screen.getByTestId('phone-submit').textContent).toBe('Send code');
    press('123');
    fireEvent.click(screen.getByTestId('phone-submit'));
    expect(screen.getByTestId('error-message').textContent).toContain('This phone number is not valid.');

    fireEvent.click(screen.getByTestId('lang-toggle'));
    expect(screen.getByTestId('phone-submit').textContent).toBe('Gửi mã');
    expect(screen.getByTestId('error-message').textContent).toContain('Số điện thoại không hợp lệ');
  });

  it('tells the main process the language the resident chose', async () => {
    const { fake } = await renderApp();
    fireEvent.click(await screen.findByTestId('lang-toggle'));
    fireEvent.click(screen.getByTestId('lang-toggle'));
    await waitFor(() => expect(fake.callsTo('session:setLocale').map((c) => c.request)).toEqual([{ locale: 'en' }, { locale: 'vi' }]));
  });

  it('shows English bills with English formatting', async () => {
    await renderApp();
    await toBills();
    fireEvent.click(screen.getByTestId('lang-toggle'));
    expect(screen.getAllByTestId('month-title').map((h) => h.textContent)).toEqual(['November 2026']);
    fireEvent.click(screen.getByTestId('bills-history'));
    expect(screen.getAllByTestId('month-title').map((h) => h.textContent)).toEqual(['October 2026', 'September 2026']);
    fireEvent.click(screen.getAllByTestId('month-toggle')[0]!);
    const management = screen.getByTestId('bill-row');
    expect(management.textContent).toContain('Management fee');
    expect(management.textContent).toContain('1,234,567 ₫');
    expect(management.textContent).toContain('Paid');
  });

  it('follows the building default language from app.info, and returns to it on lock', async () => {
    const { fake } = await renderApp({ defaultLocale: 'en' });
    expect((await screen.findByTestId('attract-start')).textContent).toContain('Touch to start');
    fireEvent.click(screen.getByTestId('lang-toggle'));
    await toBills();
    await mainProcess(() => fake.lock('idle'));
    expect(screen.getByTestId('attract-start').textContent).toContain('Touch to start');
  });
});

describe('startup', () => {
  it('shows a retryable error screen when app.info fails, then recovers', async () => {
    const { fake } = await renderApp({}, (f) => f.failNext('app:info', { code: 'hub_unavailable', message: 'down' }));
    expect((await screen.findByTestId('error-message')).textContent).toContain('Dịch vụ tạm thời không khả dụng, vui lòng thử lại.');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Máy tạm thời chưa sẵn sàng');
    expect(screen.getByTestId('lang-toggle').hasAttribute('disabled')).toBe(false);
    fireEvent.click(screen.getByTestId('retry'));
    expect((await screen.findByTestId('attract-start')).textContent).toContain('Chạm để bắt đầu');
    expect(screen.queryByTestId('error-message')).toBeNull();
    expect(fake.callsTo('app:info')).toHaveLength(2);
    // The retry replaced the first subscription rather than adding a second one.
    await waitFor(() => expect(fake.listenerCount()).toBe(1));
  });

  it('shows the error screen when there is no window.kiot at all', () => {
    render(<App getApi={() => undefined} />);
    expect(screen.getByTestId('error-message').textContent).toContain('Đã có lỗi xảy ra');
    expect(screen.getByTestId('retry').hasAttribute('disabled')).toBe(false);
  });

  it('resumes on the screen the main process is on', async () => {
    await renderApp({}, (fake) => fake.signIn());
    expect((await screen.findByTestId('resident-name')).textContent).toBe('Nguyễn Thị Lan');
  });
});
