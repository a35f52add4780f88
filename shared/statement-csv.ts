/**
 * Reading a bank statement exported as CSV into transfers to record: the console uses it for
 * the preview (column mapping, per-row errors) and the hub's tests and bench use it too.
 *
 * Vietnamese banks export statements with a few lines about the account first, then a header
 * row in Vietnamese, then one row per transaction with separate credit (money in) and debit
 * (money out) columns. A preset names the header texts each bank uses; a manual mapping picks
 * the columns by position. Dates are Vietnam time (`dd/MM/yyyy`, optionally `HH:mm[:ss]`) and
 * become UTC instants; amounts are whole đồng written `1.250.000`, `1,250,000` or `1250000`.
 * Debit rows are money leaving the account: skipped, not errors.
 *
 * Row numbers are as a spreadsheet shows the file: the file's first record is row 1.
 */
import Papa from 'papaparse';
import type { StatementRow } from './hub-api/payment-reconciliation';

/** Which column holds what, by position (0-based), and the row holding the headers. */
export type StatementMapping = {
  headerRow: number;
  date: number;
  credit: number;
  /** Null when the file has no debit column. */
  debit: number | null;
  content: number;
  reference: number;
};

export type StatementPreset = {
  /** Also the import's provider suffix: `statement:<id>`. */
  id: string;
  bankName: string;
  /** Header texts that may name each column (compared without case, accents or spacing). */
  headers: { date: readonly string[]; credit: readonly string[]; debit: readonly string[]; content: readonly string[]; reference: readonly string[] };
};

const DATE = ['Ngày giao dịch', 'Ngày GD', 'Ngày hạch toán', 'Ngày', 'Transaction date', 'Date'];
const REFERENCE = ['Số tham chiếu', 'Số bút toán', 'Mã giao dịch', 'Số giao dịch', 'Số CT', 'Reference', 'Reference number', 'Transaction ID'];

export const statementPresets: readonly StatementPreset[] = [
  {
    id: 'vietcombank',
    bankName: 'Vietcombank',
    headers: { date: DATE, credit: ['Số tiền ghi có', 'Ghi có', 'Credit'], debit: ['Số tiền ghi nợ', 'Ghi nợ', 'Debit'], content: ['Mô tả', 'Nội dung', 'Description'], reference: REFERENCE },
  },
  {
    id: 'techcombank',
    bankName: 'Techcombank',
    headers: { date: DATE, credit: ['Ghi có', 'Có', 'Credit'], debit: ['Ghi nợ', 'Nợ', 'Debit'], content: ['Diễn giải', 'Nội dung', 'Description'], reference: REFERENCE },
  },
  {
    id: 'mb',
    bankName: 'MB Bank',
    headers: { date: DATE, credit: ['Số tiền ghi có', 'Ghi có'], debit: ['Số tiền ghi nợ', 'Ghi nợ'], content: ['Nội dung', 'Nội dung giao dịch'], reference: REFERENCE },
  },
  {
    id: 'bidv',
    bankName: 'BIDV',
    headers: { date: DATE, credit: ['Phát sinh có', 'Số tiền ghi có'], debit: ['Phát sinh nợ', 'Số tiền ghi nợ'], content: ['Mô tả giao dịch', 'Nội dung', 'Mô tả'], reference: REFERENCE },
  },
  {
    id: 'acb',
    bankName: 'ACB',
    headers: { date: DATE, credit: ['Tiền vào', 'Ghi có'], debit: ['Tiền ra', 'Ghi nợ'], content: ['Nội dung giao dịch', 'Nội dung'], reference: REFERENCE },
  },
];

export const statementErrorCodes = ['missing_date', 'bad_date', 'missing_amount', 'bad_amount', 'missing_content', 'content_too_long', 'missing_reference', 'bad_reference'] as const;
export type StatementErrorCode = (typeof statementErrorCodes)[number];
export type StatementField = 'date' | 'credit' | 'debit' | 'content' | 'reference';
export type StatementRowError = { line: number; code: StatementErrorCode; field: StatementField };

export type StatementParseResult = {
  /** Incoming transfers, each with its row number. */
  rows: StatementRow[];
  errors: StatementRowError[];
  /** Rows of money leaving the account (debit), skipped. */
  outgoing: number[];
};

/** The file as rows of cells, for the mapping step's preview. */
export function readCsvTable(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { header: false, skipEmptyLines: false, delimiter: '' });
  return parsed.data.map((row) => row.map((cell) => cell.trim()));
}

function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Where a preset's columns are in the file: the first of the first 30 rows that names all of them. */
export function mappingForPreset(table: readonly (readonly string[])[], preset: StatementPreset): StatementMapping | null {
  for (let r = 0; r < Math.min(table.length, 30); r++) {
    const cells = table[r]!.map(normalizeHeader);
    const find = (names: readonly string[]): number => {
      for (const name of names) {
        const i = cells.indexOf(normalizeHeader(name));
        if (i >= 0) return i;
      }
      return -1;
    };
    const date = find(preset.headers.date);
    const credit = find(preset.headers.credit);
    const content = find(preset.headers.content);
    const reference = find(preset.headers.reference);
    if (date < 0 || credit < 0 || content < 0 || reference < 0) continue;
    const debit = find(preset.headers.debit);
    return { headerRow: r + 1, date, credit, debit: debit < 0 ? null : debit, content, reference };
  }
  return null;
}

/** The first preset whose headers the file has, with its mapping. */
export function detectStatementPreset(table: readonly (readonly string[])[]): { preset: StatementPreset; mapping: StatementMapping } | null {
  for (const preset of statementPresets) {
    const mapping = mappingForPreset(table, preset);
    if (mapping) return { preset, mapping };
  }
  return null;
}

export type AmountParse = { ok: true; value: number } | { ok: false; reason: 'missing' | 'negative' | 'non_integer' | 'bad' };

/**
 * Whole đồng from `1.250.000`, `1,250,000`, `1 250 000`, `1250000`, `1.250.000 ₫`, `1,250,000.00`;
 * a fraction other than zeros is not a đồng amount.
 */
export function parseVndAmount(text: string): AmountParse {
  let s = text.replace(/\s|\u00a0/g, '').replace(/(₫|đ|vnd|vnđ)$/i, '');
  if (s === '') return { ok: false, reason: 'missing' };
  let negative = false;
  if (s.startsWith('-') || (s.startsWith('(') && s.endsWith(')'))) {
    negative = true;
    s = s.replace(/^-|^\(|\)$/g, '');
  } else if (s.startsWith('+')) s = s.slice(1);
  let digits: string;
  let fraction = '';
  if (/^\d+$/.test(s)) digits = s;
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) {
    const [whole, frac] = s.split(',');
    digits = whole!.replace(/\./g, '');
    fraction = frac ?? '';
  } else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    const [whole, frac] = s.split('.');
    digits = whole!.replace(/,/g, '');
    fraction = frac ?? '';
  } else if (/^\d+[.,]\d+$/.test(s)) {
    // Not a thousands grouping (1.5, 1250,75): a fraction.
    const [whole, frac] = s.split(/[.,]/);
    digits = whole!;
    fraction = frac!;
  } else return { ok: false, reason: 'bad' };
  if (/[1-9]/.test(fraction)) return { ok: false, reason: negative ? 'negative' : 'non_integer' };
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > 1_000_000_000_000) return { ok: false, reason: 'bad' };
  if (negative && value > 0) return { ok: false, reason: 'negative' };
  return { ok: true, value };
}

const VIETNAM_OFFSET_HOURS = 7;

/** `dd/MM/yyyy [HH:mm[:ss]]` (or with dashes or dots) in Vietnam time → ISO instant in UTC; null if not a real date. */
export function parseVietnamDateTime(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return new Date(Date.UTC(year, month - 1, day, hour - VIETNAM_OFFSET_HOURS, minute, second)).toISOString();
}

const CONTENT_MAX = 1000;
const REFERENCE_MAX = 200;

/**
 * The statement's transfers after the header row. `accountNumber` is the account the statement
 * is for (the building's), put on every row; blank rows are passed over.
 */
export function parseStatementRows(table: readonly (readonly string[])[], mapping: StatementMapping, opts: { accountNumber: string }): StatementParseResult {
  const rows: StatementRow[] = [];
  const errors: StatementRowError[] = [];
  const outgoing: number[] = [];
  for (let i = mapping.headerRow; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.every((c) => c === '')) continue;
    const line = i + 1;
    const cell = (col: number | null): string => (col === null ? '' : (cells[col] ?? ''));
    const rowErrors: StatementRowError[] = [];
    const fail = (code: StatementErrorCode, field: StatementField): void => void rowErrors.push({ line, code, field });

    const credit = parseVndAmount(cell(mapping.credit));
    const debit = parseVndAmount(cell(mapping.debit));
    const creditValue = credit.ok ? credit.value : 0;
    if (creditValue === 0 && debit.ok && debit.value > 0) {
      outgoing.push(line);
      continue;
    }
    if (!credit.ok && credit.reason !== 'missing') fail('bad_amount', 'credit');
    else if (creditValue === 0 && !debit.ok && debit.reason !== 'missing') fail('bad_amount', 'debit');
    else if (creditValue === 0) fail('missing_amount', 'credit');

    const dateText = cell(mapping.date);
    const receivedAt = dateText === '' ? null : parseVietnamDateTime(dateText);
    if (dateText === '') fail('missing_date', 'date');
    else if (receivedAt === null) fail('bad_date', 'date');

    const content = cell(mapping.content);
    if (content === '') fail('missing_content', 'content');
    else if (content.length > CONTENT_MAX) fail('content_too_long', 'content');

    const reference = cell(mapping.reference);
    if (reference === '') fail('missing_reference', 'reference');
    else if (reference.length > REFERENCE_MAX) fail('bad_reference', 'reference');

    if (rowErrors.length > 0 || receivedAt === null) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ line, providerTxId: reference, direction: 'in', amountVnd: creditValue, content, accountNumber: opts.accountNumber, receivedAt });
  }
  return { rows, errors, outgoing };
}

/** Text to rows in one go, for a file with a known preset (tests, bench) or a mapping from the console. */
export function parseStatementCsv(text: string, opts: { accountNumber: string; mapping?: StatementMapping }): StatementParseResult & { preset: string | null } {
  const table = readCsvTable(text);
  if (opts.mapping) return { ...parseStatementRows(table, opts.mapping, opts), preset: null };
  const detected = detectStatementPreset(table);
  if (!detected) return { rows: [], errors: [], outgoing: [], preset: null };
  return { ...parseStatementRows(table, detected.mapping, opts), preset: detected.preset.id };
}
