import type { JSX } from 'react';
import type { MyRequest } from '../../../shared/requests';
import { useT } from '../../i18n/I18nProvider';
import { countdownParts, countdownText, holdText, localDate, localTime, pendingErasure, weekdayName } from './request-dates';
import { useNow } from './use-now';

export type DeletionStatusProps = {
  request: MyRequest;
  /** The resident's first sight of it (true) or one already open when they came (false). */
  created: boolean;
  onCancel(): void;
  onOpenList(): void;
};

/** An open deletion: when the erasure runs, date and time, a live countdown, and the Cancel button while it can be. */
export function DeletionStatus({ request, created, onCancel, onOpenList }: DeletionStatusProps): JSX.Element {
  const t = useT();
  const now = useNow(1000);
  const erase = pendingErasure(request);
  const left = erase === null ? null : countdownParts(Date.parse(erase), now);
  return (
    <section className="deletion-status" aria-labelledby="deletion-status-title" data-testid="deletion-status">
      <h2 id="deletion-status-title" className="section-title">
        {t('requests:deletion.confirmedTitle')}
      </h2>
      {!created ? (
        <p className="notice-offline" role="status" data-testid="deletion-already-open">
          {t('requests:deletion.alreadyOpen')}
        </p>
      ) : null}
      {erase !== null && left !== null ? (
        <>
          <p className="request-erase-at" data-testid="deletion-erase-at">
            {t('requests:deletion.eraseOn', { time: localTime(erase), day: weekdayName(t, erase), date: localDate(erase) })}
          </p>
          <div className="request-countdown" role="timer" aria-live="off" data-testid="deletion-countdown">
            <span className="request-countdown-label">{t('requests:countdown.label')}</span>
            <span className="request-countdown-value">{countdownText(t, left)}</span>
          </div>
          <p className="info-text">{t('requests:deletion.canCancel')}</p>
        </>
      ) : request.status === 'on_hold' ? (
        <p className="info-text" data-testid="deletion-held">
          {request.holdCategory !== null ? `${holdText(t, request.holdCategory)}. ` : ''}
          {t('requests:deletion.heldNote')}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="deletion-to-list" onClick={onOpenList}>
          {t('requests:toList')}
        </button>
        {request.cancellable ? (
          <button type="button" className="button button-primary" data-testid="deletion-cancel" onClick={onCancel}>
            {t('requests:deletion.cancelRequest')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
