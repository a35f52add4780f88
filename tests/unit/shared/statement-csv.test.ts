/**
 * Bank statement CSV: the bank presets find their columns below a preamble, amounts and
 * Vietnam-time dates are read as banks write them, money going out is skipped, and every bad
 * row is reported once with its row number as the file shows it — 50 bad rows in 20,000.
 */
import { describe, expect, it } from 'vitest';
import { mappingForPreset, parseStatementCsv, parseStatementRows, parseVietnamDateTime, parseVndAmount, readCsvTable, statementPresets } from '../../../shared/statement-csv';
import type { StatementErrorCode } from '../../../shared/statement-csv';

const ACCOUNT = '0071000123456';

const vcbFile = (lines: readonly string[]): string =>
  [
    'NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM',
    'Sao kê tài khoản,0071000123456',
    'Từ ngày,01/11/2026,Đến ngày,30/11/2026',
    '',
    'STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Mô tả',
    ...lines,
  ].join('\r\n');

describe('amounts', () => {
  it.each([
    ['1.250.000', 1_250_000],
    ['1,250,000', 1_250_000],
    ['1250000', 1_250_000],
    ['1 250 000', 1_250_000],
    ['1.250.000 ₫', 1_250_000],
    ['1,250,000.00', 1_250_000],
    ['1.250.000,00', 1_250_000],
    ['+500.000', 500_000],
    ['0', 0],
  ])('%s is %d đồng', (text, value) => {
    expect(parseVndAmount(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'missing'],
    ['  ', 'missing'],
    ['-1.000', 'negative'],
    ['(1.000)', 'negative'],
    ['1250.5', 'non_integer'],
    ['1.250.000,50', 'non_integer'],
    ['abc', 'bad'],
    ['1.25.000', 'bad'],
    ['12,34,567', 'bad'],
  ])('%j is refused (%s)', (text, reason) => {
    expect(parseVndAmount(text)).toEqual({ ok: false, reason });
  });
});

describe('dates in Vietnam time', () => {
  it('reads dd/MM/yyyy with or without the time, as UTC', () => {
    expect(parseVietnamDateTime('25/11/2026 09:35')).toBe('2026-11-25T02:35:00.000Z');
    expect(parseVietnamDateTime('25/11/2026 09:35:12')).toBe('2026-11-25T02:35:12.000Z');
    // Midnight in Hanoi is still the previous day in UTC.
    expect(parseVietnamDateTime('01/12/2026')).toBe('2026-11-30T17:00:00.000Z');
    expect(parseVietnamDateTime('1-2-2026')).toBe('2026-01-31T17:00:00.000Z');
  });

  it.each(['31/11/2026', '29/02/2026', '2026-11-25', '25/13/2026', '25/11/2026 24:00', 'hôm qua'])('refuses %s', (text) => {
    expect(parseVietnamDateTime(text)).toBeNull();
  });
});

describe('presets', () => {
  it('finds Vietcombank columns below the preamble and reads incoming transfers', () => {
    const result = parseStatementCsv(
      vcbFile(['1,25/11/2026 09:35:00,FT26329001,,"1.250.000",KT7F3K9QX2 thanh toan phi', '2,25/11/2026 10:00:00,FT26329002,"300.000",,Phi SMS Banking']),
      { accountNumber: ACCOUNT },
    );
    expect(result.preset).toBe('vietcombank');
    expect(result.errors).toEqual([]);
    expect(result.outgoing).toEqual([7]);
    expect(result.rows).toEqual([
      { line: 6, providerTxId: 'FT26329001', direction: 'in', amountVnd: 1_250_000, content: 'KT7F3K9QX2 thanh toan phi', accountNumber: ACCOUNT, receivedAt: '2026-11-25T02:35:00.000Z' },
    ]);
  });

  it.each([
    ['techcombank', 'Ngày giao dịch;Mã giao dịch;Diễn giải;Nợ;Có', '25/11/2026;TCB123;KT7F3K9QX2;;1.250.000'],
    ['bidv', 'Ngày giao dịch,Số tham chiếu,Phát sinh nợ,Phát sinh có,Mô tả giao dịch', '25/11/2026,BIDV123,0,1250000,KT7F3K9QX2'],
    ['acb', 'Ngày giao dịch,Số giao dịch,Nội dung giao dịch,Tiền ra,Tiền vào', '25/11/2026,ACB123,KT7F3K9QX2,,"1,250,000"'],
  ])('reads a %s export', (bank, header, row) => {
    const table = readCsvTable(`${header}\n${row}\n`);
    const mapping = mappingForPreset(table, statementPresets.find((p) => p.id === bank)!);
    expect(mapping).not.toBeNull();
    const result = parseStatementRows(table, mapping!, { accountNumber: ACCOUNT });
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ line: 2, amountVnd: 1_250_000, content: 'KT7F3K9QX2', direction: 'in' });
  });

  it('a manual mapping reads a file no preset knows', () => {
    const text = 'when,ref,in,what\n25/11/2026 08:00,R1,"2.000.000",KT7F3K9QX2\n';
    expect(parseStatementCsv(text, { accountNumber: ACCOUNT }).preset).toBeNull();
    const result = parseStatementCsv(text, { accountNumber: ACCOUNT, mapping: { headerRow: 1, date: 0, reference: 1, credit: 2, debit: null, content: 3 } });
    expect(result.rows).toEqual([expect.objectContaining({ line: 2, providerTxId: 'R1', amountVnd: 2_000_000 })]);
  });
});

describe('per-row errors', () => {
  it('names each fault with its code, field and row', () => {
    const result = parseStatementCsv(
      vcbFile([
        '1,,R1,,100.000,a',
        '2,31/11/2026,R2,,100.000,a',
        '3,25/11/2026,R3,,,a',
        '4,25/11/2026,R4,,1.2.3,a',
        '5,25/11/2026,R5,,100.000,',
        '6,25/11/2026,,,100.000,a',
      ]),
      { accountNumber: ACCOUNT },
    );
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { line: 6, code: 'missing_date', field: 'date' },
      { line: 7, code: 'bad_date', field: 'date' },
      { line: 8, code: 'missing_amount', field: 'credit' },
      { line: 9, code: 'bad_amount', field: 'credit' },
      { line: 10, code: 'missing_content', field: 'content' },
      { line: 11, code: 'missing_reference', field: 'reference' },
    ]);
  });

  it('reports exactly the 50 bad rows of a 20,000-row statement, with their row numbers', () => {
    const faults: [string, StatementErrorCode][] = [
      ['date', 'bad_date'],
      ['amount', 'bad_amount'],
      ['noamount', 'missing_amount'],
      ['content', 'missing_content'],
      ['reference', 'missing_reference'],
    ];
    const bad = new Map<number, StatementErrorCode>();
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const fileRow = i + 6; // five lines of preamble and header above
      const fault = i % 400 === 17 ? faults[(i / 400) % faults.length | 0]! : null;
      const date = fault?.[0] === 'date' ? '32/11/2026 08:00' : `${String((i % 28) + 1).padStart(2, '0')}/11/2026 08:${String(i % 60).padStart(2, '0')}`;
      const amount = fault?.[0] === 'amount' ? '"12,5,0"' : fault?.[0] === 'noamount' ? '' : `"${(100_000 + i).toLocaleString('de-DE')}"`;
      const content = fault?.[0] === 'content' ? '' : `KT${String(i).padStart(8, '2')} chuyen tien`;
      const reference = fault?.[0] === 'reference' ? '' : `FT${i}`;
      lines.push(`${i + 1},${date},${reference},,${amount},${content}`);
      if (fault) bad.set(fileRow, fault[1]);
    }
    expect(bad.size).toBe(50);
    const result = parseStatementCsv(vcbFile(lines), { accountNumber: ACCOUNT });
    expect(result.errors.map((e) => [e.line, e.code])).toEqual([...bad.entries()]);
    expect(result.rows).toHaveLength(19_950);
    expect(result.rows[0]!.line).toBe(6);
  });
});
