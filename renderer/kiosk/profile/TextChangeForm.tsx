import { useEffect, useRef, useState } from 'react';
import type { JSX } from 'react';
import type { RequestOf, ResponseOf } from '../../../shared/contract';
import { ADDRESS_MAX, EMAIL_MAX, NAME_MAX, isValidAddress, isValidName } from '../../../shared/profile-rules';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { TextKeyboard } from '../../components/TextKeyboard';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';

export type TextChangeFormProps =
  | { field: 'email'; onStarted(result: ResponseOf<'profile:startContactChange'>, input: RequestOf<'profile:startContactChange'>): void; onCancel(): void }
  | { field: 'name' | 'address'; initial: string; onRequested(result: ResponseOf<'profile:requestCorrection'>): void; onCancel(): void };

/** Email, name or contact address typed on the on-screen keyboard. */
export function TextChangeForm(props: TextChangeFormProps): JSX.Element {
  const api = useKiot();
  const t = useT();
  const { busy, failure, run } = useAction();
  const [value, setValue] = useState(props.field === 'email' ? '' : props.initial);
  const [invalid, setInvalid] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);

  // The form starts at the top of the screen, so the field, Send and the whole keyboard are in
  // sight together, also on a landscape screen where the page above would push the keyboard down.
  useEffect(() => {
    const title = titleRef.current;
    if (title && typeof title.scrollIntoView === 'function') title.scrollIntoView({ block: 'start' });
  }, []);

  const change = (next: string): void => {
    setInvalid(false);
    setValue(next);
  };

  const send = async (): Promise<void> => {
    if (props.field === 'email') {
      const input = { kind: 'email', newEmail: value } as const;
      const result = await run(() => api.profile.startContactChange(input), () => void send());
      if (result?.ok) props.onStarted(result.value, input);
      return;
    }
    // Checked before queueing: a request the hub would refuse should not wait on this kiosk first.
    if (props.field === 'name' ? !isValidName(value) : !isValidAddress(value)) {
      setInvalid(true);
      return;
    }
    const result = await run(() => api.profile.requestCorrection({ field: props.field === 'name' ? 'name' : 'address', value }), () => void send());
    if (result?.ok) props.onRequested(result.value);
  };

  const title = props.field === 'email' ? t('profile:email.title') : props.field === 'name' ? t('profile:correction.nameTitle') : t('profile:correction.addressTitle');
  const hint = props.field === 'email' ? t('profile:email.hint') : props.field === 'name' ? t('profile:correction.nameHint') : t('profile:correction.addressHint');
  const max = props.field === 'email' ? EMAIL_MAX : props.field === 'name' ? NAME_MAX : ADDRESS_MAX;
  return (
    <section className="profile-edit profile-edit-text" aria-labelledby="profile-text-title" data-testid={`profile-${props.field}-form`}>
      {/* The field and its buttons; beside the keyboard on a landscape screen, above it on a portrait one. */}
      <div className="profile-edit-main">
        <h2 id="profile-text-title" className="section-title" ref={titleRef}>
          {title}
        </h2>
        <p className="screen-hint">{hint}</p>
        <output className="text-display" data-testid="profile-text-display">
          {value}
        </output>
        <div className="entry-message">
          {invalid ? (
            <p className="error-text" role="alert" data-testid="error-message">
              {props.field === 'name' ? t('profile:correction.invalidName') : t('profile:correction.invalidAddress')}
            </p>
          ) : null}
          {failure ? <ErrorMessage error={failure.error} overrides={{ hub_unavailable: 'profile:hubNeeded' }} onRetry={failure.retry} retryDisabled={busy} /> : null}
        </div>
        <div className="actions">
          <button type="button" className="button button-secondary" data-testid="profile-cancel" disabled={busy} onClick={props.onCancel}>
            {t('profile:cancel')}
          </button>
          <button type="button" className="button button-primary" data-testid="profile-text-send" disabled={busy || value.trim() === ''} onClick={() => void send()}>
            {props.field === 'email' ? t('profile:email.send') : t('profile:correction.send')}
          </button>
        </div>
      </div>
      {/* Below the buttons in portrait, so Send is never under the keyboard. */}
      <TextKeyboard value={value} onChange={change} initialLayout={props.field === 'email' ? 'email' : 'telex'} maxLength={max} capitalizeWords={props.field === 'name'} disabled={busy} />
    </section>
  );
}
