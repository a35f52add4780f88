/**
 * An in-memory stand-in for the hub's sync routes (the edge of the engine's unit tests):
 * it applies each operation id once, serves a change log with cursors, and can be taken
 * down or made to fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { KiotError } from '../../../../shared/result';
import { runMigrations } from '../../../../electron/core/db/migrate';
import { openKioskDatabase } from '../../../../electron/core/db/open';
import type { KioskDatabase } from '../../../../electron/core/db/open';
import type { HeartbeatBody, PullChange, PullPage, PushOperation, PushResult, SyncTransport } from '../../../../electron/core/sync/transport';

export type FakeSyncHub = SyncTransport & {
  /** Operations applied, in the order the hub applied them (each id once). */
  applied: PushOperation[];
  /** Every push request, as sent. */
  pushes: PushOperation[][];
  pulls: { cursor?: string; limit: number }[];
  heartbeats: HeartbeatBody[];
  /** While true, every call fails as a network error would. */
  down: boolean;
  /** Kinds the hub rejects (final), with this code. */
  rejectKinds: Map<string, string>;
  /** Applies the batch, then "loses" the answer: the kiosk sees hub_unavailable. */
  loseNextAnswer: boolean;
  /** The published change log. */
  changes: PullChange[];
  /** Cursors below this seq are "too old". */
  oldestCursor: number;
  publish(change: Omit<PullChange, 'seq'>): PullChange;
};

export function createFakeSyncHub(): FakeSyncHub {
  const seen = new Set<string>();
  const unavailable = (): KiotError => new KiotError('hub_unavailable', 'The hub is unavailable (network error)');
  const hub: FakeSyncHub = {
    applied: [],
    pushes: [],
    pulls: [],
    heartbeats: [],
    down: false,
    rejectKinds: new Map(),
    loseNextAnswer: false,
    changes: [],
    oldestCursor: 0,
    publish(change) {
      const full = { ...change, seq: hub.changes.length + 1 };
      hub.changes.push(full);
      return full;
    },
    async push(operations) {
      if (hub.down) throw unavailable();
      hub.pushes.push(operations.map((op) => ({ ...op })));
      const results: PushResult[] = operations.map((op) => {
        const code = hub.rejectKinds.get(op.kind);
        if (code !== undefined) return { id: op.id, status: 'rejected', error: { code, message: `kind ${op.kind} refused` } };
        if (seen.has(op.id)) return { id: op.id, status: 'duplicate' };
        seen.add(op.id);
        hub.applied.push({ ...op });
        return { id: op.id, status: 'applied' };
      });
      if (hub.loseNextAnswer) {
        hub.loseNextAnswer = false;
        throw unavailable();
      }
      return { results };
    },
    async pull(query): Promise<PullPage> {
      if (hub.down) throw unavailable();
      hub.pulls.push({ ...query });
      let from = 0;
      if (query.cursor !== undefined) {
        from = Number(query.cursor.replace(/^c/, ''));
        if (!Number.isInteger(from) || from < hub.oldestCursor || from > hub.changes.length) {
          throw new KiotError('resync_required', 'Pull a snapshot');
        }
      }
      const page = hub.changes.slice(from, from + query.limit);
      const last = from + page.length;
      return { changes: page.map((c) => ({ ...c })), cursor: `c${last}`, hasMore: last < hub.changes.length };
    },
    async heartbeat(body) {
      if (hub.down) throw unavailable();
      hub.heartbeats.push({ ...body });
      return { receivedAt: new Date().toISOString() };
    },
  };
  return hub;
}

/** A migrated kiosk database in a fresh temp directory; `cleanup` closes it and removes the directory. */
export function tempKioskDb(): { db: KioskDatabase; file: string; key: Buffer; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiot-sync-'));
  const file = path.join(dir, 'kiosk.db');
  const key = randomBytes(32);
  const db = openKioskDatabase(file, key);
  runMigrations(db);
  return {
    db,
    file,
    key,
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Lets promise chains started by fired timers run to their next real wait. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
