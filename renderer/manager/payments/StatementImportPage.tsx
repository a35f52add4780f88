import { useMemo, useState } from 'react';
import type { JSX } from 'react';
import { formatInstant } from '../../../shared/dates';
import { STATEMENT_ROWS_PER_CALL } from '../../../shared/hub-api/payment-reconciliation';
import type { StatementRowOutcome } from '../../../shared/hub-api/payment-reconciliation';
import { formatVnd } from '../../../shared/money';
import { mappingForPreset, parseStatementRows, readCsvTable, statementPresets } from '../../../shared/statement-csv';
import type { StatementMapping } from '../../../shared/statement-csv';
import { callOrThrow, toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { useStaffRole } from '../console/staff-context';
import './payments.css';
import { canReconcile, outcomeKey, statementErrorKey } from './payment-text';
import { ImportProgress, PaymentsTabs } from './PaymentsTabs';

const PREVIEW_ROWS = 10;
const MANUAL = 'manual';
type Field = 'date' | 'credit' | 'debit' | 'content' | 'reference';
const fields: readonly Field[] = ['date', 'credit', 'debit', 'content', 'reference'];
const outcomes: readonly StatementRowOutcome[] = ['matched', 'partial', 'overpaid', 'unmatched', 'duplicate', 'outgoing', 'wrong_account'];

type Run = { done: number; total: number; counts: Record<StatementRowOutcome, number>; finished: boolean; error: unknown };

const noCounts = (): Record<StatementRowOutcome, number> => ({ matched: 0, partial: 0, overpaid: 0, unmatched: 0, duplicate: 0, outgoing: 0, wrong_account: 0 });

/**
 * A bank statement from CSV: the file, the bank's column layout (a preset, or the columns picked
 * by hand), a preview with every row's errors, then the rows sent in chunks with a progress bar
 * and a summary of what they did.
 */
export function StatementImportPage(): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const api = useKiot();
  const role = useStaffRole();
  const [fileName, setFileName] = useState<string | null>(null);
  const [table, setTable] = useState<string[][] | null>(null);
  const [bank, setBank] = useState<string>(statementPresets[0]!.id);
  const [account, setAccount] = useState('');
  const [manual, setManual] = useState<StatementMapping>({ headerRow: 1, date: 0, credit: 1, debit: null, content: 2, reference: 3 });
  const [run, setRun] = useState<Run | null>(null);

  const preset = statementPresets.find((p) => p.id === bank) ?? null;
  const mapping = useMemo(() => (table === null ? null : preset !== null ? mappingForPreset(table, preset) : manual), [table, preset, manual]);
  const accountOk = /^[0-9A-Za-z]{4,19}$/.test(account.trim());
  const parsed = useMemo(() => (table !== null && mapping !== null ? parseStatementRows(table, mapping, { accountNumber: account.trim() }) : null), [table, mapping, account]);
  const headerCells = table?.[manual.headerRow - 1] ?? [];
  const running = run !== null && !run.finished;

  const choose = async (file: File | undefined): Promise<void> => {
    setRun(null);
    if (!file) return;
    setFileName(file.name);
    setTable(readCsvTable(await file.text()));
  };

  const start = async (): Promise<void> => {
    if (!parsed || parsed.rows.length === 0) return;
    const importId = crypto.randomUUID();
    const rows = parsed.rows;
    let state: Run = { done: 0, total: rows.length, counts: noCounts(), finished: false, error: null };
    setRun(state);
    try {
      for (let i = 0; i < rows.length; i += STATEMENT_ROWS_PER_CALL) {
        const chunk = rows.slice(i, i + STATEMENT_ROWS_PER_CALL);
        const answer = await callOrThrow(() => api.consolePayments.importStatement({ importId, bank, rows: chunk }));
        const counts = { ...state.counts };
        for (const o of outcomes) counts[o] += answer.counts[o] ?? 0;
        state = { ...state, done: i + chunk.length, counts };
        setRun(state);
      }
      setRun({ ...state, finished: true });
    } catch (error) {
      setRun({ ...state, finished: true, error });
    }
  };

  return (
    <section className="console-page payments-page" aria-labelledby="statement-title" data-testid="statement-page">
      <h1 id="statement-title" className="console-page-title">
        {t('consolePayments:statement.title')}
      </h1>
      <PaymentsTabs />
      <p className="console-muted">{t('consolePayments:statement.intro')}</p>
      <div className="payments-steps">
        <label className="payments-field">
          <span>{t('consolePayments:statement.file')}</span>
          <input type="file" accept=".csv,text/csv" data-testid="statement-file" disabled={running} onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
        <label className="payments-field">
          <span>{t('consolePayments:statement.bank')}</span>
          <select value={bank} data-testid="statement-bank" disabled={running} onChange={(e) => setBank(e.target.value)}>
            {statementPresets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.bankName}
              </option>
            ))}
            <option value={MANUAL}>{t('consolePayments:statement.manual')}</option>
          </select>
        </label>
        <label className="payments-field">
          <span>{t('consolePayments:statement.account')}</span>
          <input type="text" inputMode="numeric" maxLength={19} value={account} data-testid="statement-account" aria-invalid={account !== '' && !accountOk} onChange={(e) => setAccount(e.target.value)} />
        </label>
      </div>
      {table !== null && preset !== null && mapping === null ? (
        <p className="form-error" role="alert" data-testid="statement-no-preset">
          {t('consolePayments:statement.presetNotFound', { bank: preset.bankName })}
        </p>
      ) : null}
      {table !== null && preset === null ? (
        <fieldset className="payments-mapping" data-testid="statement-mapping">
          <legend>{t('consolePayments:statement.mapping')}</legend>
          <label className="payments-field">
            <span>{t('consolePayments:statement.headerRow')}</span>
            <input
              type="number"
              min={1}
              max={Math.max(1, table.length)}
              value={manual.headerRow}
              data-testid="mapping-header-row"
              onChange={(e) => setManual((m) => ({ ...m, headerRow: Math.min(Math.max(1, Number(e.target.value) || 1), Math.max(1, table.length)) }))}
            />
          </label>
          {fields.map((field) => (
            <label key={field} className="payments-field">
              <span>{t(fieldKey[field])}</span>
              <select
                data-testid={`mapping-${field}`}
                value={manual[field] ?? ''}
                onChange={(e) => setManual((m) => ({ ...m, [field]: e.target.value === '' ? null : Number(e.target.value) }))}
              >
                {field === 'debit' ? <option value="">{t('consolePayments:statement.noColumn')}</option> : null}
                {headerCells.map((cell, i) => (
                  <option key={i} value={i}>
                    {cell !== '' ? cell : t('consolePayments:statement.column', { n: i + 1 })}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      ) : null}
      {fileName !== null && parsed ? (
        <>
          <p data-testid="statement-summary-before">
            {t('consolePayments:statement.read', { file: fileName, rows: parsed.rows.length, errors: parsed.errors.length, outgoing: parsed.outgoing.length })}
          </p>
          <h2 className="console-section-title">{t('consolePayments:statement.preview')}</h2>
          <div className="payments-table-wrap">
            <table className="payments-preview" data-testid="statement-preview">
              <thead>
                <tr>
                  <th scope="col">{t('consolePayments:column.line')}</th>
                  <th scope="col">{t('consolePayments:column.received')}</th>
                  <th scope="col">{t('consolePayments:column.amount')}</th>
                  <th scope="col">{t('consolePayments:column.content')}</th>
                  <th scope="col">{t('consolePayments:column.reference')}</th>
                </tr>
              </thead>
              <tbody>
                {parsed.rows.slice(0, PREVIEW_ROWS).map((row) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    <td className="payments-nowrap">{formatInstant(row.receivedAt)}</td>
                    <td className="payments-nowrap">{formatVnd(row.amountVnd, locale)}</td>
                    <td>{row.content}</td>
                    <td>
                      <code>{row.providerTxId}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {parsed.errors.length > 0 ? (
            <div className="payments-errors" role="alert">
              <h2 className="console-section-title">{t('consolePayments:statement.errors', { count: parsed.errors.length })}</h2>
              <ul data-testid="statement-errors">
                {parsed.errors.map((e) => (
                  <li key={`${e.line}-${e.code}-${e.field}`} data-testid="statement-error" data-line={e.line} data-code={e.code}>
                    {t('consolePayments:rowError', { line: e.line, problem: t(statementErrorKey[e.code]) })}
                  </li>
                ))}
              </ul>
              <p className="console-muted">{t('consolePayments:statement.errorsSkipped')}</p>
            </div>
          ) : null}
          {canReconcile(role) ? (
            <div className="payments-actions">
            <button
              type="button"
              className="console-button is-primary"
              data-testid="statement-import"
              disabled={running || parsed.rows.length === 0 || !accountOk || run?.finished === true}
              onClick={() => void start()}
            >
              {t('consolePayments:statement.import', { count: parsed.rows.length })}
            </button>
            </div>
          ) : null}
          {!accountOk ? <p className="console-muted">{t('consolePayments:statement.accountNeeded')}</p> : null}
        </>
      ) : null}
      {run !== null ? <ImportProgress done={run.done} total={run.total} label={t('consolePayments:statement.progress')} /> : null}
      {run?.error != null ? <ErrorMessage error={toAppError(run.error)} /> : null}
      {run?.finished === true && parsed ? (
        <dl className="console-facts" data-testid="statement-result">
          {(['matched', 'partial', 'overpaid', 'unmatched', 'duplicate'] as const).map((o) => (
            <div key={o} className="console-fact">
              <dt>{t(outcomeKey[o])}</dt>
              <dd data-testid={`result-${o}`}>{run.counts[o]}</dd>
            </div>
          ))}
          <div className="console-fact">
            <dt>{t('consolePayments:statement.skipped')}</dt>
            <dd data-testid="result-skipped">{run.counts.outgoing + run.counts.wrong_account + parsed.outgoing.length}</dd>
          </div>
          <div className="console-fact">
            <dt>{t('consolePayments:statement.errorRows')}</dt>
            <dd data-testid="result-errors">{new Set(parsed.errors.map((e) => e.line)).size}</dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}

const fieldKey = {
  date: 'consolePayments:field.date',
  credit: 'consolePayments:field.credit',
  debit: 'consolePayments:field.debit',
  content: 'consolePayments:field.content',
  reference: 'consolePayments:field.reference',
} as const;
