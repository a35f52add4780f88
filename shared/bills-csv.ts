/**
 * A month of bills from CSV: one row per unit and service with the period (`YYYY-MM`), the
 * amount in whole đồng, the due date (`dd/MM/yyyy`) and, for electricity and water, the meter
 * readings. The console checks a file with these rules for its preview; the hub checks the
 * rows again with the same rules, then against its units and the bills it already has.
 *
 * Row numbers are as a spreadsheet shows the file: the header is row 1.
 */
import type { ServiceKind } from './domain';
import { serviceKinds } from './domain';
import type { BillImportError, BillImportErrorCode, BillImportField, BillImportRow } from './hub-api/payment-reconciliation';
import { parseVndAmount, readCsvTable } from './statement-csv';

/** Header texts for each column (compared without case, accents or spacing), Vietnamese and English. */
const columnHeaders: Record<BillImportField, readonly string[]> = {
  unit: ['Căn hộ', 'Căn', 'Mã căn hộ', 'Unit'],
  service: ['Dịch vụ', 'Loại phí', 'Service'],
  period: ['Kỳ', 'Kỳ thu', 'Tháng', 'Period', 'Month'],
  amount: ['Số tiền', 'Thành tiền', 'Amount'],
  dueDate: ['Hạn thanh toán', 'Hạn nộp', 'Due date'],
  previousReading: ['Chỉ số cũ', 'Chỉ số đầu', 'Previous reading'],
  currentReading: ['Chỉ số mới', 'Chỉ số cuối', 'Current reading'],
};
const requiredColumns: readonly BillImportField[] = ['unit', 'service', 'period', 'amount', 'dueDate'];

/** Service names as managers write them, besides the ids themselves. */
const serviceNames: Record<string, ServiceKind> = {
  dien: 'electricity',
  tiendien: 'electricity',
  nuoc: 'water',
  tiennuoc: 'water',
  phiquanly: 'management',
  quanly: 'management',
  vesinh: 'cleaning',
  phivesinh: 'cleaning',
  anninh: 'security',
  baove: 'security',
  guixe: 'parking',
  phiguixe: 'parking',
  suachua: 'repairs',
};

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function billService(text: string): ServiceKind | null {
  const folded = fold(text);
  const byId = serviceKinds.find((k) => k === folded);
  return byId ?? serviceNames[folded] ?? null;
}

export type BillsCsvRead = { rows: BillImportRow[]; missingColumns: BillImportField[] };

/** The file's rows as text, by header; `missingColumns` lists required columns the header lacks (then no rows). */
export function readBillsCsv(text: string): BillsCsvRead {
  const table = readCsvTable(text);
  const header = (table[0] ?? []).map(fold);
  const index = {} as Record<BillImportField, number>;
  for (const field of Object.keys(columnHeaders) as BillImportField[]) {
    index[field] = columnHeaders[field].map(fold).reduce((found, name) => (found >= 0 ? found : header.indexOf(name)), -1);
  }
  const missingColumns = requiredColumns.filter((f) => index[f] < 0);
  if (missingColumns.length > 0) return { rows: [], missingColumns };
  const rows: BillImportRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.every((c) => c === '')) continue;
    const cell = (field: BillImportField): string => (index[field] >= 0 ? (cells[index[field]] ?? '') : '');
    rows.push({
      line: i + 1,
      unit: cell('unit'),
      service: cell('service'),
      period: cell('period'),
      amount: cell('amount'),
      dueDate: cell('dueDate'),
      previousReading: cell('previousReading'),
      currentReading: cell('currentReading'),
    });
  }
  return { rows, missingColumns };
}

/** A row that passed every check of the file itself. */
export type CheckedBill = {
  line: number;
  unitLabel: string;
  service: ServiceKind;
  month: string;
  amountVnd: number;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  meter: { unit: 'kWh' | 'm3'; previousReading: number; currentReading: number } | null;
};

const meterUnits: Partial<Record<ServiceKind, 'kWh' | 'm3'>> = { electricity: 'kWh', water: 'm3' };

function localDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const reading = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);

/** The unit label as stored: trimmed, upper case (`a-12.03` is `A-12.03`). */
export const unitLabelKey = (label: string): string => label.trim().toUpperCase();

/**
 * Checks rows for `month` with the file's own rules: unit given, known service, period
 * `YYYY-MM` and equal to the month, amount a non-negative whole number of đồng, due date
 * `dd/MM/yyyy`, readings whole and not going backwards, no unit + service + period twice.
 */
export function checkBillRows(rows: readonly BillImportRow[], month: string): { bills: CheckedBill[]; errors: BillImportError[] } {
  const bills: CheckedBill[] = [];
  const errors: BillImportError[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const rowErrors: BillImportError[] = [];
    const fail = (code: BillImportErrorCode, field: BillImportField): void => void rowErrors.push({ line: row.line, code, field });
    const unitLabel = row.unit.trim();
    if (unitLabel === '') fail('missing_unit', 'unit');
    const service = billService(row.service);
    if (service === null) fail('unknown_service', 'service');
    const period = row.period.trim();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) fail('bad_period', 'period');
    else if (period !== month) fail('wrong_month', 'period');
    const amount = parseVndAmount(row.amount);
    if (!amount.ok) {
      const code: BillImportErrorCode = amount.reason === 'missing' ? 'missing_amount' : amount.reason === 'negative' ? 'negative_amount' : amount.reason === 'non_integer' ? 'non_integer_amount' : 'bad_amount';
      fail(code, 'amount');
    }
    const dueDate = localDate(row.dueDate);
    if (dueDate === null) fail('bad_due_date', 'dueDate');
    const prevText = row.previousReading.trim();
    const currText = row.currentReading.trim();
    let meter: CheckedBill['meter'] = null;
    if (prevText !== '' || currText !== '') {
      const prev = reading(prevText);
      const curr = reading(currText);
      const meterUnit = service === null ? undefined : meterUnits[service];
      if (prev === null) fail('bad_reading', 'previousReading');
      else if (curr === null || curr < prev) fail('bad_reading', 'currentReading');
      else if (meterUnit !== undefined) meter = { unit: meterUnit, previousReading: prev, currentReading: curr };
      else if (service !== null) fail('bad_reading', 'previousReading');
    }
    if (unitLabel !== '' && service !== null) {
      const key = `${unitLabelKey(unitLabel)}|${service}|${period}`;
      if (seen.has(key)) fail('duplicate_in_file', 'unit');
      seen.add(key);
    }
    if (rowErrors.length > 0 || service === null || dueDate === null || !amount.ok) {
      errors.push(...rowErrors);
      continue;
    }
    bills.push({ line: row.line, unitLabel, service, month: period, amountVnd: amount.value, dueDate, meter });
  }
  return { bills, errors };
}
