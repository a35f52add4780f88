import { KiotError } from '../../../shared/result';
import type { Session } from './resident-session';

/** The resident token, or `unauthorized` when nobody is signed in. */
export function requireSignedIn(session: Pick<Session, 'state' | 'residentToken'>): string {
  const token = session.residentToken;
  if (session.state !== 'signedIn' || token === null) throw new KiotError('unauthorized', 'No resident is signed in');
  return token;
}

/**
 * For a handler that awaited the hub: the session must still be the one the request
 * started in, so a late answer cannot reach a session that has since ended.
 */
export function assertSameSession(session: Pick<Session, 'epoch'>, epoch: number): void {
  if (session.epoch !== epoch) throw new KiotError('wrong_state', 'The session ended while waiting for the hub');
}
