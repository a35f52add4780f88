import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { PolicyView } from '../../../shared/contract/policy';
import { formatInstant, formatLocalDate } from '../../../shared/dates';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useAction } from '../../components/use-action';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { BackRow } from '../../components/BackRow';
import { ScrollRegion } from '../../components/ScrollRegion';

export type PolicyScreenProps = { onBack(): void };

/**
 * The privacy policy in large type: the version in effect, what changed, the purposes, and
 * the earlier versions, each of which opens in place. Served by the kiosk's stored copy
 * when the hub cannot be reached, and says so.
 */
export function PolicyScreen({ onBack }: PolicyScreenProps): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const api = useKiot();
  const { run, busy, failure } = useAction();
  const [view, setView] = useState<PolicyView | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  const load = useCallback((): Promise<void> => {
    const attempt = async (): Promise<void> => {
      const result = await run(() => api.policy.get({}), () => void attempt());
      if (result?.ok) setView(result.value);
    };
    return attempt();
  }, [api, run]);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = view?.versions.find((v) => v.version === (open ?? view.current)) ?? null;
  const earlier = view?.versions.filter((v) => v.version !== view.current) ?? [];

  return (
    <div className="policy">
      <div className="screen-head">
        <BackRow testId="policy-back" onBack={open !== null ? () => setOpen(null) : onBack} {...(open !== null ? { label: t('consents:policy.backToCurrent') } : {})} />
        <h2 className="section-title">{t('consents:policy.title')}</h2>
      </div>
      {view === null && busy ? (
        <p className="info-text" role="status">
          {t('consents:policy.loading')}
        </p>
      ) : null}
      {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
      {view?.storedAt ? (
        <p className="notice-offline" data-testid="policy-stored" role="status">
          {t('consents:policy.stored', { time: formatInstant(view.storedAt) })}
        </p>
      ) : null}
      {shown !== null && view !== null ? (
        // The text and the earlier versions scroll by themselves under Back and the title. Keyed by
        // the version shown, so opening one (or going back) starts at its top, not where the last was left.
        <ScrollRegion key={shown.version} label={t('consents:policy.title')} className="policy-scroll">
          <article className="policy-version" data-testid="policy-version" data-version={shown.version}>
            <p className="policy-meta">
              <span className="policy-badge">{t('consents:policy.version', { version: shown.version })}</span>
              {shown.version === view.current ? <span className="policy-badge policy-badge-current">{t('consents:policy.current')}</span> : null}
              <span data-testid="policy-effective">{t('consents:policy.effective', { date: formatLocalDate(shown.effectiveFrom) })}</span>
            </p>
            {shown.changes !== null ? (
              <p className="policy-changes" data-testid="policy-changes">
                <strong>{t('consents:policy.changes')}</strong> {shown.changes[locale]}
              </p>
            ) : null}
            <div className="policy-text" data-testid="policy-text">
              {shown.text[locale].split('\n').map((line, index) => {
                const text = line.trim();
                if (text === '') return null;
                // The title and the numbered sections stand out, so a resident can find their way by touch-scrolling.
                if (index === 0 || /^\d+\.\s/.test(text)) return <h3 key={index} className="policy-heading">{text}</h3>;
                return <p key={index}>{text}</p>;
              })}
            </div>
            <h3 className="consent-title">{t('consents:policy.purposes')}</h3>
            <ul className="policy-purposes">
              {shown.purposes.map((p) => (
                <li key={p.id}>
                  <strong>{p.title[locale]}</strong> <span className="policy-badge">{t(p.necessary ? 'consents:policy.necessaryTag' : 'consents:policy.optionalTag')}</span>
                  <br />
                  {p.use[locale]}
                  <br />
                  <span className="policy-recipients">{t('consents:recipientsLabel')}</span> {p.recipients[locale]}
                </li>
              ))}
            </ul>
          </article>
          {open === null && earlier.length > 0 ? (
            <section className="policy-history">
              <h3 className="consent-title">{t('consents:policy.history')}</h3>
              <ul className="menu-tiles">
                {earlier.map((v) => (
                  <li key={v.version}>
                    <button type="button" className="menu-tile" data-testid={`policy-open-${v.version}`} onClick={() => setOpen(v.version)}>
                      <span className="menu-tile-label">{t('consents:policy.open', { version: v.version, date: formatLocalDate(v.effectiveFrom) })}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </ScrollRegion>
      ) : null}
    </div>
  );
}
