import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent, JSX } from 'react';
import { formatInstant } from '../../../shared/dates';
import { StartBroadcastBody } from '../../../shared/hub-api/broadcasts';
import type { StartBroadcastBody as StartInput } from '../../../shared/hub-api/broadcasts';
import { callOrThrow, toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import type { ErrorOverrides } from '../../i18n/error-text';
import { useT } from '../../i18n/I18nProvider';
import { useStaffRole } from '../console/staff-context';

const overrides: ErrorOverrides = { forbidden: 'consoleBroadcast:error.forbidden', wrong_state: 'consoleBroadcast:error.wrongState', not_found: 'consoleBroadcast:error.notFound' };
const liveKey = ['consoleBroadcast', 'live'] as const;
const empty = { titleVi: '', titleEn: '', bodyVi: '', bodyEn: '', reason: '' };

/** Start an emergency notice on every kiosk of the building (after a confirmation), see it, end it. */
export function BroadcastPage(): JSX.Element {
  const t = useT();
  const api = useKiot();
  const role = useStaffRole();
  const queryClient = useQueryClient();
  const live = useQuery({ queryKey: liveKey, queryFn: () => callOrThrow(() => api.consoleBroadcast.live({})), refetchInterval: 15_000 });
  const refresh = (): void => void queryClient.invalidateQueries({ queryKey: liveKey });
  const start = useMutation({ mutationFn: (input: StartInput) => callOrThrow(() => api.consoleBroadcast.start(input)), onSettled: refresh });
  const end = useMutation({ mutationFn: (input: { id: string; reason?: string }) => callOrThrow(() => api.consoleBroadcast.end(input)), onSettled: refresh });
  const [form, setForm] = useState(empty);
  const [endReason, setEndReason] = useState('');
  const [confirming, setConfirming] = useState<StartInput | null>(null);
  const [missing, setMissing] = useState(false);
  const mayAct = role === 'admin' || role === 'manager';
  const current = live.data?.live ?? null;

  const review = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = StartBroadcastBody.safeParse({ title: { vi: form.titleVi, en: form.titleEn }, body: { vi: form.bodyVi, en: form.bodyEn }, reason: form.reason });
    setMissing(!parsed.success);
    setConfirming(parsed.success ? parsed.data : null);
  };
  const send = (): void => {
    if (confirming === null) return;
    start.mutate(confirming, {
      onSuccess: () => {
        setConfirming(null);
        setForm(empty);
      },
    });
  };
  const field = (key: keyof typeof empty, label: string, multiline: boolean): JSX.Element => (
    <label className="broadcast-field">
      <span>{label}</span>
      {multiline ? (
        <textarea data-testid={`broadcast-${key}`} rows={3} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
      ) : (
        <input data-testid={`broadcast-${key}`} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
      )}
    </label>
  );

  return (
    <section className="console-page broadcast-page" aria-labelledby="broadcast-title">
      <h1 id="broadcast-title">{t('consoleBroadcast:title')}</h1>
      <p className="console-muted">{t('consoleBroadcast:help')}</p>
      <section className="broadcast-live" aria-labelledby="broadcast-live-title" data-testid="broadcast-live">
        <h2 id="broadcast-live-title">{t('consoleBroadcast:live.title')}</h2>
        {live.isError ? <ErrorMessage error={toAppError(live.error)} overrides={overrides} /> : null}
        {current === null ? (
          <p data-testid="broadcast-none">{t('consoleBroadcast:live.none')}</p>
        ) : (
          <div className="broadcast-current">
            <p className="broadcast-current-title" lang="vi">
              {current.title.vi}
            </p>
            <p lang="vi">{current.body.vi}</p>
            <p className="broadcast-current-title" lang="en">
              {current.title.en}
            </p>
            <p lang="en">{current.body.en}</p>
            <p className="console-muted">{t('consoleBroadcast:live.since', { at: formatInstant(current.startedAt) })}</p>
            {mayAct ? (
              <div className="broadcast-end">
                <label className="broadcast-field">
                  <span>{t('consoleBroadcast:live.endReason')}</span>
                  <input data-testid="broadcast-end-reason" value={endReason} onChange={(e) => setEndReason(e.target.value)} />
                </label>
                <button
                  type="button"
                  className="button button-danger"
                  data-testid="broadcast-end"
                  disabled={end.isPending}
                  onClick={() => end.mutate(endReason.trim() === '' ? { id: current.id } : { id: current.id, reason: endReason.trim() }, { onSuccess: () => setEndReason('') })}
                >
                  {end.isPending ? t('consoleBroadcast:live.ending') : t('consoleBroadcast:live.end')}
                </button>
              </div>
            ) : null}
          </div>
        )}
        {end.isError ? <ErrorMessage error={toAppError(end.error)} overrides={overrides} /> : null}
      </section>
      {mayAct && current === null ? (
        <form className="broadcast-form" onSubmit={review} data-testid="broadcast-form">
          {field('titleVi', t('consoleBroadcast:form.titleVi'), false)}
          {field('bodyVi', t('consoleBroadcast:form.bodyVi'), true)}
          {field('titleEn', t('consoleBroadcast:form.titleEn'), false)}
          {field('bodyEn', t('consoleBroadcast:form.bodyEn'), true)}
          {field('reason', t('consoleBroadcast:form.reason'), false)}
          {missing ? (
            <p className="form-error" role="alert">
              {t('consoleBroadcast:form.missing')}
            </p>
          ) : null}
          {confirming === null ? (
            <button type="submit" className="button" data-testid="broadcast-review">
              {t('consoleBroadcast:form.submit')}
            </button>
          ) : (
            <div className="broadcast-confirm" role="alertdialog" aria-labelledby="broadcast-confirm-q" data-testid="broadcast-confirm">
              <p id="broadcast-confirm-q">{t('consoleBroadcast:confirm.question')}</p>
              <button type="button" className="button button-danger" data-testid="broadcast-send" disabled={start.isPending} onClick={send}>
                {start.isPending ? t('consoleBroadcast:confirm.working') : t('consoleBroadcast:confirm.yes')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(null)}>
                {t('consoleBroadcast:confirm.no')}
              </button>
            </div>
          )}
          {start.isError ? <ErrorMessage error={toAppError(start.error)} overrides={overrides} /> : null}
        </form>
      ) : null}
    </section>
  );
}
