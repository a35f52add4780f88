/**
 * The law's working-day deadlines against the holiday calendar as migration 0010 seeds it, on
 * SQLite and PostgreSQL: weekends, Tết 2026–2028 (Tết 2027 starts on a Saturday and gives two
 * days off in lieu), the Hùng Kings, 30/4–1/5, 2/9, the compensatory days off, a declared working
 * Saturday, and operators' amendments changing the next answer on every hub sharing the database.
 * Instants are written in Vietnam time; the answers are the end of a Vietnam day in UTC.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { getHoliday, listHolidaysOfYear } from '../../../server/db/holidays';
import { migrateToLatest } from '../../../server/db/migrate';
import { createHolidayCalendar } from '../../../server/services/holiday-calendar';
import type { HolidayCalendar } from '../../../server/services/holiday-calendar';
import { createWorkingDays } from '../../../server/services/working-days';
import type { WorkingDays } from '../../../server/services/working-days';
import { createMemoryLogger } from '../../fixtures/memory-logger';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { createTestClock, T0 } from './helpers';

/** `npm run holidays -- …` against the database, as an operator would run it. */
function runCli(database: string, args: string[]): Promise<{ exitCode: number; stdout: string; output: string }> {
  return new Promise((resolve) => {
    execFile('node_modules/.bin/tsx', ['server/holidays-cli.ts', ...args], { env: { ...process.env, KIOT_DB: database }, timeout: 60_000 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ exitCode, stdout, output: `${stdout}${stderr}` });
    });
  });
}

/** Two working days after the day of receipt, the acknowledgement deadline. */
const ACK = 2;

const deadlines: { why: string; received: string; n: number; due: string }[] = [
  { why: 'received on a Friday: Monday and Tuesday', received: '2026-11-27T10:00:00+07:00', n: ACK, due: '2026-12-01T16:59:59.999Z' },
  { why: 'late on a Thursday in Vietnam: Friday and Monday', received: '2026-11-26T23:30:00+07:00', n: ACK, due: '2026-11-30T16:59:59.999Z' },
  { why: 'just after midnight on a Friday in Vietnam (still Thursday in UTC): Monday and Tuesday', received: '2026-11-27T00:30:00+07:00', n: ACK, due: '2026-12-01T16:59:59.999Z' },
  { why: 'on a Saturday: Monday and Tuesday', received: '2026-11-28T15:00:00+07:00', n: ACK, due: '2026-12-01T16:59:59.999Z' },
  { why: 'zero working days: the end of the day of receipt', received: '2026-11-27T10:00:00+07:00', n: 0, due: '2026-11-27T16:59:59.999Z' },
  { why: 'Tết 2026 (16–20/2, between two weekends)', received: '2026-02-13T09:00:00+07:00', n: ACK, due: '2026-02-24T16:59:59.999Z' },
  { why: 'Tết 2027: Thursday 4/2, break 5–9/2 and days off in lieu 10–11/2, then Friday 12/2 and Monday 15/2', received: '2027-02-04T09:00:00+07:00', n: ACK, due: '2027-02-15T16:59:59.999Z' },
  { why: 'Tết 2027: received on the first day of Tết', received: '2027-02-06T09:00:00+07:00', n: ACK, due: '2027-02-15T16:59:59.999Z' },
  { why: 'Tết 2028 (25–29/1, Saturday 29/1 in lieu on Monday 31/1)', received: '2028-01-24T09:00:00+07:00', n: ACK, due: '2028-02-02T16:59:59.999Z' },
  { why: 'Hùng Kings 2027 on a Friday', received: '2027-04-15T09:00:00+07:00', n: ACK, due: '2027-04-20T16:59:59.999Z' },
  { why: 'Hùng Kings 2026 on a Sunday, Monday 27/4 off in lieu', received: '2026-04-24T09:00:00+07:00', n: ACK, due: '2026-04-29T16:59:59.999Z' },
  { why: 'Hùng Kings 2028 on a Tuesday', received: '2028-04-03T09:00:00+07:00', n: ACK, due: '2028-04-06T16:59:59.999Z' },
  { why: '30/4 and 1/5 2026 on Thursday and Friday', received: '2026-04-29T09:00:00+07:00', n: ACK, due: '2026-05-05T16:59:59.999Z' },
  { why: '1/5 2027 a Saturday, Monday 3/5 off in lieu', received: '2027-04-29T09:00:00+07:00', n: ACK, due: '2027-05-05T16:59:59.999Z' },
  { why: '30/4 2028 a Sunday, 1/5 on Monday, Tuesday 2/5 off in lieu', received: '2028-04-28T09:00:00+07:00', n: ACK, due: '2028-05-04T16:59:59.999Z' },
  { why: '2/9 2026 with 1/9', received: '2026-08-31T09:00:00+07:00', n: ACK, due: '2026-09-04T16:59:59.999Z' },
  { why: '2/9 2027 with 3/9, into the weekend', received: '2027-09-01T09:00:00+07:00', n: ACK, due: '2027-09-07T16:59:59.999Z' },
  { why: '2/9 2028 a Saturday with 1/9, Monday 4/9 off in lieu', received: '2028-08-31T09:00:00+07:00', n: ACK, due: '2028-09-06T16:59:59.999Z' },
  { why: '1/1 2028 a Saturday, Monday 3/1 off in lieu', received: '2027-12-31T09:00:00+07:00', n: ACK, due: '2028-01-05T16:59:59.999Z' },
  { why: 'many working days across Tết 2027 (more than one read of the calendar)', received: '2027-01-25T09:00:00+07:00', n: 30, due: '2027-03-15T16:59:59.999Z' },
];

describe.each(backends)('the holiday calendar and working days on $name', (backend) => {
  const clock = createTestClock(T0);
  const logs = createMemoryLogger('hub');
  let database: TestDatabase;
  // Two connections, as two hub instances sharing the database would have.
  let db: HubDb;
  let other: HubDb;
  let workingDays: WorkingDays;
  let otherWorkingDays: WorkingDays;
  let calendar: HolidayCalendar;

  beforeAll(async () => {
    database = await backend.create();
    db = openDatabase(database.url);
    await migrateToLatest(db, clock.now);
    other = openDatabase(database.url);
    workingDays = createWorkingDays({ db });
    otherWorkingDays = createWorkingDays({ db: other });
    calendar = createHolidayCalendar({ db, clock: clock.now, logger: logs.logger });
  });

  afterAll(async () => {
    await db?.destroy();
    await other?.destroy();
    await database?.drop();
  });

  it('is seeded for 2026, 2027 and 2028 with names in both languages', async () => {
    for (const [year, count] of [[2026, 12], [2027, 14], [2028, 15]] as const) expect((await listHolidaysOfYear(db, year)).length, String(year)).toBe(count);
    expect(await getHoliday(db, '2027-02-06')).toMatchObject({ local_date: '2027-02-06', kind: 'public_holiday', name_vi: 'Tết Nguyên Đán (mùng 1)', name_en: 'Lunar New Year (day 1)', source: 'seed' });
    expect(await getHoliday(db, '2027-02-10')).toMatchObject({ kind: 'compensatory_day_off', source: 'seed' });
  });

  it.each(deadlines)('$why', async ({ received, n, due }) => {
    expect((await workingDays.endOfWorkingDaysAfter(new Date(received), n)).toISOString()).toBe(due);
  });

  it.each([
    ['2027-02-05', false],
    ['2027-02-10', false],
    ['2027-02-12', true],
    ['2026-11-28', false],
    ['2026-11-30', true],
    ['2026-09-01', false],
    ['2026-09-03', true],
  ] as const)('%s is a working day: %s', async (day, working) => {
    expect(await workingDays.isWorkingDay(day)).toBe(working);
  });

  it('counts a declared working Saturday, on every hub instance, from the next call', async () => {
    const received = new Date('2027-02-04T09:00:00+07:00');
    expect((await otherWorkingDays.endOfWorkingDaysAfter(received, ACK)).toISOString()).toBe('2027-02-15T16:59:59.999Z');
    const set = await calendar.setDay({ localDate: '2027-02-13', kind: 'declared_working_day', nameVi: 'Làm bù cho ngày nghỉ Tết', nameEn: 'Make-up working day for the Tết break' });
    expect(set).toMatchObject({ ok: true, holiday: { localDate: '2027-02-13', kind: 'declared_working_day', source: 'operator' } });
    expect(await otherWorkingDays.isWorkingDay('2027-02-13')).toBe(true);
    expect((await otherWorkingDays.endOfWorkingDaysAfter(received, ACK)).toISOString()).toBe('2027-02-13T16:59:59.999Z');
    expect(await calendar.removeDay('2027-02-13')).toEqual({ ok: true, holiday: null });
    expect((await otherWorkingDays.endOfWorkingDaysAfter(received, ACK)).toISOString()).toBe('2027-02-15T16:59:59.999Z');
  });

  it('takes an added day off, and a seeded day changed or removed, into the next answer', async () => {
    // A bridge day the government declares: Friday 2/1/2026 off.
    const received = new Date('2025-12-31T09:00:00+07:00');
    expect((await workingDays.endOfWorkingDaysAfter(received, ACK)).toISOString()).toBe('2026-01-05T16:59:59.999Z');
    expect(await calendar.setDay({ localDate: '2026-01-02', kind: 'compensatory_day_off', nameVi: 'Nghỉ hoán đổi Tết Dương lịch', nameEn: "New Year's bridge day" })).toMatchObject({ ok: true });
    expect((await workingDays.endOfWorkingDaysAfter(received, ACK)).toISOString()).toBe('2026-01-06T16:59:59.999Z');

    // The government picks 3/9 rather than 1/9 in 2026: the operator moves the seeded day.
    const beforeNationalDay = new Date('2026-08-28T09:00:00+07:00');
    expect((await workingDays.endOfWorkingDaysAfter(beforeNationalDay, ACK)).toISOString()).toBe('2026-09-03T16:59:59.999Z');
    const seededAt = (await getHoliday(db, '2026-09-01'))!.created_at;
    expect(await calendar.removeDay('2026-09-01')).toEqual({ ok: true, holiday: null });
    clock.advance(60);
    expect(await calendar.setDay({ localDate: '2026-09-03', kind: 'public_holiday', nameVi: 'Quốc khánh (ngày liền kề)', nameEn: 'National Day (adjacent day)' })).toMatchObject({ ok: true });
    expect((await workingDays.endOfWorkingDaysAfter(beforeNationalDay, ACK)).toISOString()).toBe('2026-09-01T16:59:59.999Z');
    expect(await workingDays.isWorkingDay('2026-09-01')).toBe(true);

    // Renaming a seeded day keeps when it was first written and marks it as the operator's.
    expect(await calendar.setDay({ localDate: '2026-01-01', kind: 'public_holiday', nameVi: '  Tết Dương lịch 2026 ', nameEn: "New Year's Day 2026" })).toMatchObject({ ok: true, holiday: { nameVi: 'Tết Dương lịch 2026', source: 'operator', updatedAt: clock.now().toISOString() } });
    expect((await getHoliday(db, '2026-01-01'))!.created_at).toBe(seededAt);
    expect(logs.text()).toContain('holiday calendar amended');
  });

  it('refuses a bad amendment and changes nothing', async () => {
    const before = await calendar.listYear(2027);
    const bad = [
      [calendar.setDay({ localDate: '2027-02-29', kind: 'public_holiday', nameVi: 'Ngày lạ', nameEn: 'Odd day' }), 'invalid_date'],
      [calendar.setDay({ localDate: '12/02/2027', kind: 'public_holiday', nameVi: 'Ngày lạ', nameEn: 'Odd day' }), 'invalid_date'],
      [calendar.setDay({ localDate: '2027-02-12', kind: 'declared_working_day', nameVi: 'Làm bù', nameEn: 'Make-up day' }), 'not_a_weekend'],
      [calendar.setDay({ localDate: '2027-02-13', kind: 'holiday' as never, nameVi: 'Làm bù', nameEn: 'Make-up day' }), 'unknown_kind'],
      [calendar.setDay({ localDate: '2027-03-01', kind: 'public_holiday', nameVi: '   ', nameEn: 'Day off' }), 'name_missing'],
      [calendar.removeDay('2027-03-01'), 'not_found'],
      [calendar.removeDay('2027-3-1'), 'invalid_date'],
    ] as const;
    for (const [result, error] of bad) expect(await result).toEqual({ ok: false, error });
    expect(await calendar.listYear(2027)).toEqual(before);
    await expect(workingDays.isWorkingDay('2027-02-30')).rejects.toThrow(RangeError);
    await expect(workingDays.endOfWorkingDaysAfter(new Date(), -1)).rejects.toThrow(RangeError);
  });

  it('is amended from the command line, and a refusal changes nothing', async () => {
    const listed = await runCli(database.url, ['list', '2028']);
    expect(listed.exitCode, listed.output).toBe(0);
    expect(listed.stdout).toContain('2028-01-31\tcompensatory_day_off\tseed\tNghỉ bù Tết Nguyên Đán / Day off in lieu of Lunar New Year');

    // Received Monday 24/1/2028: after the Tết break, Tuesday 1/2 to Friday 4/2, then Monday 7/2 is the fifth working day.
    const received = new Date('2028-01-24T09:00:00+07:00');
    expect((await workingDays.endOfWorkingDaysAfter(received, 5)).toISOString()).toBe('2028-02-07T16:59:59.999Z');
    const set = await runCli(database.url, ['set', '2028-02-05', 'declared_working_day', 'Làm bù Tết', 'Make-up working day for Tết']);
    expect(set.exitCode, set.output).toBe(0);
    expect(await getHoliday(db, '2028-02-05')).toMatchObject({ kind: 'declared_working_day', name_vi: 'Làm bù Tết', source: 'operator' });
    // The declared Saturday 5/2 is now the fifth.
    expect((await workingDays.endOfWorkingDaysAfter(received, 5)).toISOString()).toBe('2028-02-05T16:59:59.999Z');

    const refused = await runCli(database.url, ['set', '2028-02-07', 'declared_working_day', 'Làm bù', 'Make-up day']);
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toContain('A declared working day must be a Saturday or Sunday');
    expect(await getHoliday(db, '2028-02-07')).toBeUndefined();

    const removed = await runCli(database.url, ['remove', '2028-02-05']);
    expect(removed.exitCode, removed.output).toBe(0);
    expect(await getHoliday(db, '2028-02-05')).toBeUndefined();
    expect((await runCli(database.url, ['frobnicate'])).exitCode).toBe(1);
  });
});
