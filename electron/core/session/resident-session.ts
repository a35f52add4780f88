import type { LockReason, SessionState, SessionView } from '../../../shared/contract';
import type { Locale, ResidentSummary } from '../../../shared/domain';
import type { Logger } from '../../../shared/logger';
import { silentLogger } from '../../../shared/logger';
import { assertNever } from '../../../shared/assert-never';
import { KiotError } from '../../../shared/result';
import type { Clock, TimerHandle } from '../api';

export type SessionDeps = {
  clock: Clock;
  idleSeconds: number;
  countdownSeconds: number;
  sessionMaxSeconds: number;
  /** Deletes the resident's cached data from disk; called on every lock. */
  wipe: () => void;
  /** Receives the new view after every change (`session:changed`). */
  emit: (view: SessionView) => void;
  /**
   * Told the resident token of every session that ends, whatever ended it (sign-out, idle,
   * hard cap, suspend, crash), so the hub can refuse it from then on. Must not throw or block.
   */
  onSessionClosed?: (token: string) => void;
  logger?: Logger;
};

/** Who signed in, as main needs it for authorization and audit; never part of the view. */
export type SignedInResident = { residentId: string; unitId: string };

export const DEFAULT_LOCALE: Locale = 'vi';

/**
 * The resident session state machine. It owns the auto-lock timers and the secrets of a
 * session (the phone number and the hub's request id of the current code request, the
 * resident token, the resident's ids), which never leave the main process: the renderer
 * only ever sees a `SessionView`.
 *
 * attract ─start→ phone ─codeSent→ code ─signedIn→ signedIn
 *                   ↑───start (back)──┘
 * any state ─lock(reason)→ attract
 *
 * Idle policy: after `idleSeconds` without activity (outside attract) the "Are you still
 * there?" countdown starts. Once it runs, only `continue` (its large button) dismisses
 * it; a plain activity heartbeat does not. The renderer sends heartbeats for any touch,
 * and a stray touch (a bag brushing the screen, a passer-by) must not keep an abandoned
 * session — with someone's bills on screen — open for another minute. A resident who is
 * still there presses Continue. Independently, a session is locked `sessionMaxSeconds`
 * after it left attract, countdown or not.
 */
export type Session = {
  view(): SessionView;
  readonly state: SessionState;
  /**
   * Changes whenever the session's secrets are discarded (lock, going back to phone
   * entry). A handler that awaited the hub compares it before and after, so a late hub
   * answer cannot sign a resident into a session that has since ended.
   */
  readonly epoch: number;
  readonly otpRequestId: string | null;
  /** E.164 number of the current code request, kept so a resend needs nothing from the renderer. */
  readonly otpPhone: string | null;
  readonly residentToken: string | null;
  readonly resident: ResidentSummary | null;
  readonly signedInAs: SignedInResident | null;
  /** The hub's id of the signed-in resident's session: writes made in it carry it (sync). Main process only. */
  readonly hubSessionId: string | null;
  /** The resident's language for this session; back to Vietnamese on every lock. */
  readonly locale: Locale;
  setLocale(locale: Locale): void;
  /** attract → phone; code → phone (back, discarding the code); phone → phone is a no-op. */
  start(): SessionView;
  /** Throttled heartbeat: restarts the idle timer unless the countdown is already showing. */
  activity(): void;
  /** The countdown's Continue button: dismisses it and restarts the idle timer. */
  continue(): SessionView;
  /** phone|code → code, remembering the number and the hub's request id for resend and verification. */
  codeSent(args: { maskedPhone: string; requestId: string; phone: string }): SessionView;
  /** code → signedIn; the number is no longer needed and is forgotten. */
  signedIn(args: { resident: ResidentSummary; unitId: string; token: string; sessionId?: string | null }): SessionView;
  /** Ends the session from any state: wipes the cache, forgets the resident, back to attract. */
  lock(reason: LockReason): SessionView;
  /** Stops every timer (shutdown). */
  dispose(): void;
};

type Countdown = { endsAt: number; secondsLeft: number };

export function createSession(deps: SessionDeps): Session {
  const { clock } = deps;
  const logger = (deps.logger ?? silentLogger).child('session');
  const idleMs = deps.idleSeconds * 1000;
  const countdownMs = deps.countdownSeconds * 1000;
  const maxMs = deps.sessionMaxSeconds * 1000;

  let state: SessionState = 'attract';
  let epoch = 0;
  let maskedPhone: string | null = null;
  let otpRequestId: string | null = null;
  let otpPhone: string | null = null;
  let resident: ResidentSummary | null = null;
  let signedInAs: SignedInResident | null = null;
  let hubSessionId: string | null = null;
  let residentToken: string | null = null;
  let locale: Locale = DEFAULT_LOCALE;
  let countdown: Countdown | null = null;
  let lastLock: SessionView['lastLock'] = null;

  let idleTimer: TimerHandle | null = null;
  let countdownTimer: TimerHandle | null = null;
  let hardCapTimer: TimerHandle | null = null;
  let disposed = false;

  const iso = (ms: number): string => new Date(ms).toISOString();

  const view = (): SessionView => ({
    state,
    countdown: countdown === null ? null : { endsAt: iso(countdown.endsAt), secondsLeft: countdown.secondsLeft },
    maskedPhone,
    resident: resident === null ? null : { ...resident },
    lastLock: lastLock === null ? null : { ...lastLock },
  });

  const emit = (): SessionView => {
    const v = view();
    try {
      deps.emit(v);
    } catch (err) {
      logger.error('session listener threw', { error: err instanceof Error ? err.message : String(err) });
    }
    return v;
  };

  const clear = (timer: TimerHandle | null): null => {
    if (timer !== null) clock.clearTimeout(timer);
    return null;
  };

  const armIdle = (): void => {
    idleTimer = clear(idleTimer);
    if (disposed || state === 'attract' || countdown !== null) return;
    idleTimer = clock.setTimeout(onIdle, idleMs);
  };

  const onIdle = (): void => {
    idleTimer = null;
    if (state === 'attract') return;
    countdown = { endsAt: clock.now() + countdownMs, secondsLeft: deps.countdownSeconds };
    scheduleTick();
    emit();
  };

  const scheduleTick = (): void => {
    if (countdown === null) return;
    // Aim at the next whole-second boundary before endsAt, so a slow timer does not drift.
    const remaining = countdown.endsAt - clock.now();
    const untilNext = remaining - (countdown.secondsLeft - 1) * 1000;
    countdownTimer = clock.setTimeout(onTick, Math.max(0, Math.min(remaining, untilNext)));
  };

  const onTick = (): void => {
    countdownTimer = null;
    if (countdown === null) return;
    const secondsLeft = Math.max(0, Math.ceil((countdown.endsAt - clock.now()) / 1000));
    if (secondsLeft === 0) {
      lock('idle');
      return;
    }
    countdown = { ...countdown, secondsLeft };
    scheduleTick();
    emit();
  };

  const wrongState = (what: string): KiotError => new KiotError('wrong_state', `Cannot ${what} in state ${state}`);

  const forgetSecrets = (): void => {
    epoch += 1;
    maskedPhone = null;
    otpRequestId = null;
    otpPhone = null;
    resident = null;
    signedInAs = null;
    hubSessionId = null;
    residentToken = null;
  };

  const lock = (reason: LockReason): SessionView => {
    const token = residentToken;
    idleTimer = clear(idleTimer);
    countdownTimer = clear(countdownTimer);
    hardCapTimer = clear(hardCapTimer);
    countdown = null;
    state = 'attract';
    forgetSecrets();
    locale = DEFAULT_LOCALE;
    try {
      deps.wipe();
    } catch (err) {
      // Memory is cleared regardless; the cache is wiped again on the next lock and at startup.
      logger.error('failed to wipe the session cache', { error: err instanceof Error ? err.message : String(err) });
    }
    lastLock = { reason, at: iso(clock.now()) };
    logger.info('session locked', { reason });
    if (token !== null) deps.onSessionClosed?.(token);
    return emit();
  };

  return {
    view,
    get state() {
      return state;
    },
    get epoch() {
      return epoch;
    },
    get otpRequestId() {
      return otpRequestId;
    },
    get otpPhone() {
      return otpPhone;
    },
    get residentToken() {
      return residentToken;
    },
    get resident() {
      return resident;
    },
    get signedInAs() {
      return signedInAs;
    },
    get hubSessionId() {
      return hubSessionId;
    },
    get locale() {
      return locale;
    },
    setLocale(next) {
      locale = next;
    },
    start() {
      switch (state) {
        case 'attract':
          state = 'phone';
          hardCapTimer = clock.setTimeout(() => {
            hardCapTimer = null;
            lock('hardCap');
          }, maxMs);
          armIdle();
          return emit();
        case 'phone':
          armIdle();
          return view();
        case 'code':
          forgetSecrets();
          state = 'phone';
          armIdle();
          return emit();
        case 'signedIn':
          throw wrongState('go back to phone entry while signed in');
        default:
          return assertNever(state, 'session state');
      }
    },
    activity() {
      armIdle();
    },
    continue() {
      if (countdown === null) {
        armIdle();
        return view();
      }
      countdownTimer = clear(countdownTimer);
      countdown = null;
      armIdle();
      return emit();
    },
    codeSent(args) {
      if (state !== 'phone' && state !== 'code') throw wrongState('send a code');
      state = 'code';
      maskedPhone = args.maskedPhone;
      otpRequestId = args.requestId;
      otpPhone = args.phone;
      armIdle();
      return emit();
    },
    signedIn(args) {
      if (state !== 'code') throw wrongState('sign in');
      state = 'signedIn';
      otpRequestId = null;
      otpPhone = null;
      resident = { ...args.resident };
      signedInAs = { residentId: args.resident.id, unitId: args.unitId };
      hubSessionId = args.sessionId ?? null;
      residentToken = args.token;
      armIdle();
      return emit();
    },
    lock,
    dispose() {
      disposed = true;
      idleTimer = clear(idleTimer);
      countdownTimer = clear(countdownTimer);
      hardCapTimer = clear(hardCapTimer);
    },
  };
}
