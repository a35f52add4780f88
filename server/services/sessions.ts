import type { OtpVerifyResponse } from '../../shared/hub-api';
import { KiotError } from '../../shared/result';
import { newSecret, sha256Base64url } from '../crypto';
import type { IdGenerator, RandomBytes } from '../ids';
import type { HubDb } from '../db/connect';
import { getResidentProfile } from '../db/residents';
import type { ResidentProfile } from '../db/residents';
import { findResidentSessionWithProfile, insertResidentSession, revokeResidentSession } from '../db/sessions';
import type { AuthenticatedDevice } from './devices';

export const RESIDENT_SESSION_TTL_MS = 15 * 60 * 1000;

export type SessionService = {
  /** Opens a session for a resident who just proved their number on this device. */
  start(residentId: string, device: AuthenticatedDevice): Promise<OtpVerifyResponse>;
  /** The resident (and session) behind a bearer token, if the token is live and was issued to this device. */
  authenticate(authorization: string | undefined, device: AuthenticatedDevice): Promise<AuthenticatedResident>;
  /** Sign-out: the session's token is refused from now on. */
  revoke(sessionId: string): Promise<void>;
};

export type AuthenticatedResident = { resident: ResidentProfile; sessionId: string };

export type SessionDeps = { db: HubDb; clock: () => Date; random: RandomBytes; newId: IdGenerator };

export function createSessionService(deps: SessionDeps): SessionService {
  const { db, clock, random, newId } = deps;
  const unauthorized = (): KiotError => new KiotError('unauthorized', 'Missing, expired or invalid resident session');

  return {
    async start(residentId, device) {
      const profile = await getResidentProfile(db, residentId);
      if (!profile) throw new KiotError('unauthorized', 'Resident no longer exists');
      const now = clock();
      const token = newSecret(random);
      const expiresAt = new Date(now.getTime() + RESIDENT_SESSION_TTL_MS).toISOString();
      const sessionId = newId();
      await insertResidentSession(db, {
        id: sessionId,
        token_hash: sha256Base64url(token),
        resident_id: residentId,
        device_id: device.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
      });
      return {
        token,
        expiresAt,
        resident: { id: profile.id, fullName: profile.fullName, unitLabel: profile.unitLabel, buildingName: profile.buildingName },
        unitId: profile.unitId,
        sessionId,
      };
    },

    async authenticate(authorization, device) {
      const match = /^Bearer ([A-Za-z0-9_-]{32,128})$/.exec(authorization ?? '');
      if (!match) throw unauthorized();
      // The session and its resident in one query: this runs on every resident request.
      const found = await findResidentSessionWithProfile(db, sha256Base64url(match[1]!));
      if (!found) throw unauthorized();
      const { session, profile } = found;
      if (session.revoked_at !== null || Date.parse(session.expires_at) <= clock().getTime()) throw unauthorized();
      // A token copied off one kiosk is useless on any other device.
      if (session.device_id !== device.id) throw unauthorized();
      return { resident: profile, sessionId: session.id };
    },

    async revoke(sessionId) {
      await revokeResidentSession(db, sessionId, clock().toISOString());
    },
  };
}
