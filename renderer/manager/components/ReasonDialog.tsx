import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, JSX, KeyboardEvent, ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';

export type ReasonChoice = { id: string; label: string };

/** What the dialog hands back: the reason's words (what the audit records) and which choice, if one was picked. */
export type PickedReason = { reason: string; choiceId: string | null };

export type ReasonDialogProps = {
  title: string;
  /** What happens once confirmed, e.g. "Opening the profile is recorded in the resident's access log." */
  description?: ReactNode;
  /** The usual reasons; a free-text "another reason" is always offered after them. */
  choices: readonly ReasonChoice[];
  /** Shortest free-text reason the hub accepts (default 3). */
  minLength?: number;
  maxLength?: number;
  confirmLabel?: string;
  /** While the action runs: the buttons wait. */
  busy?: boolean;
  /** The action's error, shown in the dialog. */
  error?: string | null;
  onConfirm(picked: PickedReason): void;
  onCancel(): void;
  /** Extra fields of the action (e.g. a number of days), shown above the reasons. */
  children?: ReactNode;
  testId?: string;
};

const OTHER = '__other__';

/**
 * Asks why, before an audited action: pick a usual reason or write one. A modal: focus starts
 * on the first choice, Tab stays inside, Esc or Cancel closes, Enter confirms.
 */
export function ReasonDialog(props: ReasonDialogProps): JSX.Element {
  const { title, description, choices, minLength = 3, maxLength = 500, busy = false, error = null, onConfirm, onCancel, children, testId = 'reason-dialog' } = props;
  const t = useT();
  const id = useId();
  const [choice, setChoice] = useState<string | null>(null);
  const [other, setOther] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const previous = useRef<Element | null>(null);

  useEffect(() => {
    previous.current = document.activeElement;
    box.current?.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
    // Back to where the user was, e.g. the row's button, when the dialog goes away.
    return () => {
      if (previous.current instanceof HTMLElement) previous.current.focus();
    };
  }, []);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (busy) return;
    if (choice === null) {
      setProblem(t('manager:reason.pick'));
      return;
    }
    if (choice === OTHER) {
      const text = other.trim();
      if (text.length < minLength) {
        setProblem(text.length === 0 ? t('manager:reason.pick') : t('manager:form.tooShort', { count: minLength }));
        return;
      }
      onConfirm({ reason: text, choiceId: null });
      return;
    }
    const picked = choices.find((c) => c.id === choice);
    if (picked) onConfirm({ reason: picked.label, choiceId: picked.id });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (!busy) onCancel();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    // Keeps Tab inside the dialog.
    const focusable = [...box.current.querySelectorAll<HTMLElement>('input:not([disabled]), textarea:not([disabled]), button:not([disabled]), select:not([disabled])')];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const shown = problem ?? error;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} ref={box} onKeyDown={onKeyDown} data-testid={testId}>
        <form onSubmit={submit} noValidate>
          <h2 id={`${id}-title`} className="modal-title">
            {title}
          </h2>
          {description !== undefined ? <div className="modal-description">{description}</div> : null}
          {children}
          <fieldset className="reason-choices">
            <legend>{t('manager:reason.legend')}</legend>
            {[...choices, { id: OTHER, label: t('manager:reason.other') }].map((c) => (
              <label key={c.id} className="reason-choice">
                <input
                  type="radio"
                  name={`${id}-reason`}
                  value={c.id}
                  checked={choice === c.id}
                  onChange={() => {
                    setChoice(c.id);
                    setProblem(null);
                  }}
                />
                {c.label}
              </label>
            ))}
          </fieldset>
          {choice === OTHER ? (
            <div className="form-field">
              <label htmlFor={`${id}-other`}>{t('manager:reason.otherLabel')}</label>
              <textarea
                id={`${id}-other`}
                value={other}
                maxLength={maxLength}
                rows={3}
                onChange={(e) => {
                  setOther(e.target.value);
                  setProblem(null);
                }}
                onKeyDown={(e) => {
                  // Enter confirms as elsewhere in the dialog; Shift+Enter starts a new line.
                  if (e.key === 'Enter' && !e.shiftKey) submit(e);
                }}
                data-testid={`${testId}-other`}
              />
            </div>
          ) : null}
          {shown !== null ? (
            <div className="form-error form-error-block" role="alert">
              {shown}
            </div>
          ) : null}
          <div className="modal-actions">
            <button type="button" className="console-button" onClick={onCancel} disabled={busy}>
              {t('manager:reason.cancel')}
            </button>
            <button type="submit" className="console-button is-primary" disabled={busy} data-testid={`${testId}-confirm`}>
              {props.confirmLabel ?? t('manager:reason.confirm')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
