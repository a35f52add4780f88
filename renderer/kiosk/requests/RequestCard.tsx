import { useState } from 'react';
import type { JSX } from 'react';
import type { MyRequest } from '../../../shared/requests';
import { useT } from '../../i18n/I18nProvider';
import { deadlineText, isClosed, localDate, localTime } from './request-dates';
import { actionKey, actorKey, deliveryKey, kindKey, noticeKey, statusKey } from './request-keys';

export type RequestCardProps = {
  request: MyRequest;
  /** Shown as a Cancel button while the request can still be cancelled. */
  onCancel?: (() => void) | null;
  busy?: boolean;
};

function tone(request: MyRequest): 'waiting' | 'done' | 'rejected' {
  switch (request.status) {
    case 'done':
      return 'done';
    case 'refused':
    case 'cancelled':
      return 'rejected';
    default:
      return 'waiting';
  }
}

/** One request: what it is, where it stands, the date that matters next, and its steps on demand. */
export function RequestCard({ request, onCancel = null, busy = false }: RequestCardProps): JSX.Element {
  const t = useT();
  const [open, setOpen] = useState(false);
  const historyId = `request-history-${request.id}`;
  return (
    <li className={`profile-history-item profile-history-${tone(request)} request-card`} data-testid="request-card" data-kind={request.kind} data-status={request.status}>
      <p className="profile-history-what">{t(kindKey[request.kind])}</p>
      <p className="profile-history-state" data-testid="request-status">
        {t(statusKey[request.status])}
      </p>
      <p className="request-deadline" data-testid="request-deadline">
        {deadlineText(t, request)}
      </p>
      {request.status === 'on_hold' ? <p className="info-text">{t('requests:hold.note')}</p> : null}
      {request.refusalReason !== null ? (
        <p className="profile-history-reason" data-testid="request-refusal">
          {t('requests:refusalReason', { reason: request.refusalReason })}
        </p>
      ) : null}
      {request.extendedDays > 0 && request.extensionReason !== null ? <p className="info-text">{t('requests:extended', { count: request.extendedDays, reason: request.extensionReason })}</p> : null}
      {request.exportDelivery !== null ? <p className="info-text">{t(deliveryKey[request.exportDelivery])}</p> : null}
      {/* Where the final notice goes matters only while the erasure is still to come. */}
      {request.finalNotice !== null && !isClosed(request) ? <p className="info-text">{t(noticeKey[request.finalNotice])}</p> : null}
      <p className="profile-history-date">{t('requests:list.sentOn', { date: localDate(request.createdAt) })}</p>
      <div className="request-card-actions">
        <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={historyId} data-testid="request-history-toggle" onClick={() => setOpen((o) => !o)}>
          {open ? t('requests:list.hideHistory') : t('requests:list.showHistory')}
        </button>
        {request.cancellable && onCancel ? (
          <button type="button" className="button button-secondary" data-testid="request-cancel" disabled={busy} onClick={onCancel}>
            {t('requests:list.cancel')}
          </button>
        ) : null}
      </div>
      {open ? (
        <ol id={historyId} className="request-history" data-testid="request-history">
          {request.history.map((event, i) => (
            <li key={`${event.at}-${i}`}>
              {t('requests:historyLine', { when: `${localDate(event.at)} ${localTime(event.at)}`, what: t(actionKey[event.action]), who: t(actorKey[event.actor]) })}
              {event.reason !== null ? ` — ${event.reason}` : ''}
            </li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}
