import type { SessionView } from '../../../../shared/contract';
import type { Locale } from '../../../../shared/domain';
import type { Logger } from '../../../../shared/logger';
import { silentLogger } from '../../../../shared/logger';
import type { HubClient } from '../../platform/hub-client';
import type { Session } from '../../session/resident-session';

export type SessionServiceDeps = {
  session: Session;
  /** Where a sign-out is also reported, so the hub stops accepting the resident's token. */
  hub?: Pick<HubClient, 'signOut'>;
  logger?: Logger;
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

export function createSessionService({ session, hub, logger = silentLogger }: SessionServiceDeps): SessionService {
  const log = logger.child('session');
  return {
    view: () => session.view(),
    start: () => session.start(),
    activity: () => session.activity(),
    continue: () => session.continue(),
    end: () => {
      const token = session.residentToken;
      // Locked first and at once: the kiosk never waits for the hub (which may be down)
      // before the resident's data leaves the screen and the disk.
      const view = session.lock('signOut');
      if (token !== null && hub !== undefined) {
        // Best effort: an unreachable hub lets the token expire on its own (15 minutes).
        hub.signOut(token).catch((err: unknown) => {
          log.warn('hub sign-out failed; the session expires at the hub on its own', { error: err instanceof Error ? err.message : String(err) });
        });
      }
      return view;
    },
    setLocale: (locale) => session.setLocale(locale),
  };
}
