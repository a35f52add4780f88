import { useMemo, useState } from 'react';
import type { JSX } from 'react';
import { checkBillRows, readBillsCsv } from '../../../shared/bills-csv';
import { BillingMonth } from '../../../shared/domain';
import { STATEMENT_ROWS_PER_CALL } from '../../../shared/hub-api/payment-reconciliation';
import type { BillImportError, BillImportRow } from '../../../shared/hub-api/payment-reconciliation';
import { formatVnd } from '../../../shared/money';
import { callOrThrow, toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { useStaffRole } from '../console/staff-context';
import './payments.css';
import { billErrorKey, canReconcile } from './payment-text';
import { ImportProgress, PaymentsTabs } from './PaymentsTabs';

const PREVIEW_ROWS = 10;

type Check = { done: number; total: number; hubErrors: BillImportError[]; finished: boolean; error: unknown };
type Publish = { state: 'running' | 'done'; published: number; error: unknown };

const errorId = (e: BillImportError): string => `${e.line}|${e.code}|${e.field}`;

/**
 * A month of bills from CSV: the file's own rules checked at once (the preview), then the hub's
 * (unknown unit, a bill that already exists) in chunks with a progress bar; publishing is offered
 * only when no row has an error, and writes every bill or none.
 */
export function BillsImportPage(): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const api = useKiot();
  const role = useStaffRole();
  const [month, setMonth] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [read, setRead] = useState<{ rows: BillImportRow[]; missingColumns: string[] } | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [publish, setPublish] = useState<Publish | null>(null);
  const [importId, setImportId] = useState(() => crypto.randomUUID());
  const monthOk = BillingMonth.safeParse(month).success;
  const local = useMemo(() => (read && monthOk ? checkBillRows(read.rows, month) : null), [read, month, monthOk]);
  const errors = useMemo(() => {
    const all = new Map<string, BillImportError>();
    for (const e of [...(local?.errors ?? []), ...(check?.hubErrors ?? [])]) all.set(errorId(e), e);
    return [...all.values()].sort((a, b) => a.line - b.line);
  }, [local, check]);
  const totalVnd = local?.bills.reduce((s, b) => s + b.amountVnd, 0) ?? 0;
  const checking = check !== null && !check.finished;
  const checked = check?.finished === true && check.error === null;
  const clean = checked && errors.length === 0;

  const reset = (): void => {
    setCheck(null);
    setPublish(null);
    setImportId(crypto.randomUUID());
  };
  const choose = async (file: File | undefined): Promise<void> => {
    reset();
    if (!file) return;
    setFileName(file.name);
    setRead(readBillsCsv(await file.text()));
  };
  const runCheck = async (): Promise<void> => {
    if (!read || !monthOk) return;
    const rows = read.rows;
    let state: Check = { done: 0, total: rows.length, hubErrors: [], finished: false, error: null };
    setCheck(state);
    try {
      for (let i = 0; i < rows.length; i += STATEMENT_ROWS_PER_CALL) {
        const chunk = rows.slice(i, i + STATEMENT_ROWS_PER_CALL);
        const answer = await callOrThrow(() => api.consolePayments.importBills({ importId, month, rows: chunk, mode: 'check' }));
        state = { ...state, done: i + chunk.length, hubErrors: [...state.hubErrors, ...answer.errors] };
        setCheck(state);
      }
      setCheck({ ...state, finished: true });
    } catch (error) {
      setCheck({ ...state, finished: true, error });
    }
  };
  const runPublish = async (): Promise<void> => {
    if (!read || !clean) return;
    setPublish({ state: 'running', published: 0, error: null });
    try {
      const answer = await callOrThrow(() => api.consolePayments.importBills({ importId, month, rows: read.rows, mode: 'publish' }));
      if (answer.errors.length > 0) {
        setCheck((c) => (c ? { ...c, hubErrors: answer.errors } : c));
        setPublish(null);
        return;
      }
      setPublish({ state: 'done', published: answer.counts.published, error: null });
    } catch (error) {
      setPublish({ state: 'done', published: 0, error });
    }
  };

  return (
    <section className="console-page payments-page" aria-labelledby="bills-import-title" data-testid="bills-import-page">
      <h1 id="bills-import-title" className="console-page-title">
        {t('consolePayments:billsImport.title')}
      </h1>
      <PaymentsTabs />
      <p className="console-muted">{t('consolePayments:billsImport.intro')}</p>
      <div className="payments-steps">
        <label className="payments-field">
          <span>{t('consolePayments:column.month')}</span>
          <input
            type="month"
            value={month}
            data-testid="bills-import-month"
            disabled={checking || publish !== null}
            onChange={(e) => {
              reset();
              setMonth(e.target.value);
            }}
          />
        </label>
        <label className="payments-field">
          <span>{t('consolePayments:billsImport.file')}</span>
          <input type="file" accept=".csv,text/csv" data-testid="bills-import-file" disabled={checking || publish?.state === 'running'} onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
      </div>
      {read && read.missingColumns.length > 0 ? (
        <p className="form-error" role="alert" data-testid="bills-import-columns">
          {t('consolePayments:billsImport.missingColumns', { columns: read.missingColumns.join(', ') })}
        </p>
      ) : null}
      {fileName !== null && read && read.missingColumns.length === 0 && !monthOk ? <p className="console-muted">{t('consolePayments:billsImport.pickMonth')}</p> : null}
      {fileName !== null && read && local ? (
        <>
          <p data-testid="bills-import-read">{t('consolePayments:billsImport.read', { file: fileName, rows: read.rows.length, total: formatVnd(totalVnd, locale) })}</p>
          <h2 className="console-section-title">{t('consolePayments:statement.preview')}</h2>
          <div className="payments-table-wrap">
            <table className="payments-preview" data-testid="bills-import-preview">
              <thead>
                <tr>
                  <th scope="col">{t('consolePayments:column.line')}</th>
                  <th scope="col">{t('consolePayments:column.unit')}</th>
                  <th scope="col">{t('consolePayments:column.service')}</th>
                  <th scope="col">{t('consolePayments:column.month')}</th>
                  <th scope="col">{t('consolePayments:column.amount')}</th>
                  <th scope="col">{t('consolePayments:column.due')}</th>
                </tr>
              </thead>
              <tbody>
                {read.rows.slice(0, PREVIEW_ROWS).map((row) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    <td>{row.unit}</td>
                    <td>{row.service}</td>
                    <td>{row.period}</td>
                    <td>{row.amount}</td>
                    <td>{row.dueDate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {errors.length > 0 ? (
            <div className="payments-errors" role="alert">
              <h2 className="console-section-title">{t('consolePayments:billsImport.errors', { count: errors.length })}</h2>
              <ul data-testid="bills-import-errors">
                {errors.map((e) => (
                  <li key={errorId(e)} data-testid="bills-import-error" data-line={e.line} data-code={e.code}>
                    {t('consolePayments:rowError', { line: e.line, problem: t(billErrorKey[e.code]) })}
                  </li>
                ))}
              </ul>
              <p className="console-muted">{t('consolePayments:billsImport.fixFirst')}</p>
            </div>
          ) : null}
          {canReconcile(role) ? (
            <div className="payments-actions">
              <button type="button" className="console-button" data-testid="bills-import-check" disabled={checking || read.rows.length === 0 || publish !== null} onClick={() => void runCheck()}>
                {t('consolePayments:billsImport.check')}
              </button>
              <button type="button" className="console-button is-primary" data-testid="bills-import-publish" disabled={!clean || publish !== null} onClick={() => void runPublish()}>
                {t('consolePayments:billsImport.publish', { count: read.rows.length })}
              </button>
            </div>
          ) : null}
          {!checked ? <p className="console-muted">{t('consolePayments:billsImport.checkFirst')}</p> : null}
        </>
      ) : null}
      {check !== null ? <ImportProgress done={publish?.state === 'running' ? 0 : check.done} total={check.total} label={t('consolePayments:billsImport.progress')} /> : null}
      {check?.error != null ? <ErrorMessage error={toAppError(check.error)} /> : null}
      {publish?.error != null ? <ErrorMessage error={toAppError(publish.error)} /> : null}
      {publish?.state === 'done' && publish.error === null ? (
        <p className="console-notice" role="status" data-testid="bills-import-published">
          {t('consolePayments:billsImport.published', { count: publish.published })}
        </p>
      ) : null}
    </section>
  );
}
