import { useState } from 'react';
import type { JSX } from 'react';
import type { SessionView } from '../../../shared/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { otherLocale } from '../../i18n/i18n';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { PolicyScreen } from '../policy/PolicyScreen';

export type AttractScreenProps = {
  buildingName: string;
  /** The last session was ended by the kiosk (idle, time limit), not by the resident. */
  sessionEnded: boolean;
  onView(view: SessionView): void;
};

export function AttractScreen({ buildingName, sessionEnded, onView }: AttractScreenProps): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const t = useT();
  const { locale } = useLocale();
  const other = otherLocale(locale);
  const { busy, failure, run } = useAction(resync);
  // Anyone may read the privacy policy before deciding to sign in; it holds nobody's data.
  const [readingPolicy, setReadingPolicy] = useState(false);

  const start = async (): Promise<void> => {
    const result = await run(() => api.session.start({}), () => void start());
    if (result?.ok) onView(result.value);
  };

  if (readingPolicy) {
    return (
      <section className="screen screen-public-policy">
        <PolicyScreen onBack={() => setReadingPolicy(false)} />
      </section>
    );
  }

  return (
    <section className="screen screen-attract" aria-labelledby="attract-title">
      <p className="attract-welcome">{t('attract:welcome')}</p>
      <h1 id="attract-title" className="attract-building">
        {buildingName}
      </h1>
      <p className="attract-hint">{t('attract:hint')}</p>
      <button type="button" className="attract-start" data-testid="attract-start" disabled={busy} onClick={() => void start()}>
        <span className="attract-start-icon" aria-hidden="true">
          ☝
        </span>
        <span className="attract-start-main">{t('attract:start')}</span>
        {/* The invitation in the other language too, for a resident who does not read this one. */}
        <span className="attract-start-other" lang={other}>
          {t('attract:start', { lng: other })}
        </span>
      </button>
      {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
      {sessionEnded && !failure ? <p className="attract-notice">{t('attract:sessionEnded')}</p> : null}
      <button type="button" className="button button-secondary attract-policy" data-testid="attract-policy" onClick={() => setReadingPolicy(true)}>
        {t('attract:policy')}
      </button>
    </section>
  );
}
