import { useState } from 'react';
import type { JSX, ReactNode } from 'react';
import { z } from 'zod';
import { assertNever } from '../../../shared/assert-never';
import type { StaffView } from '../../../shared/contract';
import { formatInstant } from '../../../shared/dates';
import type { AppError, Result } from '../../../shared/result';
import { safeCall } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';
import { LanguageToggle } from '../../components/LanguageToggle';
import type { T } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';
import { useAppInfo } from '../app-info';
import { codeField, FormError, message, TextField, textField, useZodForm } from '../components/form';

type Step = 'signIn' | 'code' | 'password' | 'unlock';

/** The hub's refusal in the words of the step it happened at. */
export function staffErrorText(t: T, error: AppError, step: Step): string {
  switch (error.code) {
    case 'unauthorized':
      return step === 'signIn' ? t('manager:signIn.wrong') : step === 'password' ? t('manager:password.wrongCurrent') : step === 'unlock' ? t('manager:lock.wrong') : t('manager:error.generic');
    case 'wrong_code':
      return error.attemptsLeft === undefined ? t('manager:code.wrongNoCount') : t('manager:code.wrong', { count: error.attemptsLeft });
    case 'code_expired':
      return t('manager:code.expired');
    case 'code_locked':
      return t('manager:code.locked');
    case 'account_locked':
    case 'rate_limited':
      return error.retryAfterSeconds === undefined ? t('manager:error.accountLockedNoTime') : t('manager:error.accountLocked', { count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
    case 'password_weak':
      return t('manager:password.weak');
    case 'hub_unavailable':
      return t('manager:error.hubUnavailable');
    case 'invalid_input':
      return t('manager:form.invalid');
    default:
      return t('manager:error.generic');
  }
}

/** The frame of the screens before the console: building, language, one card. */
function GateFrame({ children, testId }: { children: ReactNode; testId: string }): JSX.Element {
  const t = useT();
  const info = useAppInfo();
  return (
    <div className="console-gate" data-testid={testId}>
      <header className="console-gate-top">
        <div className="console-heading">
          <span className="console-building">{info.data?.buildingName ?? ''}</span>
          <span className="console-product">{t('manager:title')}</span>
        </div>
        <LanguageToggle />
      </header>
      <main className="console-gate-main">
        <section className="console-card">{children}</section>
      </main>
    </div>
  );
}

/** Runs one staff step; its error stays on screen until the next try. */
function useStep(step: Step, onView: (view: StaffView) => void): { error: string | null; busy: boolean; run(call: () => Promise<Result<StaffView>>): Promise<void> } {
  const t = useT();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    error: error === null ? null : staffErrorText(t, error, step),
    busy,
    async run(call) {
      setBusy(true);
      setError(null);
      const result = await safeCall(call);
      setBusy(false);
      if (result.ok) onView(result.value);
      else setError(result.error);
    },
  };
}

const SignInForm = z.object({ username: textField({ max: 64 }), password: z.string().min(1, { error: message('manager:form.required') }).max(1024) });

function SignInScreen({ view, onView }: { view: StaffView; onView(view: StaffView): void }): JSX.Element {
  const t = useT();
  const api = useKiot();
  const step = useStep('signIn', onView);
  const form = useZodForm(SignInForm, { username: '', password: '' });
  const notice = view.lastLock?.reason === 'expired' ? t('manager:signedOut.expired') : null;
  return (
    <GateFrame testId="staff-sign-in">
      <h1>{t('manager:signIn.title')}</h1>
      <p className="console-card-intro">{t('manager:signIn.intro')}</p>
      {notice !== null ? <p className="console-banner">{notice}</p> : null}
      <form noValidate onSubmit={(e) => void form.handleSubmit((values) => step.run(() => api.staff.signIn(values)))(e)}>
        <TextField label={t('manager:signIn.username')} registration={form.register('username')} error={form.formState.errors.username} autoComplete="username" autoFocus testId="staff-username" />
        <TextField label={t('manager:signIn.password')} type="password" registration={form.register('password')} error={form.formState.errors.password} autoComplete="current-password" testId="staff-password" />
        <FormError text={step.error} testId="staff-error" />
        <button type="submit" className="console-button is-primary" disabled={step.busy} data-testid="staff-sign-in-submit">
          {step.busy ? t('manager:signIn.busy') : t('manager:signIn.submit')}
        </button>
      </form>
    </GateFrame>
  );
}

const CodeForm = z.object({ code: codeField });

function CodeScreen({ view, onView }: { view: StaffView; onView(view: StaffView): void }): JSX.Element {
  const t = useT();
  const api = useKiot();
  const step = useStep('code', onView);
  const form = useZodForm(CodeForm, { code: '' });
  const until = view.codeExpiresAt !== null ? formatInstant(view.codeExpiresAt).slice(11) : '';
  return (
    <GateFrame testId="staff-code">
      <h1>{t('manager:code.title')}</h1>
      <p className="console-card-intro">{t('manager:code.intro', { time: until })}</p>
      <form noValidate onSubmit={(e) => void form.handleSubmit((values) => step.run(() => api.staff.verify(values)))(e)}>
        <TextField label={t('manager:code.label')} registration={form.register('code')} error={form.formState.errors.code} inputMode="numeric" autoComplete="one-time-code" maxLength={7} autoFocus testId="staff-code-input" />
        <FormError text={step.error} testId="staff-error" />
        <div className="console-card-actions">
          <button type="button" className="console-button" disabled={step.busy} onClick={() => void step.run(() => api.staff.cancel({}))}>
            {t('manager:code.back')}
          </button>
          <button type="submit" className="console-button is-primary" disabled={step.busy} data-testid="staff-code-submit">
            {t('manager:code.submit')}
          </button>
        </div>
      </form>
    </GateFrame>
  );
}

const PasswordForm = z
  .object({
    currentPassword: z.string().min(1, { error: message('manager:form.required') }).max(1024),
    newPassword: z.string().min(12, { error: message('manager:form.tooShort', { count: 12 }) }).max(1024),
    repeat: z.string(),
  })
  .refine((v) => v.newPassword === v.repeat, { path: ['repeat'], error: message('manager:form.mismatch') });

function ChangePasswordScreen({ onView }: { onView(view: StaffView): void }): JSX.Element {
  const t = useT();
  const api = useKiot();
  const step = useStep('password', onView);
  const form = useZodForm(PasswordForm, { currentPassword: '', newPassword: '', repeat: '' });
  return (
    <GateFrame testId="staff-change-password">
      <h1>{t('manager:password.title')}</h1>
      <p className="console-card-intro">{t('manager:password.intro')}</p>
      <form noValidate onSubmit={(e) => void form.handleSubmit(({ currentPassword, newPassword }) => step.run(() => api.staff.changePassword({ currentPassword, newPassword })))(e)}>
        <TextField label={t('manager:password.current')} type="password" registration={form.register('currentPassword')} error={form.formState.errors.currentPassword} autoComplete="current-password" autoFocus testId="staff-current-password" />
        <div>
          <strong>{t('manager:password.rulesTitle')}</strong>
          <ul className="console-rules">
            <li>{t('manager:password.ruleLength')}</li>
            <li>{t('manager:password.ruleCommon')}</li>
            <li>{t('manager:password.ruleUsername')}</li>
          </ul>
        </div>
        <TextField label={t('manager:password.next')} type="password" registration={form.register('newPassword')} error={form.formState.errors.newPassword} autoComplete="new-password" testId="staff-new-password" />
        <TextField label={t('manager:password.repeat')} type="password" registration={form.register('repeat')} error={form.formState.errors.repeat} autoComplete="new-password" testId="staff-repeat-password" />
        <FormError text={step.error} testId="staff-error" />
        <div className="console-card-actions">
          <button type="button" className="console-button" disabled={step.busy} onClick={() => void step.run(() => api.staff.signOut({}))}>
            {t('manager:lock.signOut')}
          </button>
          <button type="submit" className="console-button is-primary" disabled={step.busy} data-testid="staff-password-submit">
            {t('manager:password.submit')}
          </button>
        </div>
      </form>
    </GateFrame>
  );
}

const UnlockForm = z.object({ password: z.string().min(1, { error: message('manager:form.required') }).max(1024) });

function LockScreen({ view, onView }: { view: StaffView; onView(view: StaffView): void }): JSX.Element {
  const t = useT();
  const api = useKiot();
  const step = useStep('unlock', onView);
  const form = useZodForm(UnlockForm, { password: '' });
  return (
    <GateFrame testId="staff-locked">
      <h1>{t('manager:lock.title')}</h1>
      <p className="console-card-intro">{t('manager:lock.body', { name: view.staff?.fullName ?? '' })}</p>
      {view.lastLock?.reason === 'idle' ? <p className="console-banner">{t('manager:lock.idle', { minutes: Math.round(view.idleSeconds / 60) })}</p> : null}
      <form noValidate onSubmit={(e) => void form.handleSubmit((values) => step.run(() => api.staff.unlock(values)))(e)}>
        <TextField label={t('manager:lock.password')} type="password" registration={form.register('password')} error={form.formState.errors.password} autoComplete="current-password" autoFocus testId="staff-unlock-password" />
        <FormError text={step.error} testId="staff-error" />
        <div className="console-card-actions">
          <button type="button" className="console-button" disabled={step.busy} onClick={() => void step.run(() => api.staff.signOut({}))} data-testid="staff-locked-sign-out">
            {t('manager:lock.signOut')}
          </button>
          <button type="submit" className="console-button is-primary" disabled={step.busy} data-testid="staff-unlock-submit">
            {t('manager:lock.unlock')}
          </button>
        </div>
      </form>
    </GateFrame>
  );
}

/** Every screen of the staff session except the console itself. */
export function StaffGate({ view, onView }: { view: StaffView; onView(view: StaffView): void }): JSX.Element {
  switch (view.state) {
    case 'signedOut':
      return <SignInScreen view={view} onView={onView} />;
    case 'code':
      return <CodeScreen view={view} onView={onView} />;
    case 'changePassword':
      return <ChangePasswordScreen onView={onView} />;
    case 'locked':
      return <LockScreen view={view} onView={onView} />;
    case 'signedIn':
      return <></>;
    default:
      return assertNever(view.state, 'staff state');
  }
}
