/**
 * The seeded holiday calendar against the law's rules, with the lunar dates computed by an
 * independent library (date-holidays, Vietnamese lunar calendar), so a wrong date in the data
 * fails here rather than in a resident's deadline.
 */
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { holidaySeed } from '../../../../server/holidays-seed';
import { addDays, endOfVietnamDay, isLocalDate, isWeekend, isWorkingDayBy } from '../../../../server/services/working-days';

const YEARS = [2026, 2027, 2028] as const;
const library = new Holidays('VN');

function libraryDate(year: number, rule: string): string {
  const found = library.getHolidays(year).find((h) => h.rule === rule && h.type === 'public');
  if (!found) throw new Error(`date-holidays has no ${rule} in ${year}`);
  return found.date.slice(0, 10);
}

const seeded = (year: number, kind: string): string[] => holidaySeed.filter((h) => h.localDate.startsWith(`${year}-`) && h.kind === kind).map((h) => h.localDate);

describe('the seeded calendar', () => {
  it('has one row per date, in date order, every date real', () => {
    const dates = holidaySeed.map((h) => h.localDate);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const h of holidaySeed) {
      expect(isLocalDate(h.localDate), h.localDate).toBe(true);
      expect(h.nameVi.length > 0 && h.nameEn.length > 0).toBe(true);
    }
  });

  it.each([
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
  ])('%i: Tết on %s and the Hùng Kings on %s, as the Vietnamese lunar calendar says', (year, tet, hungKings) => {
    expect(libraryDate(year, 'vietnamese 1-0-1')).toBe(tet);
    expect(libraryDate(year, 'vietnamese 3-0-10')).toBe(hungKings);
    const holidays = seeded(year, 'public_holiday');
    // Tết: the last day of the lunar year and the first four of the new one (Labour Code art. 112).
    for (const offset of [-1, 0, 1, 2, 3]) expect(holidays, `Tết ${offset}`).toContain(addDays(tet, offset));
    expect(holidays).not.toContain(addDays(tet, -2));
    expect(holidays).toContain(hungKings);
  });

  it.each(YEARS)('%i: 1/1, 30/4, 1/5, 2/9 and exactly one day next to 2/9; 11 days in all', (year) => {
    const holidays = seeded(year, 'public_holiday');
    for (const md of ['01-01', '04-30', '05-01', '09-02']) expect(holidays).toContain(`${year}-${md}`);
    expect([`${year}-09-01`, `${year}-09-03`].filter((d) => holidays.includes(d))).toHaveLength(1);
    expect(holidays).toHaveLength(11);
  });

  it.each(YEARS)('%i: a holiday on a weekend gives the next working day off, and nothing else does', (year) => {
    const holidays = new Set(seeded(year, 'public_holiday'));
    const expected: string[] = [];
    for (const day of [...holidays].sort()) {
      if (!isWeekend(day)) continue;
      let next = addDays(day, 1);
      while (isWeekend(next) || holidays.has(next) || expected.includes(next)) next = addDays(next, 1);
      expected.push(next);
    }
    expect(seeded(year, 'compensatory_day_off')).toEqual(expected.sort());
  });

  it('declares no working weekend days: those are the government’s yearly decisions, added by operators', () => {
    expect(holidaySeed.filter((h) => h.kind === 'declared_working_day')).toEqual([]);
  });
});

describe('the working-day rule', () => {
  it.each([
    ['2026-11-27', undefined, true],
    ['2026-11-28', undefined, false],
    ['2026-11-29', undefined, false],
    ['2027-02-08', 'public_holiday', false],
    ['2027-02-10', 'compensatory_day_off', false],
    ['2027-02-13', 'declared_working_day', true],
  ] as const)('%s with %s in the calendar: working %s', (day, kind, working) => {
    expect(isWorkingDayBy(day, kind)).toBe(working);
  });

  it('ends a Vietnam day at 23:59:59.999 there, 16:59:59.999 UTC', () => {
    expect(endOfVietnamDay('2027-02-15').toISOString()).toBe('2027-02-15T16:59:59.999Z');
    expect(endOfVietnamDay('2026-12-31').toISOString()).toBe('2026-12-31T16:59:59.999Z');
  });

  it.each(['2027-02-29', '2027-13-01', '27-02-01', '2027-2-1', ''])('refuses %j as a date', (bad) => {
    expect(isLocalDate(bad)).toBe(false);
  });
});
