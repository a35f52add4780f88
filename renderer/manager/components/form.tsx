import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import type { InputHTMLAttributes, JSX, ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { DefaultValues, FieldError, FieldValues, UseFormRegisterReturn, UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import type { MessageKey, T } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';

/**
 * Form helpers for the console: react-hook-form with a zod schema, and validation messages
 * that are i18n keys (with their values) rather than sentences, so they show in the language
 * the console is in when they are read, not when the schema was built.
 */

/** A validation message as carried through zod: an i18n key and its values, as JSON. */
export function message(key: MessageKey, values: Record<string, string | number> = {}): string {
  return JSON.stringify({ key, values });
}

/** A text field's schema: trimmed, with bilingual messages for required, too short and too long. */
export function textField(opts: { min?: number; max: number; optional?: boolean }): z.ZodType<string> {
  const min = opts.min ?? (opts.optional === true ? 0 : 1);
  let schema = z.string({ error: message('manager:form.required') }).trim();
  if (min > 0) {
    schema = schema.min(1, { error: message('manager:form.required') });
    if (min > 1) schema = schema.min(min, { error: message('manager:form.tooShort', { count: min }) });
  }
  return schema.max(opts.max, { error: message('manager:form.tooLong', { count: opts.max }) });
}

/** A 6-digit one-time code (spaces typed between digits are dropped). */
export const codeField = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { error: message('manager:form.code') }));

/** The sentence for a field error, in the current language. */
export function errorMessage(t: T, error: Pick<FieldError, 'message'> | undefined): string | null {
  if (error === undefined) return null;
  const raw = error.message ?? '';
  try {
    const parsed = JSON.parse(raw) as { key?: unknown; values?: unknown };
    if (typeof parsed.key === 'string') return t(parsed.key as MessageKey, (parsed.values ?? {}) as Record<string, unknown>) as string;
  } catch {
    // A message not built with `message()` (zod's own, in English): a generic sentence instead.
  }
  return t('manager:form.invalid');
}

/** `useForm` with a zod schema: validates on submit, then on every change of a field in error. */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, defaultValues: DefaultValues<z.input<S>>): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
}

export type TextFieldProps = {
  label: string;
  registration: UseFormRegisterReturn;
  error?: Pick<FieldError, 'message'> | undefined;
  hint?: ReactNode;
  testId?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'onChange' | 'onBlur' | 'ref'>;

/** A labelled input with its hint and its error, tied together for screen readers. */
export function TextField({ label, registration, error, hint, testId, ...input }: TextFieldProps): JSX.Element {
  const t = useT();
  const id = useId();
  const text = errorMessage(t, error);
  const describedBy = [hint !== undefined ? `${id}-hint` : null, text !== null ? `${id}-error` : null].filter((x) => x !== null).join(' ');
  return (
    <div className={text !== null ? 'form-field has-error' : 'form-field'}>
      <label htmlFor={id}>{label}</label>
      {hint !== undefined ? (
        <div id={`${id}-hint`} className="form-hint">
          {hint}
        </div>
      ) : null}
      <input id={id} {...input} {...registration} aria-invalid={text !== null} aria-describedby={describedBy || undefined} data-testid={testId} />
      {text !== null ? (
        <div id={`${id}-error`} className="form-error" role="alert">
          {text}
        </div>
      ) : null}
    </div>
  );
}

/** A whole-form error (the hub's answer), announced when it appears. */
export function FormError({ text, testId }: { text: string | null; testId?: string }): JSX.Element | null {
  if (text === null) return null;
  return (
    <div className="form-error form-error-block" role="alert" data-testid={testId}>
      {text}
    </div>
  );
}
