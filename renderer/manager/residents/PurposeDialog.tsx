import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef } from 'react';
import type { JSX } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { ProfilePurpose, profilePurposes } from '../../../shared/hub-api/residents';
import type { AppError } from '../../../shared/result';
import { STAFF_REASON_MAX } from '../../../shared/requests';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';
import { openingReason, purposeKey, reasonProblem, residentErrorOverrides } from './resident-text';

const Form = z
  .object({ purpose: ProfilePurpose.nullable(), detail: z.string() })
  .superRefine((values, ctx) => {
    // "Other" needs the staff member's own words; a chosen purpose may stand alone (a long detail is cut to the hub's limit).
    if (values.purpose === null) {
      ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'consoleResidents:purpose.choose' });
      return;
    }
    if (values.purpose !== 'other') return;
    const problem = reasonProblem(values.detail);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['detail'], message: problem });
  });
type FormValues = z.infer<typeof Form>;

export type PurposeDialogProps = {
  residentName: string;
  busy: boolean;
  error: AppError | null;
  onOpen: (purpose: ProfilePurpose, reason: string) => void;
  onCancel: () => void;
};

/**
 * Asks why a profile is opened before anything of it is shown: a purpose from the hub's list,
 * in the staff member's language, and a detail (required for "other"). The resident reads the
 * resulting sentence in their access log.
 */
export function PurposeDialog({ residentName, busy, error, onOpen, onCancel }: PurposeDialogProps): JSX.Element {
  const t = useT();
  const titleId = useId();
  const firstChoice = useRef<HTMLInputElement | null>(null);
  const form = useForm<FormValues>({ resolver: zodResolver(Form), defaultValues: { purpose: null, detail: '' } });
  const purpose = useWatch({ control: form.control, name: 'purpose' });
  const detailError = form.formState.errors.detail?.message;
  const problemKey = detailError === 'consoleResidents:reason.short' || detailError === 'consoleResidents:reason.long' ? detailError : null;

  useEffect(() => {
    firstChoice.current?.focus();
  }, []);

  const submit = (values: FormValues): void => {
    if (values.purpose !== null) onOpen(values.purpose, openingReason(t(purposeKey[values.purpose]), values.purpose, values.detail));
  };
  const purposeMissing = form.formState.errors.purpose !== undefined;
  const choice = form.register('purpose');

  return (
    <div className="residents-dialog-backdrop">
      <div
        className="residents-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="purpose-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      >
        <h2 id={titleId} className="console-section-title">
          {t('consoleResidents:purpose.title', { name: residentName })}
        </h2>
        <p className="residents-dialog-intro">{t('consoleResidents:purpose.intro')}</p>
        <form noValidate onSubmit={(e) => void form.handleSubmit(submit)(e)}>
          <fieldset className="residents-purposes">
            <legend>{t('consoleResidents:purpose.label')}</legend>
            {profilePurposes.map((p, index) => (
              <label key={p} className="residents-purpose">
                <input
                  type="radio"
                  value={p}
                  data-testid={`purpose-${p}`}
                  {...choice}
                  ref={(el) => {
                    choice.ref(el);
                    if (index === 0) firstChoice.current = el;
                  }}
                />
                <span>{t(purposeKey[p])}</span>
              </label>
            ))}
            {purposeMissing ? (
              <span className="residents-field-error residents-purpose-error" role="alert" data-testid="purpose-missing">
                {t('consoleResidents:purpose.choose')}
              </span>
            ) : null}
          </fieldset>
          <label className="residents-field">
            <span>{t(purpose === 'other' ? 'consoleResidents:purpose.detailRequired' : 'consoleResidents:purpose.detail')}</span>
            <textarea
              rows={2}
              maxLength={STAFF_REASON_MAX + 50}
              placeholder={t('consoleResidents:purpose.detailPlaceholder')}
              data-testid="purpose-detail"
              aria-invalid={problemKey !== null ? true : undefined}
              {...form.register('detail')}
            />
            {problemKey !== null ? (
              <span className="residents-field-error" role="alert" data-testid="purpose-error">
                {t(problemKey)}
              </span>
            ) : null}
          </label>
          {error ? <ErrorMessage error={error} overrides={residentErrorOverrides} /> : null}
          <div className="residents-actions">
            <button type="submit" className="button button-primary" data-testid="purpose-submit" disabled={busy}>
              {t('consoleResidents:purpose.submit')}
            </button>
            <button type="button" className="button button-secondary" data-testid="purpose-cancel" onClick={onCancel}>
              {t('consoleResidents:purpose.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
