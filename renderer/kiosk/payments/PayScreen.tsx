import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import { assertNever } from '../../../shared/assert-never';
import type { PaymentState } from '../../../shared/contract/payments';
import type { Bill, Locale } from '../../../shared/domain';
import { formatMonth } from '../../../shared/dates';
import { formatVnd } from '../../../shared/money';
import type { PaymentIntent } from '../../../shared/payments';
import type { AppError } from '../../../shared/result';
import { safeCall } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { useBills } from '../bills/bills-store';
import { serviceKey } from '../bills/service-key';
import { StatusBadge } from '../bills/StatusBadge';
import { isSettled, spacedAccount, spacedCode, stillDue } from './payment-view';

export type PayScreenProps = {
  billIds: readonly string[];
  /** Back and Done both just leave: the intent stays open, since the money may be on its way. */
  onBack(): void;
  onDone(): void;
  /** How long to wait before asking again when the hub could not be reached. */
  retryMs?: number;
};

type Phase =
  | { kind: 'creating' }
  | { kind: 'createFailed'; error: AppError }
  | { kind: 'open'; payment: PaymentIntent; bills: Bill[] | null; offline: boolean };

const RETRY_MS = 5_000;

// The QR encoder is its own chunk, fetched when a resident first pays: the kiosk's first paint does not wait for it.
const QrCode = lazy(async () => ({ default: (await import('./QrCode')).QrCode }));

/** Says it aloud where the platform can; a kiosk without speech just shows it. */
function speak(text: string, locale: Locale): void {
  try {
    if (typeof window.speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = locale === 'vi' ? 'vi-VN' : 'en-US';
    window.speechSynthesis.speak(utterance);
  } catch {
    // Speech is a courtesy: the confirmation is on the screen.
  }
}

/**
 * Pay some bills by VietQR: the hub opens a payment intent, the screen draws its QR code with
 * the account and the payment code beside it in large print, then waits (long polls through the
 * core) for the bank's confirmation. Leaving never cancels: the resident may have sent the money
 * already, and the bills list shows it when it arrives. Render it keyed by its bills.
 */
export function PayScreen({ billIds, onBack, onDone, retryMs = RETRY_MS }: PayScreenProps): JSX.Element {
  const api = useKiot();
  const t = useT();
  const { locale } = useLocale();
  const { replace } = useBills();
  const [phase, setPhase] = useState<Phase>({ kind: 'creating' });
  const [attempt, setAttempt] = useState(0);
  // Read inside the long-poll loop, which outlives renders.
  const speech = useRef({ t, locale });
  useEffect(() => {
    speech.current = { t, locale };
  }, [t, locale]);

  // The store's `replace` may change with the bills it updates: read through a ref, so the
  // payment's loop (which must run once per screen) does not restart when bills change.
  const replaceBill = useRef(replace);
  useEffect(() => {
    replaceBill.current = replace;
  }, [replace]);

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pause = (ms: number): Promise<void> =>
      new Promise((resolve) => {
        timer = setTimeout(resolve, ms);
      });

    const run = async (): Promise<void> => {
      setPhase({ kind: 'creating' });
      const created = await safeCall(() => api.payments.create({ billIds: [...billIds] }));
      if (!active) return;
      if (!created.ok) {
        setPhase({ kind: 'createFailed', error: created.error });
        return;
      }
      let payment = created.value.payment;
      setPhase({ kind: 'open', payment, bills: null, offline: false });
      // The first wait answers at once (no `seen`), in case the money came before the screen did.
      let seen: PaymentIntent['status'] | undefined;
      while (active) {
        const since = seen;
        const waited = await safeCall(() => api.payments.wait(since === undefined ? { id: payment.id } : { id: payment.id, seen: since }));
        if (!active) return;
        if (!waited.ok) {
          if (waited.error.code !== 'hub_unavailable') return;
          // The QR stays: the bank can take the money without us; we ask again in a moment.
          setPhase({ kind: 'open', payment, bills: null, offline: true });
          await pause(retryMs);
          continue;
        }
        const state: PaymentState = waited.value;
        const becamePaid = state.payment.status === 'paid' && payment.status !== 'paid';
        payment = state.payment;
        seen = payment.status;
        for (const bill of state.bills) replaceBill.current(bill);
        setPhase({ kind: 'open', payment, bills: state.bills, offline: false });
        if (becamePaid) speak(speech.current.t('payments:received', { amount: formatVnd(payment.receivedVnd, speech.current.locale) }), speech.current.locale);
        if (isSettled(payment.status)) return;
      }
    };
    void run();
    return () => {
      active = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, billIds, retryMs, attempt]);

  const actions = (done: boolean): JSX.Element => (
    <div className="pay-actions">
      <button type="button" className="button button-secondary" data-testid="pay-back" onClick={onBack}>
        <span aria-hidden="true">‹</span> {t('common:back')}
      </button>
      {done ? (
        <button type="button" className="button button-primary" data-testid="pay-done" onClick={onDone}>
          {t('payments:done')}
        </button>
      ) : null}
    </div>
  );

  const header = (
    <header className="pay-header">
      <h2 id="pay-title" className="screen-title">
        {t('payments:title')}
      </h2>
      <p className="screen-hint">{t('payments:forBills', { count: billIds.length })}</p>
    </header>
  );

  if (phase.kind !== 'open') {
    return (
      <section className="pay-screen" data-testid="pay-screen" data-phase={phase.kind} aria-labelledby="pay-title">
        {header}
        {phase.kind === 'creating' ? (
          <p className="info-text" role="status">
            {t('payments:preparing')}
          </p>
        ) : (
          <CreateFailure error={phase.error} onRetry={() => setAttempt((n) => n + 1)} />
        )}
        {actions(false)}
      </section>
    );
  }

  const { payment, bills, offline } = phase;
  const status = payment.status;
  const received = formatVnd(payment.receivedVnd, locale);
  const showQr = status === 'open';
  return (
    <section className="pay-screen" data-testid="pay-screen" data-phase="open" data-status={status} aria-labelledby="pay-title">
      {header}
      <div className={showQr ? 'pay-body' : 'pay-body pay-body-settled'}>
        {showQr ? (
          <>
            <div className="pay-qr-box">
              <Suspense fallback={<div className="qr-code" />}>
                <QrCode payload={payment.qrPayload} label={t('payments:qrLabel', { amount: formatVnd(payment.amountVnd, locale), account: payment.account.accountNumber, code: payment.code })} />
              </Suspense>
              <p className="pay-scan-hint">{t('payments:scanHint')}</p>
            </div>
            <div className="pay-facts-box">
              <p className="pay-type-hint">{t('payments:typeHint')}</p>
              <dl className="pay-facts">
                <Fact label={t('payments:bank')} testId="pay-bank">
                  {payment.account.bankName}
                </Fact>
                <Fact label={t('payments:accountNumber')} testId="pay-account">
                  {spacedAccount(payment.account.accountNumber)}
                </Fact>
                <Fact label={t('payments:accountName')} testId="pay-account-name">
                  {payment.account.accountName}
                </Fact>
                <Fact label={t('payments:amount')} testId="pay-amount" big>
                  {formatVnd(payment.amountVnd, locale)}
                </Fact>
                <Fact label={t('payments:code')} testId="pay-code" big>
                  {spacedCode(payment.code)}
                </Fact>
              </dl>
            </div>
          </>
        ) : (
          <SettledBills bills={bills} />
        )}
        <div className="pay-status" role="status" aria-live="polite" data-testid="pay-status">
          <StatusText status={status} received={received} due={formatVnd(stillDue(payment), locale)} />
          {offline ? <p className="pay-offline" data-testid="pay-offline">{t('payments:offline')}</p> : null}
          {showQr ? <p className="pay-leave-hint">{t('payments:leaveHint')}</p> : null}
        </div>
        {actions(!showQr)}
      </div>
    </section>
  );
}

function StatusText({ status, received, due }: { status: PaymentIntent['status']; received: string; due: string }): JSX.Element {
  const t = useT();
  switch (status) {
    case 'open':
      return (
        <p className="pay-waiting">
          <span className="pay-spinner" aria-hidden="true" />
          {t('payments:waiting')}
        </p>
      );
    case 'paid':
      return (
        <>
          <p className="pay-received" data-testid="pay-received">
            <span aria-hidden="true">✓ </span>
            {t('payments:received', { amount: received })}
          </p>
          <p className="info-text">{t('payments:paidNote')}</p>
        </>
      );
    case 'partially_paid':
      return (
        <>
          <p className="pay-received pay-received-partial" data-testid="pay-received">
            {t('payments:received', { amount: received })}
          </p>
          <p className="pay-due" data-testid="pay-due">
            {t('payments:partial', { due })}
          </p>
          <p className="info-text">{t('payments:partialHint')}</p>
        </>
      );
    case 'overpaid':
      return (
        <>
          <p className="pay-received" data-testid="pay-received">
            {t('payments:received', { amount: received })}
          </p>
          <p className="info-text" data-testid="pay-overpaid">
            {t('payments:overpaid')}
          </p>
        </>
      );
    case 'expired':
    case 'cancelled':
      return (
        <p className="info-text" data-testid="pay-closed">
          {t('payments:closed')}
        </p>
      );
    default:
      return assertNever(status, 'payment status');
  }
}

function CreateFailure({ error, onRetry }: { error: AppError; onRetry(): void }): JSX.Element {
  const t = useT();
  if (error.code === 'hub_unavailable') {
    return (
      <div className="error-box" role="alert">
        <p className="error-text" data-testid="error-message">
          <span className="error-icon" aria-hidden="true">!</span>
          {t('payments:createOffline')}
        </p>
        <button type="button" className="button button-secondary" data-testid="retry" onClick={onRetry}>
          {t('payments:retry')}
        </button>
      </div>
    );
  }
  if (error.code === 'wrong_state' || error.code === 'not_found') {
    return (
      <p className="info-text" role="alert" data-testid="pay-nothing-due">
        {t('payments:nothingDue')}
      </p>
    );
  }
  return <ErrorMessage error={error} />;
}

function SettledBills({ bills }: { bills: Bill[] | null }): JSX.Element | null {
  const t = useT();
  const { locale } = useLocale();
  if (bills === null || bills.length === 0) return null;
  return (
    // Focusable: a long "pay all" list scrolls, and a keyboard or switch user must be able to scroll it too.
    <ul className="pay-bills" data-testid="pay-bills" tabIndex={0} aria-label={t('payments:billsLabel')}>
      {bills.map((bill) => (
        <li key={bill.id} className="pay-bill" data-bill-id={bill.id}>
          <span className="pay-bill-name">
            {t(serviceKey(bill.service))} · {formatMonth(bill.month, locale)}
          </span>
          <span className="pay-bill-amount">{formatVnd(bill.amountVnd, locale)}</span>
          <StatusBadge status={bill.status} />
        </li>
      ))}
    </ul>
  );
}

function Fact({ label, testId, big = false, children }: { label: string; testId: string; big?: boolean; children: ReactNode }): JSX.Element {
  return (
    <div className={big ? 'pay-fact pay-fact-big' : 'pay-fact'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
