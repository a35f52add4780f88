import type { JSX } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';
import { PurposeCard } from './PurposeCard';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useConsents } from './use-consents';
import { BackRow } from '../../components/BackRow';

export type ConsentsScreenProps = { onBack(): void };

/** "My consents": one card per purpose of the current policy, a large switch for each optional one. */
export function ConsentsScreen({ onBack }: ConsentsScreenProps): JSX.Element {
  const t = useT();
  const { view, busy, failure, set, setReceipts } = useConsents();

  return (
    <div className="consents">
      <div className="screen-head">
        <BackRow testId="consents-back" onBack={onBack} />
        <h2 className="section-title">{t('consents:title')}</h2>
      </div>
      <p className="info-text">{t('consents:intro')}</p>
      {view === null && busy ? (
        <p className="info-text" role="status">
          {t('consents:loading')}
        </p>
      ) : null}
      {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
      {view?.offline ? (
        <p className="notice-offline" data-testid="consents-offline" role="status">
          {t('consents:offline')}
        </p>
      ) : null}
      {view !== null ? (
        // The cards and the receipt choice scroll by themselves; Back and the title stay in sight.
        <ScrollRegion label={t('consents:title')} className="consents-scroll">
          <div className="consent-list" data-testid="consent-list">
            {view.purposes.map((purpose) => (
              <PurposeCard key={purpose.id} purpose={purpose} mode="switch" disabled={busy} onChoose={(granted) => void set(purpose.id, granted)} />
            ))}
          </div>
          <section className="consent-receipts" aria-labelledby="consent-receipts-title">
            <h3 id="consent-receipts-title" className="consent-title">
              {t('consents:receipts.title')}
            </h3>
            <div className="consent-choices">
              <button type="button" className={`button consent-choice${view.receiptChannel === 'sms' ? ' consent-choice-on' : ''}`} aria-pressed={view.receiptChannel === 'sms'} data-testid="receipts-sms" disabled={busy} onClick={() => void setReceipts('sms')}>
                {t('consents:receipts.sms')}
              </button>
              <button
                type="button"
                className={`button consent-choice${view.receiptChannel === 'email' ? ' consent-choice-on' : ''}`}
                aria-pressed={view.receiptChannel === 'email'}
                data-testid="receipts-email"
                disabled={busy || !view.hasEmail}
                onClick={() => void setReceipts('email')}
              >
                {t('consents:receipts.email')}
              </button>
            </div>
            {!view.hasEmail ? <p className="info-text">{t('consents:receipts.noEmail')}</p> : null}
          </section>
        </ScrollRegion>
      ) : null}
    </div>
  );
}
