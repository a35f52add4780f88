import { randomInt } from 'node:crypto';
import type { Logger } from '../../../shared/logger';
import { KiotError } from '../../../shared/result';
import type { Clock } from '../api';
import type { KioskDatabase } from '../db/open';
import type { HubClient } from '../platform/hub-client';
import type { UuidV7Generator } from '../platform/uuid-v7';
import type { Session } from '../session/resident-session';
import { createSyncEngine } from './engine';
import type { ItemStatus, SyncEngine, SyncEngineOptions } from './engine';
import { createHubSyncTransport } from './hub-transport';
import { createOutbox } from './outbox';
import type { LocalWrite, Outbox, RecordedWrite } from './outbox';

/** What a feature needs to write as the signed-in resident and show where each write stands. */
export type ResidentWrites = {
  recordAsResident(write: Pick<LocalWrite, 'kind' | 'payload'>): RecordedWrite;
  itemStatus(id: string): ItemStatus | null;
};

export type CoreSync = {
  engine: SyncEngine;
  outbox: Outbox;
  /** A write by the signed-in resident, tagged with their hub session and id. Throws `unauthorized` when nobody is signed in. */
  recordAsResident(write: Pick<LocalWrite, 'kind' | 'payload'>, localEffect?: (db: KioskDatabase) => void): RecordedWrite;
  /** The same, for features (consents, profile corrections). */
  residentWrites: ResidentWrites;
};

export type CoreSyncDeps = {
  db: KioskDatabase;
  hub: Pick<HubClient, 'call'>;
  clock: Clock;
  newId: UuidV7Generator;
  session: Pick<Session, 'signedInAs' | 'hubSessionId' | 'lock'>;
  version: string;
  logger: Logger;
  /** False: the engine runs only when asked (`flush()`, `pull()`), with no timers. */
  options: Partial<SyncEngineOptions> | false;
};

/** Uniform in [0, 1). Jitter needs no cryptographic strength, but the CSPRNG is at hand (randomInt's range is below 2^48). */
const uniform = (): number => randomInt(0, 2 ** 48 - 1) / 2 ** 48;

/**
 * The sync engine and the outbox as the app core uses them: over the hub client, started
 * at once unless disabled, and ending the session of a resident the hub has erased.
 */
export function createCoreSync(deps: CoreSyncDeps): CoreSync {
  const { session } = deps;
  const engine = createSyncEngine({
    db: deps.db,
    transport: createHubSyncTransport(deps.hub),
    clock: deps.clock,
    random: uniform,
    version: deps.version,
    logger: deps.logger,
    onResidentsErased: (ids) => {
      const signedIn = session.signedInAs;
      // Locking wipes the session cache, which holds only the signed-in resident's data.
      if (signedIn !== null && ids.includes(signedIn.residentId)) session.lock('signOut');
    },
    ...(deps.options === false ? {} : { options: deps.options }),
  });
  const outbox = createOutbox({ db: deps.db, newId: deps.newId, now: () => deps.clock.now(), afterWrite: () => engine.kick() });
  if (deps.options !== false) engine.start();
  const recordAsResident: CoreSync['recordAsResident'] = (write, localEffect) => {
    const who = session.signedInAs;
    if (who === null) throw new KiotError('unauthorized', 'Nobody is signed in');
    return outbox.record({ ...write, sessionId: session.hubSessionId, residentId: who.residentId }, localEffect);
  };
  return {
    engine,
    outbox,
    recordAsResident,
    residentWrites: { recordAsResident: (write) => recordAsResident(write), itemStatus: (id) => engine.itemStatus(id) },
  };
}
