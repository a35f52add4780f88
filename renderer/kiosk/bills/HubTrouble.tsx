import type { JSX } from 'react';
import { vietnamTime } from '../../../shared/dates';
import { useT } from '../../i18n/I18nProvider';
import { useBuilding } from '../home/use-building';
import { useBills } from './bills-store';
import { useSecondsUntil } from './use-seconds-until';

/**
 * While the bills cannot be read again: says so, when what is shown was read, when the
 * next try starts (counting down), a "Try now" button, and whom to call. Shown above the
 * bills kept from the last read, never instead of them.
 */
export function HubTrouble(): JSX.Element {
  const t = useT();
  const building = useBuilding();
  const { fetchedAt, retryAt, loading, reload } = useBills();
  const hotline = building?.hotline ?? '';
  return (
    <div className="hub-trouble" role="status" data-testid="hub-trouble">
      <p className="hub-trouble-text">
        <span className="error-icon" aria-hidden="true">
          !
        </span>
        {t('bills:hub.down')}
        {fetchedAt !== null ? (
          <>
            {' '}
            <span data-testid="bills-as-of">{t('bills:hub.asOf', { time: vietnamTime(new Date(fetchedAt).toISOString()) })}</span>
          </>
        ) : null}
      </p>
      <div className="hub-trouble-row">
        <span className="hub-trouble-countdown" data-testid="retry-countdown">
          {loading || retryAt === null ? t('bills:hub.retrying') : <RetryIn key={retryAt} at={retryAt} />}
        </span>
        <button type="button" className="button button-secondary" data-testid="retry-now" disabled={loading} onClick={reload}>
          {t('bills:hub.retryNow')}
        </button>
      </div>
      {hotline !== '' ? (
        <p className="hub-trouble-office" data-testid="office-phone">
          {t('bills:hub.office', { phone: hotline })}
        </p>
      ) : null}
    </div>
  );
}

function RetryIn({ at }: { at: number }): JSX.Element {
  const t = useT();
  const seconds = useSecondsUntil(at);
  return <>{t('bills:hub.retryIn', { count: seconds })}</>;
}
