import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import type { JSX } from 'react';
import { CONSOLE_RESIDENTS_PAGE } from '../../../shared/contract/console-residents';
import { formatInstant } from '../../../shared/dates';
import type { ResidentListItem } from '../../../shared/hub-api/residents';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';
import { DataTable } from '../components/DataTable';
import type { DataColumn } from '../components/DataTable';
import { PurposeDialog } from './PurposeDialog';
import { useOpenResident, useResidentSearch, useSearchState } from './queries';
import { residentErrorOverrides, roleKey } from './resident-text';
import { useDebounced } from './use-debounced';
import './residents.css';

const SEARCH_PAUSE_MS = 300;

/** The resident directory: a search box (diacritics optional), a paged list with masked contacts, and opening a profile for a purpose. */
export function ResidentsPage(): JSX.Element {
  const t = useT();
  const navigate = useNavigate();
  const [saved, save] = useSearchState();
  const [typed, setTyped] = useState(saved.q);
  const q = useDebounced(typed.trim(), SEARCH_PAUSE_MS);
  // A new search starts on its first page; the page is kept only for the text it belongs to.
  const page = q === saved.q ? saved.page : 0;
  const search = useResidentSearch(q, page);
  const open = useOpenResident();
  const [choosing, setChoosing] = useState<ResidentListItem | null>(null);

  const setPage = (next: number): void => save({ q, page: next });
  useEffect(() => {
    if (q !== saved.q) save({ q, page: 0 });
  }, [q, saved.q, save]);

  const columns = useMemo(
    (): DataColumn<ResidentListItem>[] => [
      {
        id: 'name',
        header: t('consoleResidents:column.name'),
        width: '24%',
        cell: (r) => (
          <button type="button" className="residents-name-button" data-testid="resident-open" onClick={(e) => { e.stopPropagation(); setChoosing(r); }}>
            {r.fullName}
          </button>
        ),
      },
      {
        id: 'unit',
        header: t('consoleResidents:column.unit'),
        width: '22%',
        cell: (r) =>
          r.units.length === 0 ? (
            <span className="console-muted">{t('consoleResidents:noUnit')}</span>
          ) : (
            r.units.map((u) => (
              <span key={u.unitId} className="residents-unit">
                <strong>{u.label}</strong> <span className="console-muted">{t(roleKey[u.role])}</span>
              </span>
            ))
          ),
      },
      { id: 'phone', header: t('consoleResidents:column.phone'), width: '16%', cell: (r) => <span className="residents-masked">{r.phoneMasked}</span> },
      {
        id: 'email',
        header: t('consoleResidents:column.email'),
        width: '20%',
        cell: (r) => (r.emailMasked === null ? <span className="console-muted">{t('consoleResidents:noEmail')}</span> : <span className="residents-masked">{r.emailMasked}</span>),
      },
      {
        id: 'status',
        header: t('consoleResidents:column.status'),
        cell: (r) =>
          r.movedOutAt === null ? (
            t('consoleResidents:living')
          ) : (
            <span className="residents-moved-out">{t('consoleResidents:movedOut', { date: formatInstant(r.movedOutAt).slice(0, 10) })}</span>
          ),
      },
    ],
    [t],
  );

  const data = search.data;
  return (
    <section className="console-page residents-page" aria-labelledby="residents-title" data-testid="residents-page">
      <h1 id="residents-title" className="console-page-title">
        {t('consoleResidents:title')}
      </h1>
      <form className="residents-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="residents-search-label" htmlFor="residents-q">
          {t('consoleResidents:search.label')}
        </label>
        <div className="residents-search-row">
          <input
            id="residents-q"
            type="search"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            className="residents-search-input"
            placeholder={t('consoleResidents:search.placeholder')}
            data-testid="residents-search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <span className="residents-total" data-testid="residents-total" aria-live="polite">
            {search.isFetching ? t('consoleResidents:loading') : data ? t('consoleResidents:total', { count: data.total }) : ''}
          </span>
        </div>
        <p className="console-muted residents-hint">{t('consoleResidents:search.hint')}</p>
      </form>

      {search.isError ? <ErrorMessage error={toAppError(search.error)} overrides={residentErrorOverrides} onRetry={() => void search.refetch()} retryDisabled={search.isFetching} /> : null}
      {data ? (
        <DataTable
          label={t('consoleResidents:table')}
          testId="residents-table"
          rows={data.residents}
          columns={columns}
          rowKey={(r) => r.id}
          emptyText={q === '' ? t('consoleResidents:emptyAll') : t('consoleResidents:empty', { q })}
          serverPaging={{ total: data.total, pageIndex: page, pageSize: CONSOLE_RESIDENTS_PAGE, onPageChange: setPage }}
          onOpenRow={(r) => setChoosing(r)}
          rowClassName={(r) => (r.movedOutAt !== null ? 'residents-row-moved-out' : undefined)}
        />
      ) : null}

      {choosing ? (
        <PurposeDialog
          residentName={choosing.fullName}
          busy={open.isPending}
          error={open.error ? toAppError(open.error) : null}
          onCancel={() => {
            setChoosing(null);
            open.reset();
          }}
          onOpen={(purpose, reason) =>
            open.mutate(
              { residentId: choosing.id, purpose, reason },
              { onSuccess: (opened) => void navigate({ to: '/residents/$residentId', params: { residentId: opened.resident.id } }) },
            )
          }
        />
      ) : null}
    </section>
  );
}
