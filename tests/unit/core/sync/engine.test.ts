import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPendingOperations } from '../../../../electron/core/db/outbox';
import type { KioskDatabase } from '../../../../electron/core/db/open';
import { getSyncState, getSyncedItem, listSyncedItems } from '../../../../electron/core/db/synced-items';
import { createUuidV7 } from '../../../../electron/core/platform/uuid-v7';
import { createSyncEngine } from '../../../../electron/core/sync/engine';
import type { SyncEngine, SyncEngineOptions } from '../../../../electron/core/sync/engine';
import { createOutbox } from '../../../../electron/core/sync/outbox';
import type { Outbox } from '../../../../electron/core/sync/outbox';
import { createFakeClock } from '../../../fixtures/fake-clock';
import type { FakeClock } from '../../../fixtures/fake-clock';
import { createFakeSyncHub, settle, tempKioskDb } from './fake-sync-hub';
import type { FakeSyncHub } from './fake-sync-hub';

const HOUR = 3_600_000;

describe('sync engine', () => {
  let db: KioskDatabase;
  let cleanup: () => void;
  let clock: FakeClock;
  let hub: FakeSyncHub;
  let outbox: Outbox;
  let engine: SyncEngine | null;
  let erased: string[];

  beforeEach(() => {
    ({ db, cleanup } = tempKioskDb());
    clock = createFakeClock(Date.UTC(2026, 10, 25, 3, 0, 0));
    hub = createFakeSyncHub();
    erased = [];
    engine = null;
    outbox = createOutbox({ db, newId: createUuidV7(() => clock.now()), now: () => clock.now(), afterWrite: () => engine?.kick() });
  });
  afterEach(async () => {
    await engine?.stop();
    cleanup();
  });

  /** Random pinned at 0.5: each backoff wait is half its ceiling (500 ms, 1 s, 2 s, …). */
  const startEngine = (options: Partial<SyncEngineOptions> = {}, random = (): number => 0.5): SyncEngine => {
    engine = createSyncEngine({
      db,
      transport: hub,
      clock,
      random,
      version: '1.2.3',
      onResidentsErased: (ids) => erased.push(...ids),
      options: { pullIntervalMs: 60_000, heartbeatIntervalMs: 300_000, ...options },
    });
    engine.start();
    return engine;
  };

  const write = (n: number, residentId: string | null = 'res_1', kind = 'test.note'): string =>
    outbox.record({ kind, payload: { n, note: `note ${n}` }, sessionId: residentId === null ? null : 'ses_1', residentId }).id;

  const rawPayloads = (): unknown[] => db.prepare('SELECT payload FROM outbox WHERE payload IS NOT NULL').pluck().all();

  it('drains a backlog oldest first in batches of at most 100, each once, and keeps no payload after', async () => {
    const ids = Array.from({ length: 250 }, (_, n) => write(n));
    const e = startEngine();
    await settle();
    expect(hub.pushes.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(hub.applied.map((op) => op.id)).toEqual(ids);
    expect(hub.applied[0]).toMatchObject({ kind: 'test.note', sessionId: 'ses_1', payload: { n: 0, note: 'note 0' } });
    expect(rawPayloads()).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM outbox WHERE session_id IS NOT NULL OR resident_id IS NOT NULL').pluck().get()).toBe(0);
    expect(e.itemStatus(ids[0] ?? '')).toEqual({ status: 'sent', at: new Date(clock.now()).toISOString() });
    expect(e.status()).toMatchObject({ online: true, pending: 0, oldestPendingSeconds: null, lastError: null });
    expect(e.status().lastSyncAt).toBe(new Date(clock.now()).toISOString());
  });

  it('sends a write as soon as it is recorded when the hub is reachable', async () => {
    startEngine();
    await settle();
    const id = write(1);
    await settle();
    expect(hub.applied.map((op) => op.id)).toEqual([id]);
  });

  it('a rejection is final: reason kept, payload gone, never sent again', async () => {
    hub.rejectKinds.set('test.bad', 'forbidden');
    const e = startEngine();
    const bad = write(1, 'res_1', 'test.bad');
    const good = write(2);
    await settle();
    expect(e.itemStatus(bad)).toEqual({
      status: 'rejected',
      at: new Date(clock.now()).toISOString(),
      reason: { code: 'forbidden', message: 'kind test.bad refused' },
    });
    expect(e.itemStatus(good)).toMatchObject({ status: 'sent' });
    expect(rawPayloads()).toEqual([]);
    const pushesBefore = hub.pushes.length;
    await e.flush();
    clock.advance(HOUR);
    await settle();
    expect(hub.pushes.slice(pushesBefore).flat().map((op) => op.id)).not.toContain(bad);
    expect(e.itemStatus('no-such-id')).toBeNull();
  });

  it('offline: retries on the full-jitter schedule, never in a tight loop, then drains in order once and resets the backoff', async () => {
    hub.down = true;
    // Pulls and heartbeats far apart, so only the push schedule is observed.
    const e = startEngine({ pullIntervalMs: 10 * HOUR, heartbeatIntervalMs: 10 * HOUR });
    const ids = [write(1), write(2), write(3)];
    await settle();
    expect(e.status()).toMatchObject({ online: false, pending: 3, lastError: expect.stringMatching(/^(push|pull|heartbeat): hub_unavailable$/) });

    // A failed push attempt, seen by the fake as nothing: count tries through a wrapper.
    let tries = 0;
    const push = hub.push.bind(hub);
    hub.push = async (ops) => {
      tries += 1;
      return push(ops);
    };
    // Waits at random 0.5 after the 1st, 2nd, … failure: 0.5 s, 1 s, 2 s, 4 s, … up to half the 5-minute cap.
    const expected = [500, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000];
    for (const [n, wait] of expected.entries()) {
      clock.advance(wait - 1);
      await settle();
      expect(tries, `try ${n + 2} not before its time`).toBe(n);
      clock.advance(1);
      await settle();
      expect(tries, `try ${n + 2} at its time`).toBe(n + 1);
    }
    // Writes made meanwhile wait for the backoff timer rather than trying at once.
    const later = write(4);
    await settle();
    expect(tries).toBe(expected.length);
    expect(e.itemStatus(later)).toEqual({ status: 'waiting' });
    // The fake clock fires the timers of one advance synchronously; step it, so each retry can arm the next.
    for (let step = 0; step < 360; step++) {
      clock.advance(10_000);
      await settle(3);
    }
    // An hour at the 150 s wait (cap 300 s × 0.5) is 24 tries, not thousands.
    expect(tries).toBe(expected.length + 24);
    expect(e.status().oldestPendingSeconds).toBeGreaterThan(3600);

    hub.down = false;
    clock.advance(150_000);
    await settle();
    expect(hub.applied.map((op) => op.id)).toEqual([...ids, later]);
    expect(e.status()).toMatchObject({ online: true, pending: 0, lastError: null });

    // After a success the next failure waits from the base again (0.5 s).
    hub.down = true;
    write(5);
    await settle();
    const before = tries;
    clock.advance(499);
    await settle();
    expect(tries).toBe(before);
    clock.advance(1);
    await settle();
    expect(tries).toBe(before + 1);
  });

  it('counts the attempts of each queued row, and prunes answered rows after a week at the next pull', async () => {
    hub.down = true;
    const e = startEngine({ pullIntervalMs: HOUR, heartbeatIntervalMs: 10 * HOUR });
    const waiting = write(1);
    await settle();
    clock.advance(500);
    await settle();
    expect(db.prepare('SELECT attempts FROM outbox WHERE id = ?').pluck().get(waiting)).toBe(2);
    hub.down = false;
    await e.flush();
    expect(e.itemStatus(waiting)).toMatchObject({ status: 'sent' });
    clock.advance(6 * 24 * HOUR);
    await e.pull();
    expect(e.itemStatus(waiting)).toMatchObject({ status: 'sent' });
    hub.down = true;
    const recent = write(2);
    hub.down = false;
    clock.advance(2 * 24 * HOUR);
    await e.pull();
    expect(e.itemStatus(waiting)).toBeNull();
    expect(e.itemStatus(recent)).not.toBeNull();
  });

  it('a lost answer is retried and answered duplicate: applied exactly once', async () => {
    hub.loseNextAnswer = true;
    const e = startEngine({ pullIntervalMs: 10 * HOUR, heartbeatIntervalMs: 10 * HOUR });
    const id = write(1);
    await settle();
    expect(hub.applied.map((op) => op.id)).toEqual([id]);
    expect(e.itemStatus(id)).toEqual({ status: 'waiting' });
    clock.advance(500);
    await settle();
    expect(hub.pushes.map((p) => p.map((op) => op.id))).toEqual([[id], [id]]);
    expect(hub.applied).toHaveLength(1);
    expect(e.itemStatus(id)).toMatchObject({ status: 'sent' });
  });

  it('a failing batch leaves it and everything after it queued, in order', async () => {
    const ids = Array.from({ length: 150 }, (_, n) => write(n));
    let calls = 0;
    const push = hub.push.bind(hub);
    hub.push = async (ops) => {
      calls += 1;
      if (calls === 2) throw new Error('socket hang up');
      return push(ops);
    };
    const e = startEngine({ pullIntervalMs: 10 * HOUR, heartbeatIntervalMs: 10 * HOUR });
    await settle();
    expect(hub.applied).toHaveLength(100);
    expect(listPendingOperations(db, 1000).map((op) => op.id)).toEqual(ids.slice(100));
    expect(e.status()).toMatchObject({ pending: 50, lastError: 'push: internal' });
    clock.advance(500);
    await settle();
    expect(hub.applied.map((op) => op.id)).toEqual(ids);
  });

  it('survives a restart: a new engine on the same database sends what the old one left', async () => {
    hub.down = true;
    const first = startEngine();
    const ids = [write(1), write(2)];
    await settle();
    await first.stop();
    hub.down = false;
    clock.advance(HOUR);
    await settle();
    expect(hub.applied).toEqual([]);
    startEngine();
    await settle();
    expect(hub.applied.map((op) => op.id)).toEqual(ids);
  });

  it('stop() waits for the exchange in flight and leaves no timer behind', async () => {
    let release: () => void = () => undefined;
    const push = hub.push.bind(hub);
    hub.push = async (ops) => {
      await new Promise<void>((resolve) => (release = resolve));
      return push(ops);
    };
    const e = startEngine();
    const id = write(1);
    await settle();
    let stopped = false;
    const stopping = e.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(e.itemStatus(id)).toMatchObject({ status: 'sent' });
    expect(clock.pendingTimers()).toBe(0);
    e.kick();
    await e.flush();
    await e.pull();
    expect(clock.pendingTimers()).toBe(0);
  });

  describe('pull', () => {
    it('takes a snapshot first, then changes from the cursor, every interval and on demand', async () => {
      hub.publish({ type: 'announcement', id: 'ann_1', data: { title: 'Water off Tuesday' } });
      hub.publish({ type: 'building_settings', id: 'building', data: { idleSeconds: 60 } });
      const e = startEngine({ pullLimit: 1 });
      await settle();
      expect(hub.pulls[0]).toEqual({ limit: 1 });
      expect(hub.pulls).toHaveLength(2);
      expect(getSyncedItem(db, 'announcement', 'ann_1')).toEqual({ title: 'Water off Tuesday' });
      expect(getSyncState(db).cursor).toBe('c2');

      hub.publish({ type: 'announcement', id: 'ann_1', data: null });
      hub.publish({ type: 'policy_version', id: 'privacy-3', data: { version: 3 } });
      clock.advance(59_999);
      await settle();
      expect(hub.pulls).toHaveLength(2);
      clock.advance(1);
      await settle();
      expect(hub.pulls.slice(2)).toEqual([
        { cursor: 'c2', limit: 1 },
        { cursor: 'c3', limit: 1 },
      ]);
      expect(getSyncedItem(db, 'announcement', 'ann_1')).toBeUndefined();
      expect(getSyncedItem(db, 'policy_version', 'privacy-3')).toEqual({ version: 3 });

      hub.publish({ type: 'service_catalogue', id: 'svc', data: { services: [] } });
      await e.pull();
      expect(getSyncedItem(db, 'service_catalogue', 'svc')).toEqual({ services: [] });
      expect(e.status().lastSyncAt).toBe(new Date(clock.now()).toISOString());
    });

    it('applies the changes of a page in seq order', async () => {
      const e = startEngine({ pullIntervalMs: 10 * HOUR });
      await settle();
      hub.pull = async () => ({
        changes: [
          { seq: 3, type: 'announcement', id: 'a', data: { v: 3 } },
          { seq: 1, type: 'announcement', id: 'a', data: { v: 1 } },
          { seq: 2, type: 'announcement', id: 'a', data: null },
        ],
        cursor: 'c3',
        hasMore: false,
      });
      await e.pull();
      expect(getSyncedItem(db, 'announcement', 'a')).toEqual({ v: 3 });
    });

    it('resync_required: forgets the cursor and replaces everything with a snapshot', async () => {
      hub.publish({ type: 'announcement', id: 'old', data: { v: 1 } });
      const e = startEngine({ pullIntervalMs: 10 * HOUR });
      await settle();
      expect(getSyncState(db).cursor).toBe('c1');
      // The hub compacted its log: the kiosk's cursor is now too old, and "old" was deleted meanwhile.
      hub.changes = [];
      hub.publish({ type: 'announcement', id: 'new', data: { v: 2 } });
      hub.publish({ type: 'announcement', id: 'newer', data: { v: 3 } });
      hub.oldestCursor = 2;
      await e.pull();
      expect(hub.pulls.slice(-2)).toEqual([{ cursor: 'c1', limit: 500 }, { limit: 500 }]);
      expect(listSyncedItems(db, 'announcement').map((i) => i.id)).toEqual(['new', 'newer']);
      expect(getSyncState(db).cursor).toBe('c2');
      expect(e.status().lastError).toBeNull();
    });

    it('resident_erased drops every queued and rejected row of that resident, and tells the core', async () => {
      hub.down = true;
      const e = startEngine({ pullIntervalMs: 10 * HOUR });
      const theirs = [write(1, 'res_gone'), write(2, 'res_gone')];
      const other = write(3, 'res_stays');
      const device = write(4, null);
      await settle();
      hub.down = false;
      hub.rejectKinds.set('test.bad', 'forbidden');
      hub.publish({ type: 'resident_erased', id: 'res_gone', data: null });
      // The pull succeeds, so the push (waiting out a backoff) goes at once too.
      await e.pull();
      await settle();
      expect(erased).toEqual(['res_gone']);
      for (const id of theirs) expect(e.itemStatus(id)).toBeNull();
      expect(hub.applied.map((op) => op.id)).toEqual([other, device]);
    });
  });

  it('heartbeat: version, uptime, outbox depth and age, last sync, last error — on its schedule', async () => {
    hub.down = true;
    const e = startEngine({ pullIntervalMs: 10 * HOUR, backoffCapMs: 10 * HOUR });
    write(1);
    await settle();
    hub.down = false;
    clock.advance(1_000);
    await settle();
    const sentAt = new Date(clock.now()).toISOString();
    clock.advance(299_000);
    await settle();
    expect(hub.heartbeats).toHaveLength(1);
    expect(hub.heartbeats[0]).toEqual({
      version: '1.2.3',
      uptimeSeconds: 300,
      outboxDepth: 0,
      oldestPendingSeconds: null,
      lastSyncAt: sentAt,
      lastError: null,
    });
    hub.down = true;
    write(2);
    await settle();
    clock.advance(299_000 - 1_000);
    await settle();
    expect(hub.heartbeats).toHaveLength(1);
    expect(e.status()).toMatchObject({ pending: 1, oldestPendingSeconds: 298, online: false });
  });
});
