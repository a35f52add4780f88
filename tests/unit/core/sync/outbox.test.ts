import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBuildingValue, setBuildingValue } from '../../../../electron/core/db/building-kv';
import { getOutboxItem, listPendingOperations } from '../../../../electron/core/db/outbox';
import type { KioskDatabase } from '../../../../electron/core/db/open';
import { createUuidV7 } from '../../../../electron/core/platform/uuid-v7';
import { createOutbox, recordWrite } from '../../../../electron/core/sync/outbox';
import { tempKioskDb } from './fake-sync-hub';

const at = '2026-11-25T03:00:00.000Z';
const write = { kind: 'consent.set', payload: { consent: 'sms', granted: true }, sessionId: 'ses_1', residentId: 'res_1' };

describe('recordWrite: the local effect and the outbox row in one transaction', () => {
  let db: KioskDatabase;
  let cleanup: () => void;
  beforeEach(() => {
    ({ db, cleanup } = tempKioskDb());
  });
  afterEach(() => cleanup());

  const outboxCount = (): number => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox').get()?.n ?? 0;

  it('commits both together', () => {
    recordWrite(db, { ...write, id: '0193a000-0000-7000-8000-000000000001', createdAt: at }, (d) => setBuildingValue(d, 'effect', 1, at));
    expect(getBuildingValue(db, 'effect')).toBe(1);
    expect(listPendingOperations(db, 10)).toEqual([
      { id: '0193a000-0000-7000-8000-000000000001', kind: 'consent.set', createdAt: at, sessionId: 'ses_1', payload: write.payload },
    ]);
  });

  it('an effect that throws leaves no outbox row', () => {
    expect(() =>
      recordWrite(db, { ...write, id: 'id-1', createdAt: at }, (d) => {
        setBuildingValue(d, 'effect', 1, at);
        throw new Error('effect failed');
      }),
    ).toThrow('effect failed');
    expect(outboxCount()).toBe(0);
    expect(getBuildingValue(db, 'effect')).toBeUndefined();
  });

  it('an outbox row that cannot be written rolls the effect back', () => {
    recordWrite(db, { ...write, id: 'same-id', createdAt: at });
    // A second row with the same idempotency key violates the UNIQUE constraint.
    expect(() => recordWrite(db, { ...write, id: 'same-id', createdAt: at }, (d) => setBuildingValue(d, 'effect', 2, at))).toThrow(
      /UNIQUE/,
    );
    expect(getBuildingValue(db, 'effect')).toBeUndefined();
    expect(outboxCount()).toBe(1);
  });

  it('createOutbox gives each write a UUIDv7 id and its time, in order, and tells the engine', () => {
    let now = Date.parse(at);
    let kicks = 0;
    const outbox = createOutbox({ db, newId: createUuidV7(() => now), now: () => now, afterWrite: () => (kicks += 1) });
    const first = outbox.record(write);
    now += 1;
    const second = outbox.record({ ...write, payload: { n: 2 } });
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.createdAt).toBe(at);
    expect(listPendingOperations(db, 10).map((op) => op.id)).toEqual([first.id, second.id]);
    expect(getOutboxItem(db, second.id)).toMatchObject({ status: 'pending', kind: 'consent.set' });
    expect(kicks).toBe(2);
  });

  it('a failed write does not tell the engine', () => {
    let kicks = 0;
    const outbox = createOutbox({ db, newId: createUuidV7(), now: () => Date.parse(at), afterWrite: () => (kicks += 1) });
    expect(() =>
      outbox.record(write, () => {
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(kicks).toBe(0);
    expect(outboxCount()).toBe(0);
  });
});
