import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef } from 'react';
import type { JSX } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { assertNever } from '../../../shared/assert-never';
import { HoldCategory, MAX_EXTENSION_DAYS, STAFF_REASON_MAX } from '../../../shared/requests';
import type { AppError } from '../../../shared/result';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';
import type { RequestAction } from './request-permissions';
import { requestErrorOverrides } from './request-errors';
import { holdKey } from './request-text';

export type FormAction = Exclude<RequestAction, 'download'>;

/** What a dialog hands back: the fields its action takes. */
export type ActionValues =
  | { action: 'acknowledge'; thirdPartyInvolved: boolean }
  | { action: 'extend'; days: number; reason: string }
  | { action: 'hold'; category: HoldCategory; reason: string }
  | { action: 'release'; reason: string }
  | { action: 'refuse'; reason: string }
  | { action: 'complete'; note?: string };

const problems = {
  short: 'consoleRequests:form.reasonTooShort',
  long: 'consoleRequests:form.reasonTooLong',
  days: 'consoleRequests:form.daysRange',
} as const satisfies Record<string, MessageKey>;
type Problem = keyof typeof problems;
const isProblem = (message: string | undefined): message is Problem => message !== undefined && message in problems;

const needsReason = (action: FormAction): boolean => action === 'extend' || action === 'hold' || action === 'release' || action === 'refuse';

function schemaFor(action: FormAction) {
  return z
    .object({ thirdParty: z.boolean(), days: z.string(), category: HoldCategory, reason: z.string(), note: z.string() })
    .superRefine((values, ctx) => {
      const reason = values.reason.trim();
      if (needsReason(action)) {
        if (reason.length < 3) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'short' satisfies Problem });
        else if (reason.length > STAFF_REASON_MAX) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'long' satisfies Problem });
      }
      if (action === 'complete' && values.note.trim().length > STAFF_REASON_MAX) ctx.addIssue({ code: 'custom', path: ['note'], message: 'long' satisfies Problem });
      if (action === 'extend') {
        const days = Number(values.days);
        if (!/^\d+$/.test(values.days.trim()) || days < 1 || days > MAX_EXTENSION_DAYS) ctx.addIssue({ code: 'custom', path: ['days'], message: 'days' satisfies Problem });
      }
    });
}
type FormValues = z.infer<ReturnType<typeof schemaFor>>;

function toValues(action: FormAction, form: FormValues): ActionValues {
  const reason = form.reason.trim();
  switch (action) {
    case 'acknowledge':
      return { action, thirdPartyInvolved: form.thirdParty };
    case 'extend':
      return { action, days: Number(form.days), reason };
    case 'hold':
      return { action, category: form.category, reason };
    case 'release':
    case 'refuse':
      return { action, reason };
    case 'complete': {
      const note = form.note.trim();
      return note.length > 0 ? { action, note } : { action };
    }
    default:
      return assertNever(action, 'request action');
  }
}

const titleKey = {
  acknowledge: 'consoleRequests:form.acknowledgeTitle',
  extend: 'consoleRequests:form.extendTitle',
  hold: 'consoleRequests:form.holdTitle',
  release: 'consoleRequests:form.releaseTitle',
  refuse: 'consoleRequests:form.refuseTitle',
  complete: 'consoleRequests:form.completeTitle',
} as const satisfies Record<FormAction, MessageKey>;

/** Whose eyes the reason is for: a hold's and a release's stay with the office; an extension's and a refusal's reach the resident. */
const reasonKey = {
  extend: 'consoleRequests:form.reasonShown',
  refuse: 'consoleRequests:form.reasonShown',
  hold: 'consoleRequests:form.reasonPrivate',
  release: 'consoleRequests:form.reasonPrivate',
} as const satisfies Partial<Record<FormAction, MessageKey>>;

export type ActionDialogProps = {
  action: FormAction;
  busy: boolean;
  error: AppError | null;
  onSubmit: (values: ActionValues) => void;
  onClose: () => void;
};

/** A modal form for one staff action: its fields, validated in words, Escape or Close to leave. */
export function ActionDialog({ action, busy, error, onSubmit, onClose }: ActionDialogProps): JSX.Element {
  const t = useT();
  const titleId = useId();
  const first = useRef<HTMLElement | null>(null);
  const form = useForm<FormValues>({
    resolver: zodResolver(schemaFor(action)),
    defaultValues: { thirdParty: false, days: '15', category: 'legal_obligation', reason: '', note: '' },
  });
  const { errors } = form.formState;
  const problem = (message: string | undefined): string | null => (isProblem(message) ? t(problems[message]) : null);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const reasonField = needsReason(action) ? (
    <label className="request-field">
      <span>{t(action === 'extend' || action === 'refuse' || action === 'hold' || action === 'release' ? reasonKey[action] : 'consoleRequests:form.reason')}</span>
      <textarea
        rows={3}
        maxLength={STAFF_REASON_MAX + 50}
        data-testid="action-reason"
        aria-invalid={errors.reason ? true : undefined}
        {...form.register('reason')}
        ref={(el) => {
          form.register('reason').ref(el);
          if (action !== 'extend' && action !== 'hold') first.current = el;
        }}
      />
      {errors.reason ? (
        <span className="request-field-error" role="alert" data-testid="reason-error">
          {problem(errors.reason.message)}
        </span>
      ) : null}
    </label>
  ) : null;

  return (
    <div className="request-dialog-backdrop">
      <div
        className="request-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="action-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <h2 id={titleId} className="console-section-title">
          {t(titleKey[action])}
        </h2>
        <form noValidate onSubmit={(e) => void form.handleSubmit((values) => onSubmit(toValues(action, values)))(e)}>
          {action === 'acknowledge' ? (
            <label className="request-check">
              <input
                type="checkbox"
                data-testid="action-third-party"
                {...form.register('thirdParty')}
                ref={(el) => {
                  form.register('thirdParty').ref(el);
                  first.current = el;
                }}
              />
              <span>{t('consoleRequests:form.thirdParty')}</span>
            </label>
          ) : null}
          {action === 'extend' ? (
            <label className="request-field">
              <span>{t('consoleRequests:form.days')}</span>
              <input
                type="number"
                min={1}
                max={MAX_EXTENSION_DAYS}
                data-testid="action-days"
                aria-invalid={errors.days ? true : undefined}
                {...form.register('days')}
                ref={(el) => {
                  form.register('days').ref(el);
                  first.current = el;
                }}
              />
              {errors.days ? (
                <span className="request-field-error" role="alert">
                  {problem(errors.days.message)}
                </span>
              ) : null}
            </label>
          ) : null}
          {action === 'hold' ? (
            <label className="request-field">
              <span>{t('consoleRequests:form.category')}</span>
              <select
                data-testid="action-category"
                {...form.register('category')}
                ref={(el) => {
                  form.register('category').ref(el);
                  first.current = el;
                }}
              >
                {HoldCategory.options.map((category) => (
                  <option key={category} value={category}>
                    {t(holdKey[category])}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {reasonField}
          {action === 'complete' ? (
            <label className="request-field">
              <span>{t('consoleRequests:form.note')}</span>
              <textarea
                rows={2}
                data-testid="action-note"
                {...form.register('note')}
                ref={(el) => {
                  form.register('note').ref(el);
                  first.current = el;
                }}
              />
              {errors.note ? (
                <span className="request-field-error" role="alert">
                  {problem(errors.note.message)}
                </span>
              ) : null}
            </label>
          ) : null}
          <p className="console-muted">{t('consoleRequests:form.audited')}</p>
          {error ? <ErrorMessage error={error} overrides={requestErrorOverrides} /> : null}
          <div className="request-dialog-buttons">
            <button type="button" className="button button-secondary" data-testid="action-cancel" onClick={onClose}>
              {t('consoleRequests:button.cancel')}
            </button>
            <button type="submit" className="button button-primary" data-testid="action-confirm" disabled={busy}>
              {busy ? t('consoleRequests:button.saving') : t('consoleRequests:button.confirm')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
