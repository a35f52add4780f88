import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useState } from 'react';
import type { JSX } from 'react';
import { z } from 'zod';
import { dataCategories, DataCategory, INCIDENT_DESCRIPTION_MAX, INCIDENT_TITLE_MAX } from '../../../shared/incidents';
import type { IncidentDetail } from '../../../shared/incidents';
import { toAppError } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';
import { categoryKey } from './incident-text';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callOrThrow } from '../../components/call';
import { incidentsKey } from './queries';

const VIETNAM_OFFSET = '+07:00';

/** `YYYY-MM-DDTHH:mm` as a clock in Vietnam shows it, whatever the workstation's own zone. */
export function vietnamLocalInput(nowMs: number): string {
  return new Date(nowMs + 7 * 3600_000).toISOString().slice(0, 16);
}

/** The value of a `datetime-local` field read as Vietnam time. */
export function fromVietnamLocalInput(value: string): string | null {
  const ms = Date.parse(`${value}:00${VIETNAM_OFFSET}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const Form = z.object({
  title: z.string().trim().min(3, 'consoleIncidents:form.errors.name').max(INCIDENT_TITLE_MAX, 'consoleIncidents:form.errors.name'),
  description: z.string().trim().min(10, 'consoleIncidents:form.errors.description').max(INCIDENT_DESCRIPTION_MAX, 'consoleIncidents:form.errors.description'),
  detectedAt: z.string().refine((v) => {
    const iso = fromVietnamLocalInput(v);
    return iso !== null && Date.parse(iso) <= Date.now();
  }, 'consoleIncidents:form.errors.detectedAt'),
  categories: z.array(DataCategory).min(1, 'consoleIncidents:form.errors.categories'),
  estimatedAffected: z.number({ error: 'consoleIncidents:form.errors.estimated' }).int('consoleIncidents:form.errors.estimated').min(0, 'consoleIncidents:form.errors.estimated'),
});
type FormValues = z.infer<typeof Form>;

const errorKeys = [
  'consoleIncidents:form.errors.name',
  'consoleIncidents:form.errors.description',
  'consoleIncidents:form.errors.detectedAt',
  'consoleIncidents:form.errors.categories',
  'consoleIncidents:form.errors.estimated',
] as const;
const knownError = (message: string | undefined): (typeof errorKeys)[number] | null => errorKeys.find((k) => k === message) ?? null;

/** Registering an incident: the facts the register and the notices need, validated before the hub sees them. */
export function RegisterIncidentForm({ onDone, onCancel }: { onDone: (detail: IncidentDetail) => void; onCancel: () => void }): JSX.Element {
  const t = useT();
  const api = useKiot();
  const queryClient = useQueryClient();
  const [openedAt] = useState(() => Date.now());
  const form = useForm<FormValues>({
    resolver: zodResolver(Form),
    defaultValues: { title: '', description: '', detectedAt: vietnamLocalInput(openedAt), categories: [], estimatedAffected: 0 },
  });
  const register = useMutation({
    mutationFn: (values: FormValues) =>
      callOrThrow(() =>
        api.consoleIncidents.register({
          title: values.title,
          description: values.description,
          detectedAt: fromVietnamLocalInput(values.detectedAt) ?? '',
          categories: values.categories,
          estimatedAffected: values.estimatedAffected,
        }),
      ),
    onSuccess: (detail) => {
      queryClient.setQueryData([...incidentsKey, 'one', detail.incident.id], detail);
      void queryClient.invalidateQueries({ queryKey: [...incidentsKey, 'list'] });
      onDone(detail);
    },
  });
  const errors = form.formState.errors;
  const fieldError = (message: string | undefined): JSX.Element | null => {
    const key = knownError(message);
    return key === null ? null : (
      <span className="form-error" role="alert">
        {t(key)}
      </span>
    );
  };

  return (
    <form className="incident-form" data-testid="incident-form" aria-label={t('consoleIncidents:form.title')} onSubmit={(e) => void form.handleSubmit((values) => register.mutate(values))(e)} noValidate>
      <h2>{t('consoleIncidents:form.title')}</h2>
      <label className="form-field">
        <span>{t('consoleIncidents:form.name')}</span>
        <input type="text" data-testid="incident-title" {...form.register('title')} aria-invalid={errors.title ? true : undefined} />
        {fieldError(errors.title?.message)}
      </label>
      <label className="form-field">
        <span>{t('consoleIncidents:form.description')}</span>
        <textarea rows={4} data-testid="incident-description" {...form.register('description')} aria-invalid={errors.description ? true : undefined} />
        {fieldError(errors.description?.message)}
      </label>
      <label className="form-field">
        <span>{t('consoleIncidents:form.detectedAt')}</span>
        <input type="datetime-local" data-testid="incident-detected" {...form.register('detectedAt')} aria-invalid={errors.detectedAt ? true : undefined} />
        {fieldError(errors.detectedAt?.message)}
      </label>
      <fieldset className="form-field">
        <legend>{t('consoleIncidents:form.categories')}</legend>
        <div className="incident-categories">
          {dataCategories.map((c) => (
            <label key={c} className="incident-category">
              <input type="checkbox" value={c} data-testid={`category-${c}`} {...form.register('categories')} />
              <span>{t(categoryKey[c])}</span>
            </label>
          ))}
        </div>
        {fieldError(errors.categories?.message)}
      </fieldset>
      <label className="form-field">
        <span>{t('consoleIncidents:form.estimated')}</span>
        <input type="number" min={0} step={1} data-testid="incident-estimated" {...form.register('estimatedAffected', { valueAsNumber: true })} aria-invalid={errors.estimatedAffected ? true : undefined} />
        {fieldError(errors.estimatedAffected?.message)}
      </label>
      {register.error ? <ErrorMessage error={toAppError(register.error)} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="incident-submit" disabled={register.isPending}>
          {t('consoleIncidents:form.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('consoleIncidents:form.cancel')}
        </button>
      </div>
    </form>
  );
}
