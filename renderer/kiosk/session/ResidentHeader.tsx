import type { JSX } from 'react';
import type { SessionView } from '../../../shared/contract';
import type { ResidentSummary } from '../../../shared/domain';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';

export type ResidentHeaderProps = {
  resident: ResidentSummary | null;
  onView(view: SessionView): void;
};

/** Above every signed-in screen: who is signed in, and the way out. */
export function ResidentHeader({ resident, onView }: ResidentHeaderProps): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const t = useT();
  const { busy, failure, run } = useAction(resync);

  const signOut = async (): Promise<void> => {
    const result = await run(() => api.session.end({}), () => void signOut());
    if (result?.ok) onView(result.value);
  };

  return (
    <>
      <div className="resident-header">
        <div>
          <h1 id="resident-greeting" className="greeting">
            {t('session:hello')} <span data-testid="resident-name">{resident?.fullName ?? ''}</span>
          </h1>
          {resident ? <p className="greeting-unit">{t('session:unit', { unit: resident.unitLabel })}</p> : null}
        </div>
        <button type="button" className="button button-signout" data-testid="sign-out" disabled={busy} onClick={() => void signOut()}>
          {t('session:signOut')}
        </button>
      </div>
      {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
    </>
  );
}
