import { insertOutboxRow } from '../db/outbox';
import type { KioskDatabase } from '../db/open';
import type { UuidV7Generator } from '../platform/uuid-v7';

/** A write made at this kiosk that the hub must apply. */
export type LocalWrite = {
  kind: string;
  payload: unknown;
  /** The hub session it was made in (a signed-in resident), or null. */
  sessionId: string | null;
  /** Whose write it is: an erasure of that resident drops it while still queued. */
  residentId: string | null;
};

export type RecordedWrite = { id: string; createdAt: string };

/**
 * The one write path: the local effect and the outbox row commit together in one
 * SQLCipher transaction, or neither does. If the effect throws, nothing is queued; if
 * queueing fails, the effect is rolled back.
 */
export function recordWrite(
  db: KioskDatabase,
  write: LocalWrite & RecordedWrite,
  localEffect?: (db: KioskDatabase) => void,
): void {
  db.transaction(() => {
    localEffect?.(db);
    insertOutboxRow(db, write);
  }).immediate();
}

export type Outbox = {
  /** Records the write (and its local effect) and asks the engine to send it. Returns its id. */
  record(write: LocalWrite, localEffect?: (db: KioskDatabase) => void): RecordedWrite;
};

export type OutboxDeps = {
  db: KioskDatabase;
  newId: UuidV7Generator;
  now: () => number;
  /** Called after every commit (the engine flushes at once when the hub is reachable). */
  afterWrite?: () => void;
};

export function createOutbox(deps: OutboxDeps): Outbox {
  return {
    record(write, localEffect) {
      const recorded: RecordedWrite = { id: deps.newId(), createdAt: new Date(deps.now()).toISOString() };
      recordWrite(deps.db, { ...write, ...recorded }, localEffect);
      deps.afterWrite?.();
      return recorded;
    },
  };
}
