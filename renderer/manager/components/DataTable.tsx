import { createPaginatedRowModel, createSortedRowModel, rowPaginationFeature, rowSortingFeature, tableFeatures, useTable } from '@tanstack/react-table';
import type { ColumnDef, PaginationState, Row, RowData, SortingState, TableFeatures } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { JSX, KeyboardEvent, ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';

/** A value a column sorts by; null sorts last whichever the direction. */
export type SortValue = string | number | null;

/** One column: how a row shows in it, and what it sorts by (no sorting without `sortValue`). */
export type DataColumn<T> = {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  sortValue?: (row: T) => SortValue;
  /** Numbers and money line up on the right. */
  align?: 'start' | 'end';
  /** A CSS width for the column, e.g. `12rem` or `20%`. */
  width?: string;
};

/** The hub pages the rows: the table shows `rows` as one page and asks for others. */
export type ServerPaging = { total: number; pageIndex: number; pageSize: number; onPageChange(pageIndex: number): void };

export type DataTableProps<T> = {
  /** Names the table for screen readers (and tests). */
  label: string;
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowKey: (row: T) => string;
  /** Shown in place of the rows when there are none. */
  emptyText: string;
  /** Rows per page when the table pages by itself (default 25). */
  pageSize?: number;
  /** Paging done by the hub; client sorting is then off, as it would sort one page only. */
  serverPaging?: ServerPaging;
  initialSort?: { id: string; desc: boolean };
  /** Opening a row: a click, or Enter on the focused row. */
  onOpenRow?: (row: T) => void;
  /** Extra class for a row, e.g. `is-overdue`. */
  rowClassName?: (row: T) => string | undefined;
  testId?: string;
};

const DEFAULT_PAGE_SIZE = 25;

// Vietnamese order (đ after d, tones after the bare letter) reads right for English text too.
const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

function compare(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  sortFns: {
    kiot: <F extends TableFeatures, D extends RowData>(a: Row<F, D>, b: Row<F, D>, columnId: string): number => compare(a.getValue<SortValue>(columnId), b.getValue<SortValue>(columnId)),
  },
});
type Features = typeof features;

/**
 * The console's table: sortable headers (click or Enter/Space on the header button), pages of
 * rows with a pager, rows that open with a click or Enter. Sorting and paging come from
 * TanStack Table; the markup is a plain, accessible `<table>`.
 */
export function DataTable<T extends object>(props: DataTableProps<T>): JSX.Element {
  const { label, rows, columns, rowKey, emptyText, serverPaging, onOpenRow, rowClassName, testId } = props;
  const t = useT();
  const [sorting, setSorting] = useState<SortingState>(props.initialSort ? [props.initialSort] : []);
  const [localPaging, setLocalPaging] = useState<PaginationState>({ pageIndex: 0, pageSize: props.pageSize ?? DEFAULT_PAGE_SIZE });

  const defs = useMemo(
    () =>
      columns.map(
        (c): ColumnDef<Features, T> => ({
          id: c.id,
          header: c.header,
          // Undefined, not null: TanStack then keeps empty values last in both directions.
          accessorFn: (row: T) => (c.sortValue ? (c.sortValue(row) ?? undefined) : undefined),
          sortDescFirst: false,
          enableSorting: c.sortValue !== undefined && serverPaging === undefined,
          sortFn: 'kiot',
          sortUndefined: 'last',
        }),
      ),
    [columns, serverPaging],
  );

  const pagination: PaginationState = serverPaging ? { pageIndex: serverPaging.pageIndex, pageSize: serverPaging.pageSize } : localPaging;
  const table = useTable({
    features,
    columns: defs,
    data: rows as T[],
    getRowId: (row: T) => rowKey(row),
    state: { sorting, pagination },
    onSortingChange: setSorting,
    onPaginationChange: (updater) => {
      const next = typeof updater === 'function' ? updater(pagination) : updater;
      if (serverPaging) serverPaging.onPageChange(next.pageIndex);
      else setLocalPaging(next);
    },
    manualPagination: serverPaging !== undefined,
    ...(serverPaging ? { rowCount: serverPaging.total } : {}),
    autoResetPageIndex: false,
  });

  const byId = new Map(columns.map((c) => [c.id, c]));
  const pageRows = table.getRowModel().rows;
  const total = serverPaging ? serverPaging.total : rows.length;
  const pageCount = Math.max(1, Math.ceil(total / pagination.pageSize));
  const pageIndex = Math.min(pagination.pageIndex, pageCount - 1);
  const first = total === 0 ? 0 : pageIndex * pagination.pageSize + 1;
  const last = Math.min(total, (pageIndex + 1) * pagination.pageSize);

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, row: T): void => {
    if (event.key === 'Enter' && onOpenRow) {
      event.preventDefault();
      onOpenRow(row);
    }
  };

  return (
    <div className="data-table" data-testid={testId}>
      <table aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const column = byId.get(header.column.id);
                const sorted = header.column.getIsSorted();
                const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : header.column.getCanSort() ? 'none' : undefined;
                return (
                  <th key={header.id} scope="col" aria-sort={ariaSort} style={column?.width ? { width: column.width } : undefined} className={column?.align === 'end' ? 'align-end' : undefined}>
                    {header.column.getCanSort() ? (
                      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()} title={t('manager:table.sortBy', { column: column?.header ?? '' })}>
                        {column?.header}
                        <span aria-hidden="true" className="sort-mark">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      column?.header
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {pageRows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="data-table-empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            pageRows.map((row) => (
              <tr
                key={row.id}
                className={[onOpenRow ? 'is-openable' : '', rowClassName?.(row.original) ?? ''].join(' ').trim() || undefined}
                tabIndex={onOpenRow ? 0 : undefined}
                onClick={onOpenRow ? () => onOpenRow(row.original) : undefined}
                onKeyDown={onOpenRow ? (e) => onRowKey(e, row.original) : undefined}
                data-row-id={row.id}
              >
                {columns.map((c) => (
                  <td key={c.id} className={c.align === 'end' ? 'align-end' : undefined}>
                    {c.cell(row.original)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {total > pagination.pageSize ? (
        <nav className="data-table-pager" aria-label={t('manager:table.pager', { label })}>
          <span className="data-table-range" data-testid={testId ? `${testId}-range` : undefined}>
            {t('manager:table.range', { first, last, total })}
          </span>
          <button type="button" className="console-button" onClick={() => table.previousPage()} disabled={pageIndex === 0}>
            {t('manager:table.previous')}
          </button>
          <span className="data-table-page">{t('manager:table.page', { page: pageIndex + 1, pages: pageCount })}</span>
          <button type="button" className="console-button" onClick={() => table.nextPage()} disabled={pageIndex >= pageCount - 1}>
            {t('manager:table.next')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
