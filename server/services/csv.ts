/**
 * CSV for exports that staff open in a spreadsheet. A cell that starts with = + - @, a tab or a
 * carriage return can be run as a formula by Excel or LibreOffice (CSV injection: a resident's
 * or a device's free text becomes `=HYPERLINK(...)` on a manager's desktop), so such a cell gets a
 * leading apostrophe, which spreadsheets show as text. Every cell is quoted, quotes doubled.
 */
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as text a spreadsheet will not evaluate. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | boolean | null;

/**
 * Header and rows as CSV with CRLF line ends and a UTF-8 byte order mark (Excel reads
 * Vietnamese diacritics correctly only with it). Null is an empty cell.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const cells = (row: readonly CsvCell[]): string[] => row.map((cell) => neutralizeCell(cell === null ? '' : String(cell)));
  const body = Papa.unparse({ fields: cells(header), data: rows.map(cells) }, { quotes: true, newline: '\r\n', escapeFormulae: false });
  return `\ufeff${body}\r\n`;
}
