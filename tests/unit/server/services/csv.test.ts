import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, toCsv } from '../../../../server/services/csv';

/** What a spreadsheet would read back from the file, cell by cell. */
function parse(csv: string): string[][] {
  expect(csv.startsWith('\ufeff')).toBe(true);
  return Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
}

describe('CSV export', () => {
  it.each([
    ['=cmd|" /C calc"!A0', `'=cmd|" /C calc"!A0`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', "'\rCR"],
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
  ])('neutralizes %j so no spreadsheet runs it', (raw, expected) => {
    expect(neutralizeCell(raw)).toBe(expected);
    const [, row] = parse(toCsv(['cell'], [[raw]]));
    expect(row).toEqual([expected]);
  });

  it.each(['Nguyễn Văn A', 'a=b', 'x-1', '1+1', 'email@x.vn', ''])('leaves %j as it is', (raw) => {
    expect(neutralizeCell(raw)).toBe(raw);
  });

  it('keeps quotes, commas and line breaks inside one cell', () => {
    const csv = toCsv(['reason', 'n'], [['Cư dân nói "gấp", cần xem\nngay', 3], [null, true]]);
    expect(csv).toContain('"Cư dân nói ""gấp"", cần xem\nngay"');
    expect(parse(csv)).toEqual([
      ['reason', 'n'],
      ['Cư dân nói "gấp", cần xem\nngay', '3'],
      ['', 'true'],
    ]);
  });

  it('neutralizes a quote-led formula too', () => {
    // A leading quote is not a formula start, but a formula after it stays a string cell.
    expect(parse(toCsv(['c'], [['"=1+1']]))[1]).toEqual(['"=1+1']);
  });
});
