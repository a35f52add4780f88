import { describe, expect, it } from 'vitest';
import { groupBillsByMonth, isPartlyPaid, remainingVnd, splitByPayment, unpaidBillIds, unpaidTotal } from '../../../../../renderer/kiosk/bills/bill-groups';
import { bill } from '../../fake-kiot';

describe('bill groups', () => {
  const bills = [
    bill({ id: 'sep-e', month: '2026-09', service: 'electricity', amountVnd: 300_000, status: 'overdue', dueDate: '2026-10-15' }),
    bill({ id: 'sep-w', month: '2026-09', service: 'water', amountVnd: 100_000, status: 'paid', paidVnd: 100_000 }),
    bill({ id: 'oct-m', month: '2026-10', service: 'management', amountVnd: 500_000, status: 'paid', paidVnd: 500_000 }),
    bill({ id: 'nov-w', month: '2026-11', service: 'water', amountVnd: 187_000, status: 'unpaid', dueDate: '2026-12-15', paidVnd: 87_000 }),
    bill({ id: 'nov-e', month: '2026-11', service: 'electricity', amountVnd: 812_400, status: 'unpaid', dueDate: '2026-12-10' }),
  ];

  it('totals each month: all of it, and what is still to pay less what has arrived', () => {
    const groups = groupBillsByMonth(bills);
    expect(groups.map((g) => [g.month, g.totalVnd, g.dueVnd, g.status, g.dueDate, g.unpaidIds])).toEqual([
      ['2026-11', 999_400, 912_400, 'unpaid', '2026-12-10', ['nov-e', 'nov-w']],
      ['2026-10', 500_000, 0, 'paid', null, []],
      ['2026-09', 400_000, 300_000, 'overdue', '2026-10-15', ['sep-e']],
    ]);
  });

  it('puts the months with something to pay first, overdue ones before the rest, and the fully paid ones in the history', () => {
    const { unpaid, paid } = splitByPayment(groupBillsByMonth(bills));
    expect(unpaid.map((g) => g.month)).toEqual(['2026-09', '2026-11']);
    expect(paid.map((g) => g.month)).toEqual(['2026-10']);
  });

  it('counts a part-paid bill by what is still due, everywhere', () => {
    const partial = bills.find((b) => b.id === 'nov-w')!;
    expect(isPartlyPaid(partial)).toBe(true);
    expect(remainingVnd(partial)).toBe(100_000);
    expect(isPartlyPaid(bills.find((b) => b.id === 'nov-e')!)).toBe(false);
    expect(isPartlyPaid(bills.find((b) => b.id === 'oct-m')!)).toBe(false);
    expect(remainingVnd(bills.find((b) => b.id === 'oct-m')!)).toBe(0);
    expect(unpaidTotal(bills)).toBe(300_000 + 100_000 + 812_400);
  });

  it('pays every unpaid bill, oldest month first', () => {
    expect(unpaidBillIds(bills)).toEqual(['sep-e', 'nov-e', 'nov-w']);
    expect(unpaidBillIds([])).toEqual([]);
  });
});
