// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { bill } from '../../fake-kiot';
import { press, renderApp, teardown, toCode } from '../../render-app';

afterEach(teardown);

const elec = (month: string, quantity: number, status: 'paid' | 'unpaid' = 'paid'): ReturnType<typeof bill> =>
  bill({ id: `e-${month}`, service: 'electricity', month, status, amountVnd: quantity * 2_500, consumption: { unit: 'kWh', previousReading: 0, currentReading: quantity, quantity } });

async function openBill(id: string, english = false): Promise<void> {
  await toCode();
  press('123456');
  if (english) fireEvent.click(await screen.findByTestId('lang-toggle'));
  fireEvent.click(await screen.findByTestId('nav-bills'));
  const row = (await screen.findAllByTestId('bill-row')).find((r) => r.getAttribute('data-bill-id') === id);
  fireEvent.click(row!);
  await screen.findByTestId('bill-detail');
}

describe('bill detail: consumption chart', () => {
  it("says how this month compares with the last, and lists the twelve months for screen readers", async () => {
    await renderApp({ bills: [elec('2026-09', 280), elec('2026-10', 250), elec('2026-11', 280, 'unpaid')] });
    await openBill('e-2026-11');
    const chart = await screen.findByTestId('consumption-chart');
    expect(within(chart).getByTestId('consumption-change').textContent).toBe('Tăng 12% so với tháng trước');
    const rows = within(within(chart).getByTestId('consumption-table')).getAllByRole('row');
    expect(rows).toHaveLength(13);
    expect(rows.at(-1)!.textContent).toBe('Tháng 11/2026280 kWh');
    expect(rows.at(-2)!.textContent).toBe('Tháng 10/2026250 kWh');
    expect(rows[1]!.textContent).toBe('Tháng 12/2025—');
    // An unpaid bill can be paid from here; Back stays first, in sight.
    expect(screen.getByTestId('bill-pay').textContent).toBe('Thanh toán hóa đơn này');
  });

  it('in English, a fall', async () => {
    await renderApp({ bills: [elec('2026-10', 400), elec('2026-11', 300, 'unpaid')] });
    await openBill('e-2026-11', true);
    expect((await screen.findByTestId('consumption-change')).textContent).toBe('25% less than last month');
    expect(screen.getByTestId('bill-pay').textContent).toBe('Pay this bill');
  });

  it('draws no chart for an unmetered bill', async () => {
    await renderApp({ bills: [bill({ id: 'm', service: 'management', month: '2026-11' })] });
    await openBill('m');
    expect(screen.queryByTestId('consumption-chart')).toBeNull();
  });
});
