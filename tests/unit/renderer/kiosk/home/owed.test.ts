import { describe, expect, it } from 'vitest';
import { daysBetween, whatIsOwed } from '../../../../../renderer/kiosk/home/owed';
import { bill } from '../../fake-kiot';

describe('what is owed', () => {
  const today = '2026-11-27';

  it('says this month apart from what is late, and how late from the earliest missed due date', () => {
    const owed = whatIsOwed(
      [
        bill({ id: 'nov-e', month: '2026-11', amountVnd: 2_000_000, status: 'unpaid', dueDate: '2026-12-15' }),
        bill({ id: 'nov-w', month: '2026-11', amountVnd: 490_422, status: 'unpaid', dueDate: '2026-12-15' }),
        bill({ id: 'oct-w', month: '2026-10', amountVnd: 187_000, status: 'overdue', dueDate: '2026-11-15' }),
        bill({ id: 'sep-w', month: '2026-09', amountVnd: 100_000, status: 'overdue', dueDate: '2026-10-15', paidVnd: 40_000 }),
        bill({ id: 'aug-w', month: '2026-08', amountVnd: 999_999, status: 'paid', paidVnd: 999_999 }),
      ],
      today,
    );
    expect(owed.current).toEqual({ months: ['2026-11'], amountVnd: 2_490_422, dueDate: '2026-12-15' });
    expect(owed.overdue).toEqual({ amountVnd: 187_000 + 60_000, daysLate: 43, since: '2026-10-15' });
    expect(owed.unpaidIds).toEqual(['sep-w', 'oct-w', 'nov-e', 'nov-w']);
  });

  it('has nothing to say when everything is paid, or there are no bills', () => {
    expect(whatIsOwed([bill({ id: 'a', status: 'paid', paidVnd: 100_000, amountVnd: 100_000 })], today)).toEqual({ current: null, overdue: null, unpaidIds: [] });
    expect(whatIsOwed([], today)).toEqual({ current: null, overdue: null, unpaidIds: [] });
  });

  it('gives the earliest due date when more than one month is still open', () => {
    const owed = whatIsOwed(
      [
        bill({ id: 'nov', month: '2026-11', amountVnd: 10, status: 'unpaid', dueDate: '2026-12-15' }),
        bill({ id: 'dec', month: '2026-12', amountVnd: 20, status: 'unpaid', dueDate: '2027-01-15' }),
      ],
      today,
    );
    expect(owed.current).toEqual({ months: ['2026-11', '2026-12'], amountVnd: 30, dueDate: '2026-12-15' });
    expect(owed.overdue).toBeNull();
  });

  it('counts days across months and years', () => {
    expect(daysBetween('2026-11-15', '2026-11-27')).toBe(12);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
  });
});
