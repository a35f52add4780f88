// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bill } from '../../fake-kiot';
import { renderApp, teardown, toHome } from '../../render-app';

/** November to pay by 10/12; October's water 12 days late on the 27th of November. */
const homeBills = [
  bill({ id: 'nov-e', service: 'electricity', month: '2026-11', amountVnd: 812_400, dueDate: '2026-12-10', status: 'unpaid' }),
  bill({ id: 'oct-w', service: 'water', month: '2026-10', amountVnd: 187_000, dueDate: '2026-11-15', status: 'overdue' }),
  bill({ id: 'oct-m', service: 'management', month: '2026-10', amountVnd: 500_000, dueDate: '2026-11-15', status: 'paid' }),
];

// The kiosk's own timers (retry countdown, staleness) run on the test's clock.
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-11-27T03:00:00.000Z'));
});

afterEach(() => {
  teardown();
  vi.useRealTimers();
});

async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('home', () => {
  it('lands here after sign-in and says what is owed in one sentence, the overdue part apart with how late', async () => {
    await renderApp({ bills: homeBills });
    await toHome();
    await waitFor(() => expect(screen.getByTestId('home-sentence').textContent).toBe('Tháng 11 cần đóng 812.400 ₫, hạn 10/12'));
    expect(screen.getByTestId('home-overdue').textContent).toBe('!Quá hạn 12 ngày: 187.000 ₫');
    expect(screen.getByTestId('home-pay').textContent).toContain('999.400 ₫');
    expect(screen.getByTestId('home-office').textContent).toContain('024 3718 6868');
    expect(screen.getByTestId('nav-home').getAttribute('aria-current')).toBe('page');
  });

  it('says so in English', async () => {
    await renderApp({ bills: homeBills });
    await toHome();
    fireEvent.click(screen.getAllByTestId('lang-toggle')[0]!);
    await waitFor(() => expect(screen.getByTestId('home-sentence').textContent).toBe('November: 812,400 ₫ due by 10/12'));
    expect(screen.getByTestId('home-overdue').textContent).toBe('!Overdue by 12 days: 187,000 ₫');
  });

  it('tells a resident with nothing to pay so, and offers no payment', async () => {
    await renderApp({ bills: [] });
    await toHome();
    await waitFor(() => expect(screen.getByTestId('home-sentence').textContent).toBe('Bạn không còn khoản nào cần đóng'));
    expect(screen.queryByTestId('home-overdue')).toBeNull();
    expect((screen.getByTestId('home-pay') as HTMLButtonElement).disabled).toBe(true);
  });

  it('Pay goes to the pay screen with every unpaid bill, oldest first', async () => {
    await renderApp();
    await toHome();
    await waitFor(() => expect((screen.getByTestId('home-pay') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('home-pay'));
    await waitFor(() => expect(document.querySelector('[data-location="pay"]')).not.toBeNull());
  });
});

describe('hub trouble', () => {
  it('retries by itself with a countdown and the office phone, and shows the bills once the hub answers', async () => {
    const { fake } = await renderApp({}, (f) => f.failNext('bills:list', { code: 'hub_unavailable', message: 'down' }));
    await toHome();
    await screen.findByTestId('hub-trouble');
    expect(screen.getByTestId('retry-countdown').textContent).toBe('Thử lại sau 15 giây');
    await waitFor(() => expect(screen.getByTestId('office-phone').textContent).toContain('024 3718 6868'));
    await advance(5_000);
    expect(screen.getByTestId('retry-countdown').textContent).toBe('Thử lại sau 10 giây');
    await advance(10_000);
    await waitFor(() => expect(screen.queryByTestId('hub-trouble')).toBeNull());
    expect(fake.callsTo('bills:list')).toHaveLength(2);
    expect(screen.getByTestId('home-sentence').textContent).toContain('812.400 ₫');
  });

  it('keeps the bills already shown, as of when they were read, when a later read fails', async () => {
    const { fake } = await renderApp();
    await toHome();
    await waitFor(() => expect(screen.getByTestId('home-sentence').textContent).toContain('812.400 ₫'));
    fake.failNext('bills:list', { code: 'hub_unavailable', message: 'down' }, 5);
    await advance(61_000);
    fireEvent.click(screen.getByTestId('nav-bills'));
    await screen.findByTestId('hub-trouble');
    // 03:00 UTC is 10:00 in Vietnam.
    expect(screen.getByTestId('bills-as-of').textContent).toBe('Cập nhật lúc 10:00');
    expect(screen.getAllByTestId('bill-row').map((r) => r.getAttribute('data-bill-id'))).toEqual(['b-nov-elec', 'b-nov-water']);
    expect(screen.getByTestId('retry-countdown').textContent).toBe('Thử lại sau 15 giây');
    // Each failed try waits longer before the next.
    await advance(15_000);
    await waitFor(() => expect(screen.getByTestId('retry-countdown').textContent).toBe('Thử lại sau 30 giây'));
    expect(screen.getAllByTestId('bill-row')).toHaveLength(2);
  });
});
