// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bill, demoBills } from '../../fake-kiot';
import type { FakeKiot } from '../../fake-kiot';
import { press, renderApp, teardown, toCode } from '../../render-app';

afterEach(() => {
  vi.useRealTimers();
  teardown();
});

/** Signed in, wherever the first screen is (home or the bills). */
async function toBills(): Promise<void> {
  await toCode();
  press('123456');
  await screen.findByTestId('nav-bills');
}

async function openBill(id: string): Promise<void> {
  fireEvent.click(screen.getByTestId('nav-bills'));
  await screen.findByTestId('bills-list');
  const row = (await screen.findAllByTestId('bill-row')).find((r) => r.getAttribute('data-bill-id') === id);
  if (!row) throw new Error(`no row for ${id}`);
  fireEvent.click(row);
  await screen.findByTestId('bill-detail');
}

async function payFromDetail(id: string): Promise<void> {
  await openBill(id);
  fireEvent.click(await screen.findByTestId('bill-pay'));
  await screen.findByTestId('pay-code');
}

async function arrive(fake: FakeKiot, amount: number): Promise<void> {
  await act(async () => {
    fake.payments.arrive(amount);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('pay screen', () => {
  it('shows the QR code with the account, amount and spaced code, then the confirmation, and the bill turns paid', async () => {
    const { fake } = await renderApp();
    await toBills();
    await payFromDetail('b-nov-elec');
    expect(fake.callsTo('payments:create').map((c) => c.request)).toEqual([{ billIds: ['b-nov-elec'] }]);
    expect(screen.getByTestId('pay-bank').textContent).toBe('Vietcombank');
    expect(screen.getByTestId('pay-account').textContent).toBe('0011 0045 6789 0');
    expect(screen.getByTestId('pay-account-name').textContent).toBe('BAN QUAN TRI CHUNG CU SONG HONG');
    expect(screen.getByTestId('pay-amount').textContent).toBe('812.400 ₫');
    expect(screen.getByTestId('pay-code').textContent).toBe('KT 7H3M 9Q2X');
    const qr = await screen.findByTestId('pay-qr');
    expect(qr.getAttribute('aria-label')).toBe('Mã QR chuyển 812.400 ₫ vào tài khoản 0011004567890, nội dung KT7H3M9Q2X');
    // A real symbol, drawn from the payload: many dark modules.
    expect(qr.querySelector('path')!.getAttribute('d')!.split('M').length).toBeGreaterThan(300);
    const waiting = await screen.findByText('Đang chờ ngân hàng xác nhận…');
    expect(waiting).toBeVisible();
    // Inside the polite status region: a screen reader hears the wait, then the money.
    expect(waiting.closest('[role="status"]')).toBe(screen.getByTestId('pay-status'));

    // The first wait asks at once; the next one waits for a change from "open".
    await vi.waitFor(() => expect(fake.callsTo('payments:wait').at(-1)?.request).toEqual({ id: 'pi_1', seen: 'open' }));
    await arrive(fake, 812_400);
    expect((await screen.findByTestId('pay-received')).textContent).toBe('✓ Đã nhận 812.400 ₫');
    expect(screen.queryByTestId('pay-qr')).toBeNull();
    const paid = screen.getByTestId('pay-bills').querySelector<HTMLElement>('li[data-bill-id="b-nov-elec"]')!;
    expect(within(paid).getByText('Đã thanh toán')).toBeVisible();
    expect(within(paid).getByText('812.400 ₫')).toBeVisible();

    // Done goes to the bills, where the bill is paid now.
    fireEvent.click(screen.getByTestId('pay-done'));
    const row = (await screen.findAllByTestId('bill-row')).find((r) => r.getAttribute('data-bill-id') === 'b-nov-elec');
    expect(row?.className).toContain('bill-row-paid');
    expect(fake.callsTo('payments:cancel')).toHaveLength(0);
  });

  it('says aloud what arrived where speech exists, in English, and a partial payment shows what is still due', async () => {
    const spoken: { text: string; lang: string }[] = [];
    class Utterance {
      lang = '';
      constructor(readonly text: string) {}
    }
    vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
    vi.stubGlobal('speechSynthesis', { speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang }) });
    try {
      const { fake } = await renderApp({ bills: [...demoBills, bill({ id: 'b-big', service: 'repairs', month: '2026-11', amountVnd: 1_250_000 })] });
      await toBills();
      fireEvent.click(screen.getByTestId('lang-toggle'));
      await payFromDetail('b-big');
      expect(screen.getByTestId('pay-amount').textContent).toBe('1,250,000 ₫');
      await vi.waitFor(() => expect(fake.callsTo('payments:wait').at(-1)?.request).toEqual({ id: 'pi_1', seen: 'open' }));
      await arrive(fake, 1_000_000);
      expect((await screen.findByTestId('pay-received')).textContent).toBe('Received 1,000,000 ₫');
      expect(screen.getByTestId('pay-due').textContent).toBe('Still due: 250,000 ₫.');
      expect(spoken).toEqual([]);
      await arrive(fake, 250_000);
      await vi.waitFor(() => expect(screen.getByTestId('pay-received').textContent).toBe('✓ Received 1,250,000 ₫'));
      expect(spoken).toEqual([{ text: 'Received 1,250,000 ₫', lang: 'en-US' }]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('tells an overpaying resident that the office will contact them', async () => {
    const { fake } = await renderApp();
    await toBills();
    await payFromDetail('b-nov-water');
    await vi.waitFor(() => expect(fake.callsTo('payments:wait').at(-1)?.request).toEqual({ id: 'pi_1', seen: 'open' }));
    await arrive(fake, 200_000);
    expect((await screen.findByTestId('pay-overpaid')).textContent).toBe('Số tiền nhận được nhiều hơn số cần đóng. Ban quản lý sẽ liên hệ với bạn.');
    expect(screen.getByTestId('pay-received').textContent).toBe('Đã nhận 200.000 ₫');
  });

  it('keeps the QR code when the hub cannot be reached while waiting, says the confirmation will come, and picks up again', async () => {
    const { fake } = await renderApp();
    await toBills();
    await openBill('b-nov-elec');
    fake.failNext('payments:wait', { code: 'hub_unavailable', message: 'down' });
    fireEvent.click(screen.getByTestId('bill-pay'));
    expect((await screen.findByTestId('pay-offline')).textContent).toContain('xác nhận sẽ hiện trong danh sách hóa đơn sau');
    const qr = await screen.findByTestId('pay-qr');
    expect(qr).toBeVisible();
    expect(qr.getAttribute('aria-label')).toContain('nội dung KT7H3M9Q2X');
    expect(screen.getByTestId('pay-code').textContent).toBe('KT 7H3M 9Q2X');
    // After a pause the screen asks again, and then waits for the money.
    await vi.waitFor(() => expect(fake.callsTo('payments:wait').at(-1)?.request).toEqual({ id: 'pi_1', seen: 'open' }), { timeout: 8000 });
    expect(screen.queryByTestId('pay-offline')).toBeNull();
    await arrive(fake, 812_400);
    expect((await screen.findByTestId('pay-received')).textContent).toBe('✓ Đã nhận 812.400 ₫');
  }, 15_000);

  it('cannot make a code without the hub: says so with a retry, and Back leaves without cancelling anything', async () => {
    const { fake } = await renderApp();
    await toBills();
    await openBill('b-nov-elec');
    fake.failNext('payments:create', { code: 'hub_unavailable', message: 'down' });
    fireEvent.click(screen.getByTestId('bill-pay'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('Chưa tạo được mã thanh toán');
    fireEvent.click(screen.getByTestId('retry'));
    expect((await screen.findByTestId('pay-code')).textContent).toBe('KT 7H3M 9Q2X');
    fireEvent.click(screen.getByTestId('pay-back'));
    await screen.findByTestId('bill-detail');
    expect(fake.callsTo('payments:cancel')).toHaveLength(0);
  });

  it('offers no payment for a paid bill', async () => {
    await renderApp();
    await toBills();
    fireEvent.click(screen.getByTestId('nav-bills'));
    fireEvent.click(await screen.findByTestId('bills-history'));
    for (const toggle of await screen.findAllByTestId('month-toggle')) if (toggle.getAttribute('aria-expanded') === 'false') fireEvent.click(toggle);
    const row = (await screen.findAllByTestId('bill-row')).find((r) => r.getAttribute('data-bill-id') === 'b-oct-mgmt');
    fireEvent.click(row!);
    await screen.findByTestId('bill-detail');
    expect(screen.queryByTestId('bill-pay')).toBeNull();
    const back = screen.getByTestId<HTMLButtonElement>('bill-back');
    expect(back).toBeVisible();
    expect(back.disabled).toBe(false);
  });
});
