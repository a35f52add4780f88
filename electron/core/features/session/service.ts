import type { SessionView } from '../../../../shared/contract';
import type { Locale } from '../../../../shared/domain';
import type { Session } from '../../session/resident-session';

export type SessionServiceDeps = {
  /** Every lock, a sign-out included, also closes the session at the hub (see `onSessionClosed`). */
  session: Session;
};

/** What the renderer may do to the session; the state machine itself lives in `session/`. */
export type SessionService = {
  view(): SessionView;
  start(): SessionView;
  activity(): void;
  continue(): SessionView;
  /** Sign out or cancel, from any state. */
  end(): SessionView;
  setLocale(locale: Locale): void;
};

export function createSessionService({ session }: SessionServiceDeps): SessionService {
  return {
    view: () => session.view(),
    start: () => session.start(),
    activity: () => session.activity(),
    continue: () => session.continue(),
    end: () => session.lock('signOut'),
    setLocale: (locale) => session.setLocale(locale),
  };
}
