import { useEffect, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import type { Bilingual, PurposeId } from '../../../shared/consents';
import type { ConsentsView } from '../../../shared/contract/consents';
import { safeCall } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useAction } from '../../components/use-action';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { PurposeCard } from './PurposeCard';

/** How long the screens wait for the hub's answer before showing anyway. */
export const CHECK_PATIENCE_MS = 3000;

/**
 * After sign-in: when the policy changed a purpose or its recipients since the resident's
 * last choice for it, they review those purposes before anything else (necessary purposes
 * are listed, not asked). The screens wait for that one answer (a moment), so nothing can be
 * done before the review; a resident with nothing to review then sees them as usual. If the
 * hub cannot be reached, the resident is not blocked; the hub counts those earlier choices
 * as off until reviewed.
 */
export function ReconsentGate({ children }: { children: ReactNode }): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const api = useKiot();
  const { run, busy, failure } = useAction();
  const [review, setReview] = useState<ConsentsView | null>(null);
  const [changes, setChanges] = useState<Bilingual | null>(null);
  const [chosen, setChosen] = useState<Partial<Record<PurposeId, boolean>>>({});
  const [done, setDone] = useState(false);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    let live = true;
    // A hub that does not answer must not hold the resident up; the review still shows if the answer comes.
    const patience = setTimeout(() => setChecked(true), CHECK_PATIENCE_MS);
    void (async () => {
      const result = await safeCall(() => api.consents.list({}));
      if (!live) return;
      setChecked(true);
      if (!result.ok || !result.value.purposes.some((p) => p.needsReview)) return;
      setReview(result.value);
      const policy = await safeCall(() => api.policy.get({}));
      if (live && policy.ok) setChanges(policy.value.versions[0]?.changes ?? null);
    })();
    return () => {
      live = false;
      clearTimeout(patience);
    };
  }, [api]);

  if (!checked) {
    return (
      <p className="info-text" role="status" data-testid="reconsent-checking">
        {t('consents:loading')}
      </p>
    );
  }
  if (review === null || done) return <>{children}</>;

  const asked = review.purposes.filter((p) => p.needsReview);
  const informed = review.purposes.filter((p) => p.necessary);
  const complete = asked.every((p) => chosen[p.id] !== undefined);

  const choose = async (purposeId: PurposeId, granted: boolean): Promise<void> => {
    const result = await run(() => api.consents.set({ purposeId, granted }));
    if (result?.ok) setChosen((current) => ({ ...current, [purposeId]: granted }));
  };

  return (
    <div className="reconsent" data-testid="reconsent">
      <h2 className="section-title">{t('consents:review.title')}</h2>
      <p className="info-text">{t('consents:review.intro', { version: review.policyVersion })}</p>
      {failure ? <ErrorMessage error={failure.error} /> : null}
      {/* The long part scrolls by itself, so Continue and what it waits for stay in sight on any screen and text size. */}
      <ScrollRegion label={t('consents:review.title')} className="reconsent-scroll">
        {changes !== null ? (
          <p className="reconsent-changes" data-testid="reconsent-changes">
            <strong>{t('consents:review.changes')}</strong> {changes[locale]}
          </p>
        ) : null}
        <div className="consent-list">
          {asked.map((purpose) => (
            <PurposeCard key={purpose.id} purpose={{ ...purpose, change: null }} mode="choose" chosen={chosen[purpose.id] ?? null} disabled={busy} onChoose={(granted) => void choose(purpose.id, granted)} />
          ))}
        </div>
        {informed.length > 0 ? (
          <section className="reconsent-informed">
            <h3 className="consent-title">{t('consents:review.informed')}</h3>
            <ul>
              {informed.map((p) => (
                <li key={p.id}>
                  {p.title[locale]}: {p.use[locale]}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </ScrollRegion>
      {!complete ? <p className="info-text">{t('consents:review.choose')}</p> : null}
      <button type="button" className="button button-primary button-huge" data-testid="reconsent-continue" disabled={!complete || busy} onClick={() => setDone(true)}>
        {t('consents:review.continue')}
      </button>
    </div>
  );
}
