import { describe, expect, it } from 'vitest';
import { groupBillsByMonth, unpaidTotal } from '../../../../renderer/kiosk/bills/bill-groups';
import { groupPhoneDigits } from '../../../../renderer/kiosk/auth/phone-format';
import { createThrottle } from '../../../../renderer/kiosk/session/throttle';
import { isNewLock } from '../../../../renderer/kiosk/session/wipe';
import { bill } from '../fake-kiot';

describe('groupPhoneDigits', () => {
  it('groups 4-3-3 as typed', () => {
    expect(groupPhoneDigits('')).toBe('');
    expect(groupPhoneDigits('091')).toBe('091');
    expect(groupPhoneDigits('09123')).toBe('0912 3');
    expect(groupPhoneDigits('0912345678')).toBe('0912 345 678');
    expect(groupPhoneDigits('02412345678')).toBe('0241 234 5678');
  });
});

describe('groupBillsByMonth', () => {
  it('puts the newest month first and services in the usual order', () => {
    const groups = groupBillsByMonth([
      bill({ id: 'a', month: '2025-12', service: 'water' }),
      bill({ id: 'b', month: '2026-01', service: 'parking' }),
      bill({ id: 'c', month: '2026-01', service: 'electricity' }),
      bill({ id: 'd', month: '2025-12', service: 'electricity' }),
    ]);
    expect(groups.map((g) => [g.month, g.bills.map((b) => b.id)])).toEqual([
      ['2026-01', ['c', 'b']],
      ['2025-12', ['d', 'a']],
    ]);
  });

  it('totals unpaid and overdue bills only', () => {
    expect(
      unpaidTotal([
        bill({ id: 'a', amountVnd: 100, status: 'paid' }),
        bill({ id: 'b', amountVnd: 20, status: 'unpaid' }),
        bill({ id: 'c', amountVnd: 3, status: 'overdue' }),
      ]),
    ).toBe(23);
    expect(unpaidTotal([])).toBe(0);
  });
});

describe('createThrottle', () => {
  it('lets one call through per interval', () => {
    let now = 1000;
    const throttle = createThrottle(5000, () => now);
    let calls = 0;
    const hit = (): void => throttle(() => calls++);
    hit();
    hit();
    now += 4999;
    hit();
    expect(calls).toBe(1);
    now += 1;
    hit();
    expect(calls).toBe(2);
  });
});

describe('isNewLock', () => {
  it('is true only when lastLock.at differs from the one seen', () => {
    expect(isNewLock(null, { lastLock: null })).toBe(false);
    expect(isNewLock(null, { lastLock: { at: '2026-11-25T02:00:00.000Z' } })).toBe(true);
    expect(isNewLock('2026-11-25T02:00:00.000Z', { lastLock: { at: '2026-11-25T02:00:00.000Z' } })).toBe(false);
    expect(isNewLock('2026-11-25T02:00:00.000Z', { lastLock: { at: '2026-11-25T02:05:00.000Z' } })).toBe(true);
  });
});
