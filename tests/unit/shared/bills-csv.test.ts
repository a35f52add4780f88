/**
 * Bills CSV: columns found by their Vietnamese or English headers, service names as managers
 * write them, and every fault the file itself can have reported on its row and column.
 */
import { describe, expect, it } from 'vitest';
import { billService, checkBillRows, readBillsCsv } from '../../../shared/bills-csv';

const HEADER = 'Căn hộ,Dịch vụ,Kỳ,Số tiền,Hạn thanh toán,Chỉ số cũ,Chỉ số mới';

describe('bills CSV', () => {
  it('reads rows by header with their row numbers, skipping blank lines', () => {
    const read = readBillsCsv(`\ufeff${HEADER}\r\nA-1203,Điện,2026-11,"1.250.000",15/12/2026,1200,1450\r\n\r\nA-1203,Phí quản lý,2026-11,850000,15/12/2026,,\r\n`);
    expect(read.missingColumns).toEqual([]);
    expect(read.rows.map((r) => r.line)).toEqual([2, 4]);
    const checked = checkBillRows(read.rows, '2026-11');
    expect(checked.errors).toEqual([]);
    expect(checked.bills).toEqual([
      { line: 2, unitLabel: 'A-1203', service: 'electricity', month: '2026-11', amountVnd: 1_250_000, dueDate: '2026-12-15', meter: { unit: 'kWh', previousReading: 1200, currentReading: 1450 } },
      { line: 4, unitLabel: 'A-1203', service: 'management', month: '2026-11', amountVnd: 850_000, dueDate: '2026-12-15', meter: null },
    ]);
  });

  it('says which required columns are missing', () => {
    expect(readBillsCsv('Unit,Service,Amount\nA-1203,water,1\n').missingColumns).toEqual(['period', 'dueDate']);
  });

  it('knows services by id and by their Vietnamese names', () => {
    expect(['water', 'Nước', 'tiền điện', 'Gửi xe', 'VỆ SINH', 'Bảo vệ', 'Sửa chữa'].map(billService)).toEqual(['water', 'water', 'electricity', 'parking', 'cleaning', 'security', 'repairs']);
    expect(billService('internet')).toBeNull();
  });

  it('reports every kind of fault on its row and column', () => {
    const { rows } = readBillsCsv(
      [
        HEADER,
        ',Nước,2026-11,100000,15/12/2026,,', // 2 missing unit
        'A-1203,Internet,2026-11,100000,15/12/2026,,', // 3 unknown service
        'A-1203,Nước,11/2026,100000,15/12/2026,,', // 4 period format
        'A-1203,Nước,2026-10,100000,15/12/2026,,', // 5 another month
        'A-1204,Nước,2026-11,,15/12/2026,,', // 6 no amount
        'A-1205,Nước,2026-11,-5000,15/12/2026,,', // 7 negative
        'A-1206,Nước,2026-11,1250.5,15/12/2026,,', // 8 not whole đồng
        'A-1207,Nước,2026-11,abc,15/12/2026,,', // 9 not a number
        'A-1208,Nước,2026-11,100000,2026-12-15,,', // 10 due date format
        'A-1209,Nước,2026-11,100000,15/12/2026,50,40', // 11 meter going backwards
        'A-1210,Nước,2026-11,100000,15/12/2026,,', // 12 fine
        'a-1210,water,2026-11,100000,15/12/2026,,', // 13 the same bill again
      ].join('\n'),
    );
    const { bills, errors } = checkBillRows(rows, '2026-11');
    expect(errors).toEqual([
      { line: 2, code: 'missing_unit', field: 'unit' },
      { line: 3, code: 'unknown_service', field: 'service' },
      { line: 4, code: 'bad_period', field: 'period' },
      { line: 5, code: 'wrong_month', field: 'period' },
      { line: 6, code: 'missing_amount', field: 'amount' },
      { line: 7, code: 'negative_amount', field: 'amount' },
      { line: 8, code: 'non_integer_amount', field: 'amount' },
      { line: 9, code: 'bad_amount', field: 'amount' },
      { line: 10, code: 'bad_due_date', field: 'dueDate' },
      { line: 11, code: 'bad_reading', field: 'currentReading' },
      { line: 13, code: 'duplicate_in_file', field: 'unit' },
    ]);
    expect(bills.map((b) => b.line)).toEqual([12]);
  });
});
