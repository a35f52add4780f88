/**
 * Vietnam's public holidays for 2026–2028 as the hub first knows them (migration 0010 writes
 * these rows; operators amend them afterwards, see docs/requests-deadlines.md).
 *
 * Labour Code 2019, art. 112: 1/1; Tết Nguyên Đán 5 days (here the last day of the lunar year
 * and the first 4 of the new one); Hùng Kings' day (10/3 lunar); 30/4; 1/5; 2/9 and one day
 * next to it. A holiday on a Saturday or Sunday gives a day off on the next working day
 * (Decree 145/2020). The lunar dates were computed with the Vietnamese lunar calendar and a
 * unit test checks them, and the compensatory days, against the `date-holidays` library.
 *
 * The day next to 2/9 is the government's yearly choice; the seed takes the one that joins a
 * weekend, else the day before. The swaps the government declares for civil servants each year
 * (a working Saturday for a bridge day) are not seeded: they are announced late and an operator
 * adds them. This list is frozen as of migration 0010: later years come with a new migration.
 */
import type { HolidayKind } from './db/holidays';

export type HolidaySeed = {
  /** Vietnam calendar date, `YYYY-MM-DD`. */
  localDate: string;
  kind: HolidayKind;
  nameVi: string;
  nameEn: string;
};

const NEW_YEAR = { nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" } as const;
const LUNAR_EVE = { nameVi: 'Tết Nguyên Đán (ngày cuối năm âm lịch)', nameEn: 'Lunar New Year (last day of the lunar year)' } as const;
const lunar = (day: number): { nameVi: string; nameEn: string } => ({ nameVi: `Tết Nguyên Đán (mùng ${day})`, nameEn: `Lunar New Year (day ${day})` });
const HUNG_KINGS = { nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', nameEn: "Hùng Kings' Commemoration Day" } as const;
const REUNIFICATION = { nameVi: 'Ngày Giải phóng miền Nam, thống nhất đất nước', nameEn: 'Reunification Day' } as const;
const LABOUR = { nameVi: 'Ngày Quốc tế Lao động', nameEn: 'International Labour Day' } as const;
const NATIONAL = { nameVi: 'Quốc khánh', nameEn: 'National Day' } as const;
const NATIONAL_NEXT = { nameVi: 'Quốc khánh (ngày liền kề)', nameEn: 'National Day (adjacent day)' } as const;
const off = (forVi: string, forEn: string): { nameVi: string; nameEn: string } => ({ nameVi: `Nghỉ bù ${forVi}`, nameEn: `Day off in lieu of ${forEn}` });

const holiday = (localDate: string, names: { nameVi: string; nameEn: string }): HolidaySeed => ({ localDate, kind: 'public_holiday', ...names });
const dayOff = (localDate: string, names: { nameVi: string; nameEn: string }): HolidaySeed => ({ localDate, kind: 'compensatory_day_off', ...names });

export const holidaySeed: readonly HolidaySeed[] = [
  // 2026: Tết 17/2 (Tue), Hùng Kings 26/4 (Sun), 2/9 a Wednesday.
  holiday('2026-01-01', NEW_YEAR),
  holiday('2026-02-16', LUNAR_EVE),
  holiday('2026-02-17', lunar(1)),
  holiday('2026-02-18', lunar(2)),
  holiday('2026-02-19', lunar(3)),
  holiday('2026-02-20', lunar(4)),
  holiday('2026-04-26', HUNG_KINGS),
  dayOff('2026-04-27', off('Giỗ Tổ Hùng Vương', "Hùng Kings' Day")),
  holiday('2026-04-30', REUNIFICATION),
  holiday('2026-05-01', LABOUR),
  holiday('2026-09-01', NATIONAL_NEXT),
  holiday('2026-09-02', NATIONAL),

  // 2027: Tết 6/2 (Sat): two of the five days fall on the weekend.
  holiday('2027-01-01', NEW_YEAR),
  holiday('2027-02-05', LUNAR_EVE),
  holiday('2027-02-06', lunar(1)),
  holiday('2027-02-07', lunar(2)),
  holiday('2027-02-08', lunar(3)),
  holiday('2027-02-09', lunar(4)),
  dayOff('2027-02-10', off('Tết Nguyên Đán', 'Lunar New Year')),
  dayOff('2027-02-11', off('Tết Nguyên Đán', 'Lunar New Year')),
  holiday('2027-04-16', HUNG_KINGS),
  holiday('2027-04-30', REUNIFICATION),
  holiday('2027-05-01', LABOUR),
  dayOff('2027-05-03', off('Ngày Quốc tế Lao động', 'Labour Day')),
  holiday('2027-09-02', NATIONAL),
  holiday('2027-09-03', NATIONAL_NEXT),

  // 2028: 1/1 a Saturday, Tết 26/1 (Wed) running into Saturday, 30/4 a Sunday, 2/9 a Saturday.
  holiday('2028-01-01', NEW_YEAR),
  dayOff('2028-01-03', off('Tết Dương lịch', "New Year's Day")),
  holiday('2028-01-25', LUNAR_EVE),
  holiday('2028-01-26', lunar(1)),
  holiday('2028-01-27', lunar(2)),
  holiday('2028-01-28', lunar(3)),
  holiday('2028-01-29', lunar(4)),
  dayOff('2028-01-31', off('Tết Nguyên Đán', 'Lunar New Year')),
  holiday('2028-04-04', HUNG_KINGS),
  holiday('2028-04-30', REUNIFICATION),
  holiday('2028-05-01', LABOUR),
  dayOff('2028-05-02', off('Ngày Giải phóng miền Nam', 'Reunification Day')),
  holiday('2028-09-01', NATIONAL_NEXT),
  holiday('2028-09-02', NATIONAL),
  dayOff('2028-09-04', off('Quốc khánh', 'National Day')),
];
