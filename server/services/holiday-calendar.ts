/**
 * The operator's side of the holiday calendar: read a year, add or change a day, remove one.
 * The working-days service reads the table on every call, so an amendment counts for the next
 * deadline computed on any hub instance. Deadlines already stored on requests are not moved.
 */
import type { HubDb } from '../db/connect';
import { deleteHoliday, getHoliday, holidayKinds, listHolidaysOfYear, upsertHoliday } from '../db/holidays';
import type { HolidayKind, HolidayRow, HolidaySource } from '../db/holidays';
import type { Logger } from '../../shared/logger';
import { isLocalDate, isWeekend } from './working-days';

export type Holiday = {
  localDate: string;
  kind: HolidayKind;
  nameVi: string;
  nameEn: string;
  source: HolidaySource;
  updatedAt: string;
};

export type HolidayInput = { localDate: string; kind: HolidayKind; nameVi: string; nameEn: string };

export type HolidayAmendError =
  /** Not a real `YYYY-MM-DD` date. */
  | 'invalid_date'
  | 'unknown_kind'
  /** A declared working day only means something on a Saturday or Sunday. */
  | 'not_a_weekend'
  /** Both names are shown to residents and staff. */
  | 'name_missing'
  /** Removing a day the calendar does not have. */
  | 'not_found';

export type HolidayAmendResult = { ok: true; holiday: Holiday | null } | { ok: false; error: HolidayAmendError };

export type HolidayCalendar = {
  listYear(year: number): Promise<Holiday[]>;
  /** Adds the day, or replaces what the calendar says about it. */
  setDay(input: HolidayInput): Promise<HolidayAmendResult>;
  removeDay(localDate: string): Promise<HolidayAmendResult>;
};

function toHoliday(row: HolidayRow): Holiday {
  return { localDate: row.local_date, kind: row.kind, nameVi: row.name_vi, nameEn: row.name_en, source: row.source, updatedAt: row.updated_at };
}

const NAME_MAX = 200;

export function createHolidayCalendar(deps: { db: HubDb; clock: () => Date; logger: Logger }): HolidayCalendar {
  const { db, clock, logger } = deps;
  return {
    async listYear(year) {
      return (await listHolidaysOfYear(db, year)).map(toHoliday);
    },
    async setDay(input) {
      if (!isLocalDate(input.localDate)) return { ok: false, error: 'invalid_date' };
      if (!holidayKinds.includes(input.kind)) return { ok: false, error: 'unknown_kind' };
      if (input.kind === 'declared_working_day' && !isWeekend(input.localDate)) return { ok: false, error: 'not_a_weekend' };
      const nameVi = input.nameVi.trim();
      const nameEn = input.nameEn.trim();
      if (nameVi === '' || nameEn === '' || nameVi.length > NAME_MAX || nameEn.length > NAME_MAX) return { ok: false, error: 'name_missing' };
      const at = clock().toISOString();
      await upsertHoliday(db, { local_date: input.localDate, kind: input.kind, name_vi: nameVi, name_en: nameEn, source: 'operator', created_at: at, updated_at: at });
      logger.info('holiday calendar amended', { localDate: input.localDate, kind: input.kind, change: 'set' });
      const row = await getHoliday(db, input.localDate);
      return { ok: true, holiday: row ? toHoliday(row) : null };
    },
    async removeDay(localDate) {
      if (!isLocalDate(localDate)) return { ok: false, error: 'invalid_date' };
      if (!(await deleteHoliday(db, localDate))) return { ok: false, error: 'not_found' };
      logger.info('holiday calendar amended', { localDate, change: 'remove' });
      return { ok: true, holiday: null };
    },
  };
}
