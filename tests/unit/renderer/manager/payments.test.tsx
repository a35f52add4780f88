// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManagerConsole } from '../../../../renderer/app/ManagerConsole';
import { createQueryClient } from '../../../../renderer/app/query-client';
import { KiotProvider } from '../../../../renderer/components/KiotProvider';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { addConsoleResources } from '../../../../renderer/i18n/console-resources';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';
import type { StaffRole } from '../../../../shared/domain';
import { bill, createFakeKiot } from '../fake-kiot';
import type { FakeKiot } from '../fake-kiot';
import { teardown } from '../render-app';
import { bankTransfer } from './payments-fake';
import type { FakeConsolePaymentsOptions } from './payments-fake';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});
afterEach(() => {
  teardown();
  vi.restoreAllMocks();
});

function renderPayments(consolePayments: FakeConsolePaymentsOptions, role: StaffRole = 'manager'): FakeKiot {
  const fake = createFakeKiot({ mode: 'manager', consolePayments: { ...consolePayments, role }, staff: { staff: { fullName: 'Nguyễn Thị Lan', role, buildingId: 'b-1' } } });
  render(
    <I18nProvider i18n={addConsoleResources(createI18n('vi'))}>
      <KiotProvider api={fake.api}>
        <ManagerConsole queryClient={createQueryClient()} initialPath="/payments" />
      </KiotProvider>
    </I18nProvider>,
  );
  return fake;
}

const transfers = [bankTransfer({ id: 't1', content: 'CK TIEN NHA THANG 11', amountVnd: 845_000 }), bankTransfer({ id: 't2', match: 'matched', content: 'KT7H3M9Q2X' })];
const bills = [bill({ id: 'b1', unitLabel: 'A-1203', service: 'electricity', amountVnd: 845_000 }), bill({ id: 'b2', unitLabel: 'A-1203', status: 'paid' })];

describe('the unmatched transfers page', () => {
  it('matches a transfer to a picked bill with a reason; without a bill it says so and sends nothing', async () => {
    const fake = renderPayments({ transfers, bills });
    const table = await screen.findByTestId('transfers-table');
    await waitFor(() => expect(within(table).getAllByTestId('transfer-content')).toHaveLength(1));
    fireEvent.click(within(table).getByTestId('transfer-match-open'));
    const dialog = await screen.findByTestId('match-dialog');
    fireEvent.click(within(dialog).getAllByRole('radio')[0]!);
    fireEvent.click(within(dialog).getByTestId('match-dialog-confirm'));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Hãy chọn ít nhất một hóa đơn.');
    expect(fake.callsTo('consolePayments:matchTransfer')).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('match-unit'), { target: { value: 'A-1203' } });
    fireEvent.click(within(dialog).getByTestId('match-unit-search'));
    // Only the unpaid bill is offered.
    const picks = await within(dialog).findAllByTestId('match-bill');
    expect(picks).toHaveLength(1);
    fireEvent.click(within(picks[0]!).getByRole('checkbox'));
    expect(within(dialog).getByTestId('match-sum').textContent).toBe('Đã chọn 845.000 ₫ trên khoản chuyển 845.000 ₫');
    fireEvent.click(within(dialog).getByTestId('match-dialog-confirm'));
    await waitFor(() => expect(screen.queryByTestId('match-dialog')).toBeNull());
    expect(fake.callsTo('consolePayments:matchTransfer').map((c) => c.request)).toEqual([{ transferId: 't1', billIds: ['b1'], reason: 'Cư dân xác nhận đây là tiền hóa đơn' }]);
    await waitFor(() => expect(screen.getByTestId('transfers-total').textContent).toBe('0 khoản'));
  });

  it('offers care staff no match, set-aside or cash buttons', async () => {
    renderPayments({ transfers, bills }, 'care');
    const table = await screen.findByTestId('transfers-table');
    await waitFor(() => expect(within(table).getAllByTestId('transfer-content')).toHaveLength(1));
    expect(within(table).queryByTestId('transfer-match-open')).toBeNull();
    expect(within(table).queryByTestId('transfer-ignore-open')).toBeNull();
  });
});
