import { useEffect, useRef } from 'react';
import type { JSX } from 'react';
import { formatLocalDate, formatMonth, vietnamDate } from '../../../shared/dates';
import type { Locale } from '../../../shared/domain';
import { formatVnd } from '../../../shared/money';
import type { ResidentLocation } from '../../app/kiosk-location';
import { ErrorMessage } from '../../components/ErrorMessage';
import { isRetryable } from '../../i18n/error-text';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { useBills } from '../bills/bills-store';
import { HubTrouble } from '../bills/HubTrouble';
import { whatIsOwed } from './owed';
import type { Owed } from './owed';
import { useBuilding } from './use-building';

export type HomeScreenProps = {
  onGo(to: ResidentLocation): void;
};

/** `2026-11` → `11` (vi: "Tháng 11") or `November`. */
function monthName(month: string, locale: Locale): string {
  return locale === 'vi' ? String(Number(month.slice(5))) : (formatMonth(month, 'en').split(' ')[0] ?? month);
}

/** `2026-12-15` → `15/12`: the year goes without saying for a date a month away. */
function dayMonth(date: string): string {
  return formatLocalDate(date).slice(0, 5);
}

/**
 * The first screen after sign-in: what the resident owes in one sentence, anything late
 * apart in red with how late, large shortcuts, the building's notices and the office.
 */
export function HomeScreen({ onGo }: HomeScreenProps): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const { bills, failure, refreshIfStale } = useBills();
  const building = useBuilding();

  const refreshOnEntry = useRef(refreshIfStale);
  useEffect(() => refreshOnEntry.current(), []);

  const owed: Owed | null = bills ? whatIsOwed(bills, vietnamDate(new Date())) : null;
  const vnd = (amount: number): string => formatVnd(amount, locale);
  const sentence = ((): string => {
    if (!owed) return t('home:owe.loading');
    const { current, overdue } = owed;
    if (current && current.months.length === 1) return t('home:owe.month', { month: monthName(current.months[0] ?? '', locale), amount: vnd(current.amountVnd), date: dayMonth(current.dueDate) });
    if (current) return t('home:owe.months', { amount: vnd(current.amountVnd), date: dayMonth(current.dueDate) });
    if (overdue) return t('home:owe.overdueOnly', { amount: vnd(overdue.amountVnd) });
    return t('home:owe.none');
  })();
  const unpaidIds = owed?.unpaidIds ?? [];
  const toPay = owed ? (owed.current?.amountVnd ?? 0) + (owed.overdue?.amountVnd ?? 0) : 0;
  const trouble = failure ? isRetryable(failure.error) ? <HubTrouble /> : <ErrorMessage error={failure.error} /> : null;
  const notices = building?.announcements.slice(0, 2) ?? [];
  const hours = building?.officeHours?.[locale] ?? '';

  return (
    <div className="home" data-testid="home">
      <div className="home-owed">
        <h2 className={owed && toPay === 0 ? 'home-sentence home-sentence-none' : 'home-sentence'} data-testid="home-sentence" aria-live="polite">
          {sentence}
        </h2>
        {owed?.overdue ? (
          <p className="home-overdue" data-testid="home-overdue">
            <span className="error-icon" aria-hidden="true">
              !
            </span>
            {t('home:overdue', { count: owed.overdue.daysLate, amount: vnd(owed.overdue.amountVnd) })}
          </p>
        ) : null}
      </div>
      {trouble}
      <nav className="home-shortcuts" aria-label={t('home:shortcuts.label')}>
        <button type="button" className="home-tile home-tile-pay" data-testid="home-pay" disabled={unpaidIds.length === 0} onClick={() => onGo({ screen: 'pay', billIds: unpaidIds })}>
          <span className="home-tile-label">{t('home:shortcuts.pay')}</span>
          <span className="home-tile-hint">{unpaidIds.length > 0 ? t('home:shortcuts.payHint', { amount: vnd(toPay) }) : t('home:shortcuts.payNothing')}</span>
        </button>
        <button type="button" className="home-tile" data-testid="home-bills" onClick={() => onGo({ screen: 'bills' })}>
          <span className="home-tile-label">{t('home:shortcuts.bills')}</span>
          <span className="home-tile-hint">{t('home:shortcuts.billsHint')}</span>
        </button>
        <button type="button" className="home-tile" data-testid="home-profile" onClick={() => onGo({ screen: 'profile' })}>
          <span className="home-tile-label">{t('home:shortcuts.profile')}</span>
          <span className="home-tile-hint">{t('home:shortcuts.profileHint')}</span>
        </button>
        <button type="button" className="home-tile" data-testid="home-privacy" onClick={() => onGo({ screen: 'privacy' })}>
          <span className="home-tile-label">{t('home:shortcuts.privacy')}</span>
          <span className="home-tile-hint">{t('home:shortcuts.privacyHint')}</span>
        </button>
        <button type="button" className="home-tile" data-testid="home-requests" onClick={() => onGo({ screen: 'requests' })}>
          <span className="home-tile-label">{t('home:shortcuts.requests')}</span>
          <span className="home-tile-hint">{t('home:shortcuts.requestsHint')}</span>
        </button>
      </nav>
      <div className="home-info">
        <section className="home-notices" aria-labelledby="home-notices-title" data-testid="home-notices">
          <h3 id="home-notices-title" className="home-info-title">
            {t('home:notices.title')}
          </h3>
          {notices.length === 0 ? <p className="home-muted">{t('home:notices.none')}</p> : null}
          <ul className="home-notice-list">
            {notices.map((notice) => (
              <li key={notice.id} className="home-notice">
                <span className="home-notice-title">{notice.title[locale]}</span>
                <span className="home-muted">{t('home:notices.published', { date: formatLocalDate(vietnamDate(new Date(notice.publishedAt))) })}</span>
                <span className="home-notice-body">{notice.body[locale]}</span>
              </li>
            ))}
          </ul>
        </section>
        {building && building.hotline !== '' ? (
          <section className="home-office" aria-labelledby="home-office-title" data-testid="home-office">
            <h3 id="home-office-title" className="home-info-title">
              {t('home:office.title')}
            </h3>
            <p className="home-office-phone">{t('home:office.phone', { phone: building.hotline })}</p>
            {hours !== '' ? <p className="home-muted">{t('home:office.hours', { hours })}</p> : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}
