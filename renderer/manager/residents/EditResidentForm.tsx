import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import type { JSX } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { StaffEditField } from '../../../shared/hub-api/residents';
import type { ResidentProfileDetails } from '../../../shared/hub-api/residents';
import { normalizeVietnamesePhone } from '../../../shared/phone';
import { isValidAddress, isValidName, normalizeEmail } from '../../../shared/profile';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';
import { useEditResident } from './queries';
import { localPhone, reasonProblem, residentErrorOverrides } from './resident-text';

const fieldKey = {
  phone: 'consoleResidents:edit.fields.phone',
  email: 'consoleResidents:edit.fields.email',
  address: 'consoleResidents:edit.fields.address',
  name: 'consoleResidents:edit.fields.name',
} as const satisfies Record<StaffEditField, MessageKey>;

const VALUE_MAX = 300;

/** What a field holds now, as the form compares and shows it. */
export function currentValue(resident: ResidentProfileDetails, field: StaffEditField): string {
  switch (field) {
    case 'phone':
      return resident.phoneE164;
    case 'email':
      return resident.email ?? '';
    case 'address':
      return resident.contactAddress ?? '';
    case 'name':
      return resident.fullName;
  }
}

function schemaFor(resident: ResidentProfileDetails) {
  return z.object({ field: StaffEditField, value: z.string(), reason: z.string() }).superRefine((values, ctx) => {
    const value = values.value.trim();
    const problem = (message: MessageKey): void => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (value.length > VALUE_MAX) problem('consoleResidents:edit.errors.tooLong');
    else if (value === '' && (values.field === 'phone' || values.field === 'name')) problem('consoleResidents:edit.errors.required');
    else if (values.field === 'phone' && normalizeVietnamesePhone(value) === null) problem('consoleResidents:edit.errors.phone');
    else if (values.field === 'email' && value !== '' && normalizeEmail(value) === null) problem('consoleResidents:edit.errors.email');
    else if (values.field === 'name' && !isValidName(value)) problem('consoleResidents:edit.errors.name');
    else if (values.field === 'address' && value !== '' && !isValidAddress(value)) problem('consoleResidents:edit.errors.address');
    else {
      const normalized = values.field === 'phone' ? normalizeVietnamesePhone(value) : values.field === 'email' && value !== '' ? normalizeEmail(value) : value;
      if (normalized === currentValue(resident, values.field)) problem('consoleResidents:edit.errors.same');
    }
    const reason = reasonProblem(values.reason);
    if (reason !== null) ctx.addIssue({ code: 'custom', path: ['reason'], message: reason });
  });
}
type FormValues = { field: StaffEditField; value: string; reason: string };

/** Correcting one detail with a reason: one field per change, so each change is one audit event the resident can read. */
export function EditResidentForm({ resident }: { resident: ResidentProfileDetails }): JSX.Element {
  const t = useT();
  const edit = useEditResident();
  const [saved, setSaved] = useState(false);
  const form = useForm<FormValues>({ resolver: zodResolver(schemaFor(resident)), defaultValues: { field: 'phone', value: '', reason: '' } });
  const field = useWatch({ control: form.control, name: 'field' });
  const { errors } = form.formState;
  const current = field === 'phone' ? localPhone(resident.phoneE164) : currentValue(resident, field);
  const shown = (message: string | undefined): string | null => (message !== undefined && message.startsWith('consoleResidents:') ? t(message as MessageKey) : null);

  const submit = (values: FormValues): void => {
    setSaved(false);
    edit.mutate(
      { residentId: resident.id, field: values.field, value: values.value.trim(), reason: values.reason.trim() },
      {
        onSuccess: () => {
          setSaved(true);
          form.reset({ field: values.field, value: '', reason: '' });
        },
      },
    );
  };

  return (
    <form className="residents-box residents-form" aria-labelledby="resident-edit-title" data-testid="resident-edit" noValidate onSubmit={(e) => void form.handleSubmit(submit)(e)}>
      <h2 id="resident-edit-title" className="console-section-title">
        {t('consoleResidents:edit.title')}
      </h2>
      <label className="residents-field">
        <span>{t('consoleResidents:edit.field')}</span>
        <select
          data-testid="edit-field"
          {...form.register('field', {
            onChange: () => {
              setSaved(false);
              form.clearErrors();
            },
          })}
        >
          {StaffEditField.options.map((f) => (
            <option key={f} value={f}>
              {t(fieldKey[f])}
            </option>
          ))}
        </select>
        <span className="console-muted" data-testid="edit-current">
          {t('consoleResidents:edit.current', { value: current === '' ? t('consoleResidents:profile.none') : current })}
        </span>
      </label>
      <label className="residents-field">
        <span>{t('consoleResidents:edit.value')}</span>
        <input type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'} autoComplete="off" data-testid="edit-value" aria-invalid={errors.value ? true : undefined} {...form.register('value')} />
        {field === 'email' || field === 'address' ? <span className="console-muted">{t('consoleResidents:edit.clearHint')}</span> : null}
        {errors.value ? (
          <span className="residents-field-error" role="alert" data-testid="edit-value-error">
            {shown(errors.value.message)}
          </span>
        ) : null}
      </label>
      <label className="residents-field">
        <span>{t('consoleResidents:edit.reason')}</span>
        <textarea rows={2} placeholder={t('consoleResidents:edit.reasonPlaceholder')} data-testid="edit-reason" aria-invalid={errors.reason ? true : undefined} {...form.register('reason')} />
        {errors.reason ? (
          <span className="residents-field-error" role="alert" data-testid="edit-reason-error">
            {shown(errors.reason.message)}
          </span>
        ) : null}
      </label>
      {edit.error ? <ErrorMessage error={toAppError(edit.error)} overrides={residentErrorOverrides} /> : null}
      {saved ? (
        <p className="residents-done" role="status" data-testid="edit-saved">
          {t('consoleResidents:edit.saved')}
        </p>
      ) : null}
      <div className="residents-actions">
        <button type="submit" className="button button-primary" data-testid="edit-submit" disabled={edit.isPending}>
          {t('consoleResidents:edit.submit')}
        </button>
      </div>
    </form>
  );
}
