/**
 * The cell of a table row that a person reads under a given column: found by the column
 * header's text, so a test asserts a value where it is shown, not just somewhere in the row.
 */

/** Text a person reads: decorations marked aria-hidden (sort arrows, icons) left out. */
function readText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').trim();
}

export function cellUnder(row: HTMLElement, column: string): HTMLTableCellElement {
  const table = row.closest('table');
  const headers = [...(table?.tHead?.rows[0]?.cells ?? [])].map(readText);
  const index = headers.indexOf(column);
  if (!(row instanceof HTMLTableRowElement) || index < 0) throw new Error(`No column "${column}" for this row; the headers are: ${headers.join(', ')}`);
  const cell = row.cells[index];
  if (cell === undefined) throw new Error(`The row has no cell under "${column}"`);
  return cell;
}
