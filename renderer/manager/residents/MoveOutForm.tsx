import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import type { JSX } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatLocalDate, vietnamDate } from '../../../shared/dates';
import type { ResidentProfileDetails } from '../../../shared/hub-api/residents';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';
import { useMoveOut } from './queries';
import { reasonProblem, residentErrorOverrides } from './resident-text';

/**
 * `dd/MM/yyyy` as typed (the console's date format, whatever the workstation's locale would make
 * of a date picker) → `YYYY-MM-DD`, or null when it is no calendar day.
 */
export function parseDayMonthYear(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function schemaFor(today: string) {
  return z.object({ date: z.string(), reason: z.string() }).superRefine((values, ctx) => {
    // The hub refuses a day after today in Vietnam; ISO dates compare as text.
    const date = parseDayMonthYear(values.date);
    if (date === null || date > today) ctx.addIssue({ code: 'custom', path: ['date'], message: 'consoleResidents:moveOut.errors.date' });
    const reason = reasonProblem(values.reason);
    if (reason !== null) ctx.addIssue({ code: 'custom', path: ['reason'], message: reason });
  });
}
type FormValues = { date: string; reason: string };

/** Recording the day a resident left, with a reason: the retention clock of their data starts then. */
export function MoveOutForm({ resident }: { resident: ResidentProfileDetails }): JSX.Element {
  const t = useT();
  const moveOut = useMoveOut();
  const [today] = useState(() => vietnamDate(new Date()));
  const form = useForm<FormValues>({ resolver: zodResolver(schemaFor(today)), defaultValues: { date: formatLocalDate(today), reason: '' } });
  const { errors } = form.formState;
  const shown = (message: string | undefined): string | null => (message !== undefined && message.startsWith('consoleResidents:') ? t(message as MessageKey) : null);

  return (
    <form
      className="residents-box residents-form"
      aria-labelledby="resident-move-out-title"
      data-testid="resident-move-out"
      noValidate
      onSubmit={(e) => void form.handleSubmit((values) => moveOut.mutate({ residentId: resident.id, date: parseDayMonthYear(values.date) ?? '', reason: values.reason.trim() }))(e)}
    >
      <h2 id="resident-move-out-title" className="console-section-title">
        {t('consoleResidents:moveOut.title')}
      </h2>
      <p className="console-muted">{t('consoleResidents:moveOut.intro')}</p>
      <label className="residents-field">
        <span>{t('consoleResidents:moveOut.date')}</span>
        <input type="text" inputMode="numeric" placeholder="dd/mm/yyyy" autoComplete="off" className="residents-date" data-testid="move-out-date" aria-invalid={errors.date ? true : undefined} {...form.register('date')} />
        {errors.date ? (
          <span className="residents-field-error" role="alert" data-testid="move-out-date-error">
            {shown(errors.date.message)}
          </span>
        ) : null}
      </label>
      <label className="residents-field">
        <span>{t('consoleResidents:moveOut.reason')}</span>
        <textarea rows={2} placeholder={t('consoleResidents:moveOut.reasonPlaceholder')} data-testid="move-out-reason" aria-invalid={errors.reason ? true : undefined} {...form.register('reason')} />
        {errors.reason ? (
          <span className="residents-field-error" role="alert" data-testid="move-out-reason-error">
            {shown(errors.reason.message)}
          </span>
        ) : null}
      </label>
      {moveOut.error ? <ErrorMessage error={toAppError(moveOut.error)} overrides={residentErrorOverrides} /> : null}
      {moveOut.isSuccess ? (
        <p role="status" data-testid="move-out-done">
          {t('consoleResidents:moveOut.done')}
        </p>
      ) : null}
      <div className="residents-actions">
        <button type="submit" className="button residents-button-danger" data-testid="move-out-submit" disabled={moveOut.isPending}>
          {t('consoleResidents:moveOut.submit')}
        </button>
      </div>
    </form>
  );
}
