import type { JSX } from 'react';
import type { SessionView } from '../../shared/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { useKiot } from '../components/KiotProvider';
import { useI18n } from '../i18n/I18nProvider';
import { otherLocale, translate } from '../i18n/translate';
import { useResync } from './resync';
import { useAction } from './use-action';

export type AttractScreenProps = {
  buildingName: string;
  /** The last session was ended by the kiosk (idle, time limit), not by the resident. */
  sessionEnded: boolean;
  onView(view: SessionView): void;
};

export function AttractScreen({ buildingName, sessionEnded, onView }: AttractScreenProps): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const { t, locale } = useI18n();
  const { busy, failure, run } = useAction(resync);

  const start = async (): Promise<void> => {
    const result = await run(() => api.session.start({}), () => void start());
    if (result?.ok) onView(result.value);
  };

  return (
    <section className="screen screen-attract" aria-labelledby="attract-title">
      <p className="attract-welcome">{t('attract.welcome')}</p>
      <h1 id="attract-title" className="attract-building">
        {buildingName}
      </h1>
      <p className="attract-hint">{t('attract.hint')}</p>
      <button type="button" className="attract-start" data-testid="attract-start" disabled={busy} onClick={() => void start()}>
        <span className="attract-start-icon" aria-hidden="true">
          ☝
        </span>
        <span className="attract-start-main">{t('attract.start')}</span>
        <span className="attract-start-other" lang={otherLocale(locale)}>
          {translate(otherLocale(locale), 'attract.start')}
        </span>
      </button>
      {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
      {sessionEnded && !failure ? <p className="attract-notice">{t('attract.sessionEnded')}</p> : null}
    </section>
  );
}
