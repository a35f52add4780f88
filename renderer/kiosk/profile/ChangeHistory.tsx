import type { JSX } from 'react';
import type { CorrectionView } from '../../../shared/contract/profile';
import { formatInstant } from '../../../shared/dates';
import type { ContactChange } from '../../../shared/profile';
import { useT } from '../../i18n/I18nProvider';

type Tone = 'waiting' | 'done' | 'rejected';
type Item = { id: string; what: string; state: string; tone: Tone; reason: string | null; at: string; resumable: boolean };

export type ChangeHistoryProps = {
  contactChanges: ContactChange[];
  corrections: CorrectionView[];
  onResume(change: ContactChange): void;
  disabled: boolean;
};

/** Each change with its state in words: saved on this kiosk, sent, done, or rejected with the reason. */
export function ChangeHistory({ contactChanges, corrections, onResume, disabled }: ChangeHistoryProps): JSX.Element {
  const t = useT();

  const contactItem = (c: ContactChange): Item => {
    const what = c.kind === 'phone' ? t('profile:what.phone', { value: c.newValueMasked ?? '' }) : c.newValueMasked === null ? t('profile:what.emailRemoved') : t('profile:what.email', { value: c.newValueMasked });
    const base = { id: c.id, what, reason: c.reason, at: c.createdAt, resumable: false };
    switch (c.status) {
      case 'pending':
        return { ...base, state: t('profile:state.waitingCode'), tone: 'waiting', resumable: true };
      case 'awaiting_review':
        return { ...base, state: t('profile:state.awaitingReview'), tone: 'waiting' };
      case 'done':
        return { ...base, state: t('profile:state.done'), tone: 'done' };
      case 'rejected':
        return { ...base, state: t('profile:state.rejected'), tone: 'rejected' };
      case 'expired':
      case 'replaced':
      case 'refused':
        return { ...base, state: t('profile:state.expired'), tone: 'rejected' };
      case 'failed':
        return { ...base, state: t('profile:state.failed'), tone: 'rejected' };
      default:
        return { ...base, state: '', tone: 'waiting' };
    }
  };

  const correctionItem = (c: CorrectionView): Item => {
    const what = c.field === 'name' ? t('profile:what.name', { value: c.value }) : t('profile:what.address', { value: c.value });
    const base = { id: c.id, what, at: c.createdAt, resumable: false };
    switch (c.state) {
      case 'saved':
        return { ...base, state: t('profile:state.saved'), tone: 'waiting', reason: null };
      case 'sent':
        return { ...base, state: t('profile:state.sent'), tone: 'waiting', reason: null };
      case 'approved':
        return { ...base, state: t('profile:state.done'), tone: 'done', reason: null };
      case 'rejected':
        return { ...base, state: t('profile:state.rejected'), tone: 'rejected', reason: c.reason ?? (c.rejectedCode !== null ? t('profile:rejectedByHub') : null) };
      default:
        return { ...base, state: '', tone: 'waiting', reason: null };
    }
  };

  const items = [...contactChanges.map(contactItem), ...corrections.map(correctionItem)].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const byId = new Map(contactChanges.map((c) => [c.id, c]));

  return (
    <section className="profile-history" aria-labelledby="profile-history-title">
      <h2 id="profile-history-title" className="section-title">
        {t('profile:history')}
      </h2>
      {items.length === 0 ? <p className="info-text">{t('profile:historyEmpty')}</p> : null}
      <ul className="profile-history-list">
        {items.map((item) => (
          <li key={item.id} className={`profile-history-item profile-history-${item.tone}`} data-testid="profile-history-item" data-state={item.tone}>
            <p className="profile-history-what">{item.what}</p>
            <p className="profile-history-state" data-testid="profile-history-state">
              {item.state}
            </p>
            {item.reason !== null ? (
              <p className="profile-history-reason" data-testid="profile-history-reason">
                {t('profile:reason', { reason: item.reason })}
              </p>
            ) : null}
            <p className="profile-history-date">{t('profile:askedOn', { date: formatInstant(item.at) })}</p>
            {item.resumable ? (
              <button type="button" className="button button-primary" data-testid="profile-resume" disabled={disabled} onClick={() => onResume(byId.get(item.id)!)}>
                {t('profile:continueCode')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
