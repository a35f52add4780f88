import { useEffect, useRef, useState } from 'react';
import type { JSX } from 'react';
import type { SessionView } from '../../../shared/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';

export type CountdownOverlayProps = {
  countdown: NonNullable<SessionView['countdown']>;
  onView(view: SessionView): void;
};

/**
 * "Are you still there?", with "End now" beside the large Continue. Render it keyed by `countdown.endsAt`: it counts down locally from
 * the `secondsLeft` it first received (so a clock skew between main and renderer does not
 * matter) and follows any later, smaller `secondsLeft` the main process pushes.
 */
export function CountdownOverlay({ countdown, onView }: CountdownOverlayProps): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const t = useT();
  const { busy, failure, run } = useAction(resync);
  const [shownAt] = useState(() => Date.now());
  const [initialSeconds] = useState(countdown.secondsLeft);
  const [now, setNow] = useState(shownAt);
  const continueButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => continueButton.current?.focus(), []);

  const elapsed = Math.floor((now - shownAt) / 1000);
  const secondsLeft = Math.max(0, Math.min(countdown.secondsLeft, initialSeconds - elapsed));

  const onContinue = async (): Promise<void> => {
    const result = await run(() => api.session.continue({}), () => void onContinue());
    if (result?.ok) onView(result.value);
  };
  // A resident who is done need not wait out the seconds with their bills on screen.
  const onEndNow = async (): Promise<void> => {
    const result = await run(() => api.session.end({}), () => void onEndNow());
    if (result?.ok) onView(result.value);
  };

  return (
    <div className="overlay" data-testid="countdown-overlay">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="countdown-title" aria-describedby="countdown-body">
        <h2 id="countdown-title" className="dialog-title">
          {t('session:countdown.title')}
        </h2>
        <p id="countdown-body" className="dialog-body">
          {t('session:countdown.body')}
        </p>
        <p className="countdown-seconds" aria-live="off">
          <span className="countdown-number" data-testid="countdown-seconds">
            {secondsLeft}
          </span>{' '}
          <span className="countdown-unit">{t('session:countdown.seconds', { count: secondsLeft })}</span>
        </p>
        {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
        <div className="countdown-actions">
          <button type="button" className="button button-secondary button-huge" data-testid="countdown-end" disabled={busy} onClick={() => void onEndNow()}>
            {t('session:countdown.endNow')}
          </button>
          <button ref={continueButton} type="button" className="button button-primary button-huge" data-testid="countdown-continue" disabled={busy} onClick={() => void onContinue()}>
            {t('session:countdown.continue')}
          </button>
        </div>
      </div>
    </div>
  );
}
