import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { RequestOf, ResponseOf } from '../../../shared/contract';
import type { ProfileView } from '../../../shared/contract/profile';
import type { ContactChange } from '../../../shared/profile';
import type { AppError } from '../../../shared/result';
import { safeCall } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { BackRow } from '../../components/BackRow';
import { ScrollRegion } from '../../components/ScrollRegion';
import { ChangeHistory } from './ChangeHistory';
import { CodeStep } from './CodeStep';
import { PhoneChangeForm } from './PhoneChangeForm';
import { ProfileFields } from './ProfileFields';
import { TextChangeForm } from './TextChangeForm';

export type ProfileScreenProps = { onBack(): void };

type Notice = 'done' | 'doneReview' | 'removed' | 'recorded';
type Mode =
  | { kind: 'view'; notice: Notice | null }
  | { kind: 'confirmRemove' }
  | { kind: 'phone' }
  | { kind: 'email' }
  | { kind: 'name' }
  | { kind: 'address' }
  | { kind: 'code'; change: ContactChange; target: 'old' | 'new'; start: Started | null };

/** What started a change and when its codes went out, so the code step can ask for them again. */
type Started = { input: RequestOf<'profile:startContactChange'>; sentAt: number; afterSeconds: number };

/** While a correction waits on this kiosk, the screen looks again this often to show "sent". */
const POLL_MS = 3000;

const noticeKeys = {
  done: 'profile:code.done',
  doneReview: 'profile:code.doneReview',
  removed: 'profile:remove.done',
  // Whether it is still on this kiosk or already sent, the list below says (and updates).
  recorded: 'profile:correction.recorded',
} as const satisfies Record<Notice, string>;

/** The code still to type for a change, or null when it needs none. */
function nextTarget(change: ContactChange): 'old' | 'new' | null {
  if (change.status !== 'pending') return null;
  if (!change.newVerified) return 'new';
  if (change.needsOldCode && !change.oldVerified) return 'old';
  return null;
}

/** "My information": the resident's details (masked), changes with codes, corrections, and the state of each. */
export function ProfileScreen({ onBack }: ProfileScreenProps): JSX.Element {
  const api = useKiot();
  const t = useT();
  const [profile, setProfile] = useState<ProfileView | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [generation, setGeneration] = useState(0);
  const [mode, setMode] = useState<Mode>({ kind: 'view', notice: null });
  const remove = useAction();

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let live = true;
    void safeCall(() => api.profile.get({})).then((result) => {
      if (!live) return;
      if (result.ok) {
        setProfile(result.value);
        setLoadError(null);
      } else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, generation]);

  const waiting = profile?.corrections.some((c) => c.state === 'saved') ?? false;
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, reload]);

  const toView = useCallback(
    (notice: Notice | null): void => {
      setMode({ kind: 'view', notice });
      reload();
    },
    [reload],
  );

  const afterCode = (result: ResponseOf<'profile:verifyContactChange'>): void => {
    const { change } = result;
    const target = nextTarget(change);
    if (target !== null) setMode((m) => ({ kind: 'code', change, target, start: m.kind === 'code' ? m.start : null }));
    else toView(change.status === 'awaiting_review' ? 'doneReview' : 'done');
  };

  const started = useCallback(
    (result: ResponseOf<'profile:startContactChange'>, input: RequestOf<'profile:startContactChange'>): void => {
      const target = nextTarget(result.change);
      // The hub says how long until new codes may be asked for; counted from now.
      const start: Started = { input, sentAt: Date.now(), afterSeconds: result.resendAfterSeconds };
      if (target !== null) setMode({ kind: 'code', change: result.change, target, start });
      else toView(result.change.status === 'awaiting_review' ? 'doneReview' : 'done');
    },
    [toView],
  );

  const resendFor = (start: Started): (() => Promise<boolean>) => async () => {
    const result = await safeCall(() => api.profile.startContactChange(start.input));
    if (!result.ok) return false;
    started(result.value, start.input);
    return true;
  };

  const confirmRemove = async (): Promise<void> => {
    const result = await remove.run(() => api.profile.removeEmail({}), () => void confirmRemove());
    if (result?.ok) toView('removed');
  };

  /** A change form or a code step is open (rather than the fields and their history). */
  const editing = profile !== null && mode.kind !== 'view' && mode.kind !== 'confirmRemove';

  const body = ((): JSX.Element => {
    if (profile === null) {
      return loadError ? (
        <ErrorMessage error={loadError} onRetry={reload} />
      ) : (
        <p className="info-text" role="status">
          {t('profile:loading')}
        </p>
      );
    }
    switch (mode.kind) {
      case 'phone':
        return <PhoneChangeForm currentPhone={profile.details.phone} onStarted={started} onCancel={() => toView(null)} />;
      case 'email':
        return <TextChangeForm field="email" onStarted={started} onCancel={() => toView(null)} />;
      case 'name':
        return <TextChangeForm field="name" initial={profile.details.fullName} onRequested={() => toView('recorded')} onCancel={() => toView(null)} />;
      case 'address':
        return <TextChangeForm field="address" initial={profile.details.contactAddress ?? ''} onRequested={() => toView('recorded')} onCancel={() => toView(null)} />;
      case 'code':
        return (
          <CodeStep
            key={`${mode.change.id}-${mode.target}-${mode.start?.sentAt ?? 0}`}
            change={mode.change}
            target={mode.target}
            onVerified={afterCode}
            onCancel={() => toView(null)}
            resend={mode.start === null ? null : { sentAt: mode.start.sentAt, afterSeconds: mode.start.afterSeconds, run: resendFor(mode.start) }}
          />
        );
      case 'view':
      case 'confirmRemove':
        return (
          <>
            {profile.fromCache ? (
              <p className="info-text" role="status" data-testid="profile-from-cache">
                {t('profile:fromCache')}
              </p>
            ) : null}
            {mode.kind === 'view' && mode.notice !== null ? (
              <p className="profile-notice" role="status" data-testid="profile-notice">
                {t(noticeKeys[mode.notice])}
              </p>
            ) : null}
            {/* The fields and the change history scroll by themselves under Back, the title and any notice. */}
            <ScrollRegion label={t('profile:title')} className="profile-scroll">
              <p className="info-text">{t('profile:maskedHint')}</p>
              <ProfileFields details={profile.details} disabled={false} onChange={(field) => setMode({ kind: field })} onRemoveEmail={() => setMode({ kind: 'confirmRemove' })} />
              <ChangeHistory
                contactChanges={profile.contactChanges}
                corrections={profile.corrections}
                disabled={false}
                onResume={(change) => {
                  const target = nextTarget(change);
                  if (target !== null) setMode({ kind: 'code', change, target, start: null });
                }}
              />
            </ScrollRegion>
          </>
        );
      default:
        return <></>;
    }
  })();

  return (
    <div className={editing ? 'profile-screen profile-screen-editing' : 'profile-screen'} data-testid="profile-screen">
      <div className="screen-head">
        <BackRow testId="profile-back" onBack={onBack} />
        {/* A change form or code step carries its own title: on a short landscape screen the keyboard needs the line. */}
        {editing ? null : <h2 className="section-title">{t('profile:title')}</h2>}
      </div>
      {body}
      {mode.kind === 'confirmRemove' ? (
        <div className="overlay">
          <div className="dialog" role="alertdialog" aria-labelledby="profile-remove-title" aria-describedby="profile-remove-body" data-testid="profile-remove-dialog">
            <h2 id="profile-remove-title" className="dialog-title">
              {t('profile:remove.title')}
            </h2>
            <p id="profile-remove-body" className="dialog-body">
              {t('profile:remove.body')}
            </p>
            {remove.failure ? <ErrorMessage error={remove.failure.error} onRetry={remove.failure.retry} retryDisabled={remove.busy} /> : null}
            <div className="actions">
              <button type="button" className="button button-secondary" data-testid="profile-remove-cancel" disabled={remove.busy} onClick={() => setMode({ kind: 'view', notice: null })}>
                {t('profile:remove.cancel')}
              </button>
              <button type="button" className="button button-primary" data-testid="profile-remove-confirm" disabled={remove.busy} onClick={() => void confirmRemove()}>
                {t('profile:remove.confirm')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
