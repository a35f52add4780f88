/**
 * `npm run holidays -- <command>`: the operator's view of the holiday calendar in KIOT_DB.
 *
 *   list [year]                          the year's days (this year by default)
 *   set <YYYY-MM-DD> <kind> <vi> <en>    add a day or change it; kind: public_holiday,
 *                                        compensatory_day_off, declared_working_day
 *   remove <YYYY-MM-DD>                  take a day out
 *
 * Exit 0 when done, 1 on a refusal or when the database has no calendar yet. It does not
 * migrate: the hub does that when it starts.
 */
import { existsSync } from 'node:fs';
import { vietnamDate } from '../shared/dates';
import { createLogger } from '../shared/logger';
import { isPostgresUrl, openDatabase } from './db/connect';
import type { HubDb } from './db/connect';
import { holidayKinds } from './db/holidays';
import type { HolidayKind } from './db/holidays';
import { readSchemaVersion } from './db/migrate';
import { parseHubEnv, redactDatabase } from './env';
import { createHolidayCalendar } from './services/holiday-calendar';
import type { HolidayAmendError, HolidayCalendar } from './services/holiday-calendar';
import { assertNever } from '../shared/assert-never';

const logger = createLogger('holidays');
/** The migration that created the calendar. */
const HOLIDAYS_SCHEMA_VERSION = 10;

const USAGE = [
  'Cách dùng / Usage:',
  '  npm run holidays -- list [năm/year]',
  '  npm run holidays -- set <YYYY-MM-DD> <public_holiday|compensatory_day_off|declared_working_day> "<tên tiếng Việt>" "<English name>"',
  '  npm run holidays -- remove <YYYY-MM-DD>',
].join('\n');

function refusal(error: HolidayAmendError): string {
  switch (error) {
    case 'invalid_date':
      return 'Ngày không hợp lệ (YYYY-MM-DD) / Not a valid date (YYYY-MM-DD)';
    case 'unknown_kind':
      return `Loại ngày không hợp lệ / Unknown kind: ${holidayKinds.join(', ')}`;
    case 'not_a_weekend':
      return 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật / A declared working day must be a Saturday or Sunday';
    case 'name_missing':
      return 'Cần tên tiếng Việt và tiếng Anh / Both the Vietnamese and the English name are needed';
    case 'not_found':
      return 'Lịch không có ngày này / The calendar has no such day';
    default:
      return assertNever(error, 'holiday calendar error');
  }
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function run(calendar: HolidayCalendar, args: readonly string[]): Promise<boolean> {
  const [command, ...rest] = args;
  if (command === 'list' && rest.length <= 1) {
    const year = rest[0] === undefined ? Number(vietnamDate(new Date()).slice(0, 4)) : Number(rest[0]);
    if (!Number.isInteger(year) || year < 1900 || year > 9999) {
      print(USAGE);
      return false;
    }
    for (const h of await calendar.listYear(year)) print(`${h.localDate}\t${h.kind}\t${h.source}\t${h.nameVi} / ${h.nameEn}`);
    return true;
  }
  if (command === 'set' && rest.length === 4) {
    const [localDate, kind, nameVi, nameEn] = rest as [string, string, string, string];
    const result = await calendar.setDay({ localDate, kind: kind as HolidayKind, nameVi, nameEn });
    if (!result.ok) {
      logger.error(refusal(result.error));
      return false;
    }
    print(`${localDate}\t${kind}\t${nameVi} / ${nameEn}`);
    return true;
  }
  if (command === 'remove' && rest.length === 1) {
    const result = await calendar.removeDay(rest[0]!);
    if (!result.ok) {
      logger.error(refusal(result.error));
      return false;
    }
    print(`${rest[0]!}\tremoved`);
    return true;
  }
  print(USAGE);
  return false;
}

async function main(): Promise<void> {
  const parsed = parseHubEnv(process.env);
  if (!parsed.ok) {
    for (const error of parsed.errors) logger.error(error);
    process.exitCode = 1;
    return;
  }
  const database = parsed.env.database;
  const where = redactDatabase(database);
  if (!isPostgresUrl(database) && database !== ':memory:' && !existsSync(database)) {
    logger.error(`No database at ${where}`);
    process.exitCode = 1;
    return;
  }
  const db: HubDb = openDatabase(database, { logger });
  try {
    const version = await readSchemaVersion(db).catch(() => 0);
    if (version < HOLIDAYS_SCHEMA_VERSION) {
      logger.error(`${where} has no holiday calendar yet (schema version ${version}); start the hub once to migrate it`);
      process.exitCode = 1;
      return;
    }
    const calendar = createHolidayCalendar({ db, clock: () => new Date(), logger });
    if (!(await run(calendar, process.argv.slice(2)))) process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  logger.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
