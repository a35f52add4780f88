import type { AccessLogEntry } from '../../../../shared/audit';
import type { HubClient } from '../../platform/hub-client';
import { assertSameSession, requireSignedIn } from '../../session/guards';
import type { Session } from '../../session/resident-session';

export type AccessLogServiceDeps = {
  session: Session;
  hub: Pick<HubClient, 'call'>;
};

export type AccessLogService = {
  /** Fresh from the hub every time, never cached: the log is the hub's, and it grows. */
  list(): Promise<AccessLogEntry[]>;
};

export function createAccessLogService(deps: AccessLogServiceDeps): AccessLogService {
  const { session, hub } = deps;
  return {
    async list() {
      const token = requireSignedIn(session);
      session.activity();
      const epoch = session.epoch;
      const { entries } = await hub.call('me.accessLog', { token });
      // A late answer must not reach the next resident's session.
      assertSameSession(session, epoch);
      return entries;
    },
  };
}
