import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KiotError } from '../../../../shared/result';
import { createSessionService } from '../../../../server/services/sessions';
import type { SessionService } from '../../../../server/services/sessions';
import { createFixture } from '../fixtures';
import type { Fixture } from '../fixtures';

let fx: Fixture;
let sessions: SessionService;

beforeEach(async () => {
  fx = await createFixture();
  sessions = createSessionService({ db: fx.db, clock: fx.clock.now, random: (n) => randomBytes(n), newId: fx.newId });
});

afterEach(async () => {
  await fx.db.destroy();
});

async function refusal(promise: Promise<unknown>): Promise<KiotError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KiotError);
  expect((err as KiotError).code).toBe('unauthorized');
  return err as KiotError;
}

describe('resident sessions (real SQLite)', () => {
  it('opens no session for a resident removed from the roster after proving their number', async () => {
    // The OTP proved the number, but the resident is gone by the time the session would open.
    await fx.db.deleteFrom('residents').where('id', '=', fx.residentId).execute();
    await refusal(sessions.start(fx.residentId, fx.kiosk));
    expect(await fx.db.selectFrom('resident_sessions').selectAll().execute()).toEqual([]);
  });

  it('authenticates the token it issued as that resident, on that kiosk, until sign-out', async () => {
    const started = await sessions.start(fx.residentId, fx.kiosk);
    const who = await sessions.authenticate(`Bearer ${started.token}`, fx.kiosk);
    expect(who).toMatchObject({ sessionId: started.sessionId, resident: { id: fx.residentId, fullName: 'Trần Văn Bình', unitLabel: 'A-0101' } });

    await sessions.revoke(started.sessionId);
    await refusal(sessions.authenticate(`Bearer ${started.token}`, fx.kiosk));
  });
});
