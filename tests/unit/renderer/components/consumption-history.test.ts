import { describe, expect, it } from 'vitest';
import { consumptionHistory, monthOverMonth, previousMonth } from '../../../../renderer/components/consumption-history';
import { bill } from '../fake-kiot';

const water = (month: string, quantity: number): ReturnType<typeof bill> =>
  bill({ id: `w-${month}`, service: 'water', month, consumption: { unit: 'm3', previousReading: 0, currentReading: quantity, quantity } });

describe('consumption history', () => {
  it('steps back across the new year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });

  it('takes the twelve months up to the bill of the same service, with gaps where no reading exists', () => {
    const bills = [water('2026-11', 17), water('2026-10', 15), water('2026-01', 12), water('2025-11', 99), bill({ id: 'e', service: 'electricity', month: '2026-09', consumption: { unit: 'kWh', previousReading: 0, currentReading: 300, quantity: 300 } })];
    const history = consumptionHistory(bills[0]!, bills);
    expect(history.map((h) => h.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(history.map((h) => h.quantity)).toEqual([null, 12, null, null, null, null, null, null, null, null, 15, 17]);
  });

  it('puts the change against last month in whole percent, or says it cannot', () => {
    const at = (prev: number | null, cur: number): ReturnType<typeof monthOverMonth> => monthOverMonth([{ month: '2026-10', quantity: prev }, { month: '2026-11', quantity: cur }]);
    expect(at(100, 112)).toEqual({ kind: 'more', percent: 12 });
    expect(at(200, 150)).toEqual({ kind: 'less', percent: 25 });
    expect(at(1000, 1002)).toEqual({ kind: 'same' });
    expect(at(null, 10)).toEqual({ kind: 'unknown' });
    expect(at(0, 10)).toEqual({ kind: 'unknown' });
  });
});
