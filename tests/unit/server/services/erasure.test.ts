/**
 * The deletion executor on a real (in-memory) SQLite hub database, without HTTP: which
 * deletions a run takes (due to the second, oldest first, at most a batch), what a failing one
 * does to the others, the final notice on each channel and when it cannot go, the exports it
 * refuses, and what it logs. The end-to-end erasure (every table, raw bytes, both databases,
 * two hubs) is in tests/integration/hub/erasure.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage } from '../../../../server/adapters/mail/mail-adapter';
import { insertResidents } from '../../../../server/db/residents';
import { createAuditService } from '../../../../server/services/audit';
import { createErasureService } from '../../../../server/services/erasure';
import type { ErasureDeps } from '../../../../server/services/erasure';
import { createSyncService } from '../../../../server/services/sync';
import { createMemoryLogger } from '../../../fixtures/memory-logger';
import { createFixture } from '../fixtures';
import type { Fixture } from '../fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
const hmacKey = randomBytes(32);

let fx: Fixture;
let unitId: string;
let seq = 0;

type RequestTables = {
  data_requests: {
    id: string;
    building_id: string;
    resident_id: string;
    kind: string;
    status: string;
    details: string | null;
    created_at: string;
    acknowledge_due_at: string;
    act_due_at: string;
    erase_at: string | null;
    closed_at: string | null;
    hold_category: string | null;
    hold_reason: string | null;
    refusal_reason: string | null;
    final_notice_channel: string | null;
    export_json: string | null;
    updated_at: string;
  };
};
const requests = () => fx.db.withTables<RequestTables>();

function executor(more: Partial<ErasureDeps> = {}) {
  const sent: { sms: { to: string; body: string }[]; mail: MailMessage[] } = { sms: [], mail: [] };
  const memory = createMemoryLogger('erasure');
  const service = createErasureService({
    db: fx.db,
    clock: fx.clock.now,
    newId: fx.newId,
    audit: createAuditService({ db: fx.db, clock: fx.clock.now, newId: fx.newId }),
    sync: createSyncService({ db: fx.db, clock: fx.clock.now, newId: fx.newId }),
    sms: {
      send: async (to, body) => {
        sent.sms.push({ to, body });
      },
    },
    mail: {
      send: async (message) => {
        sent.mail.push(message);
      },
    },
    hmacKey,
    logger: memory.logger,
    ...more,
  });
  return { service, sent, logs: memory };
}

/** A resident of the fixture's unit with a number and (optionally) an email of their own. */
async function resident(email: string | null = null): Promise<{ id: string; phone: string }> {
  seq += 1;
  const id = fx.newId();
  const phone = `+8437${String(1_000_000 + seq).padStart(7, '0')}`;
  const now = fx.clock.now().toISOString();
  await insertResidents(fx.db, [{ id, building_id: fx.buildingId, unit_id: unitId, full_name: 'Đặng Thu Xóa', phone_e164: phone, email, created_at: now, updated_at: now }]);
  return { id, phone };
}

/** A deletion request that becomes due `inMs` from now. */
async function deletion(residentId: string, inMs: number, finalNotice: 'sms' | 'email' | 'none' | null = 'sms'): Promise<{ id: string; eraseAt: Date }> {
  const id = fx.newId();
  const now = fx.clock.now();
  const eraseAt = new Date(now.getTime() + inMs);
  await requests()
    .insertInto('data_requests')
    .values({
      id,
      building_id: fx.buildingId,
      resident_id: residentId,
      kind: 'deletion',
      status: 'received',
      details: null,
      created_at: now.toISOString(),
      acknowledge_due_at: new Date(now.getTime() + 2 * DAY_MS).toISOString(),
      act_due_at: new Date(now.getTime() + 15 * DAY_MS).toISOString(),
      erase_at: eraseAt.toISOString(),
      closed_at: null,
      hold_category: null,
      hold_reason: null,
      refusal_reason: null,
      final_notice_channel: finalNotice,
      export_json: null,
      updated_at: now.toISOString(),
    })
    .execute();
  return { id, eraseAt };
}

const exists = async (residentId: string): Promise<boolean> => (await fx.db.selectFrom('residents').select('id').where('id', '=', residentId).executeTakeFirst()) !== undefined;
const statusOf = async (id: string): Promise<string> => (await requests().selectFrom('data_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

beforeEach(async () => {
  fx = await createFixture();
  unitId = (await fx.db.selectFrom('residents').select('unit_id').where('id', '=', fx.residentId).executeTakeFirstOrThrow()).unit_id;
});

afterEach(async () => {
  await fx.db.destroy();
});

describe('the deletion executor (real SQLite, no HTTP)', () => {
  it('takes a deletion at its erase time to the second, not before', async () => {
    const me = await resident();
    const { eraseAt } = await deletion(me.id, 5 * DAY_MS);
    const { service } = executor();
    fx.clock.set(new Date(eraseAt.getTime() - 1000));
    expect(await service.runDue()).toEqual({ done: 0, failed: 0 });
    expect(await exists(me.id)).toBe(true);
    fx.clock.set(eraseAt);
    expect(await service.runDue()).toEqual({ done: 1, failed: 0 });
    expect(await exists(me.id)).toBe(false);
  });

  it('erases the oldest due deletions first, at most a batch per run, and the rest on the next run', async () => {
    const people = [await resident(), await resident(), await resident()];
    // Due in the order 2, 0, 1.
    const due = [await deletion(people[0]!.id, 2 * DAY_MS), await deletion(people[1]!.id, 3 * DAY_MS), await deletion(people[2]!.id, 1 * DAY_MS)];
    fx.clock.advance(4 * 24 * 60 * 60);
    const { service } = executor({ batchSize: 2 });
    expect(await service.runDue()).toEqual({ done: 2, failed: 0 });
    expect([await exists(people[0]!.id), await exists(people[1]!.id), await exists(people[2]!.id)]).toEqual([false, true, false]);
    expect(await statusOf(due[1]!.id)).toBe('received');
    expect(await service.runDue()).toEqual({ done: 1, failed: 0 });
    expect(await exists(people[1]!.id)).toBe(false);
    expect(await service.runDue()).toEqual({ done: 0, failed: 0 });
  });

  it('goes on past a failing erasure, tries it once per run, and logs only the kind of failure', async () => {
    const [a, b] = [await resident(), await resident()];
    const failing = await deletion(a.id, 1 * DAY_MS);
    await deletion(b.id, 2 * DAY_MS);
    fx.clock.advance(3 * 24 * 60 * 60);
    let tries = 0;
    const { service, logs } = executor({
      afterErase: async (requestId) => {
        if (requestId !== failing.id) return;
        tries += 1;
        // The message quotes a value from a row, as a database error may.
        throw Object.assign(new Error(`constraint failed for ${a.phone}`), { code: 'SQLITE_CONSTRAINT' });
      },
    });
    expect(await service.runDue()).toEqual({ done: 1, failed: 1 });
    expect(tries).toBe(1);
    expect(await exists(a.id)).toBe(true);
    expect(await exists(b.id)).toBe(false);
    expect(await statusOf(failing.id)).toBe('received');
    const logged = logs.entries.filter((e) => e.level === 'error');
    expect(logged).toEqual([expect.objectContaining({ msg: 'Erasure failed and was rolled back; it stays due for the next run', data: { requestId: failing.id, error: 'Error SQLITE_CONSTRAINT' } })]);
    expect(logs.text()).not.toContain(a.phone.slice(3));

    // A failure without a code is named by its type alone.
    const { service: again, logs: againLogs } = executor({
      afterErase: async () => {
        throw new RangeError(`bad value ${a.phone}`);
      },
    });
    expect(await again.runDue()).toEqual({ done: 0, failed: 1 });
    expect(againLogs.entries.filter((e) => e.level === 'error').map((e) => e.data?.['error'])).toEqual(['RangeError']);
  });

  it('stops the run with one failure when due deletions cannot even be looked up', async () => {
    const me = await resident();
    await deletion(me.id, 1 * DAY_MS);
    fx.clock.advance(2 * 24 * 60 * 60);
    await sql`alter table data_requests rename to data_requests_away`.execute(fx.db);
    const { service, logs } = executor();
    expect(await service.runDue()).toEqual({ done: 0, failed: 1 });
    expect(logs.entries.filter((e) => e.msg === 'Looking for due erasures failed').map((e) => e.data)).toEqual([{ error: 'SqliteError SQLITE_ERROR' }]);
    expect(await exists(me.id)).toBe(true);
  });

  it('sends the final notice on the channel chosen, to the contact read before the erasure, and none when there is none', async () => {
    const bySms = await resident('sms.chon@example.vn');
    const byMail = await resident('thu.chon@example.vn');
    const mailWithoutAddress = await resident(null);
    const silent = await resident('khong.bao@example.vn');
    const unset = await resident('chua.chon@example.vn');
    await deletion(bySms.id, DAY_MS, 'sms');
    await deletion(byMail.id, DAY_MS, 'email');
    await deletion(mailWithoutAddress.id, DAY_MS, 'email');
    await deletion(silent.id, DAY_MS, 'none');
    await deletion(unset.id, DAY_MS, null);
    fx.clock.advance(2 * 24 * 60 * 60);
    const { service, sent } = executor();
    expect(await service.runDue()).toEqual({ done: 5, failed: 0 });
    expect(sent.sms.map((m) => m.to)).toEqual([bySms.phone]);
    expect(sent.sms[0]!.body).toContain('đã được xóa');
    expect(sent.mail.map((m) => m.to)).toEqual(['thu.chon@example.vn']);
  });

  it('erases even when the final notice cannot go: no mail adapter, or an SMS gateway that fails; each is logged without the address', async () => {
    const byMail = await resident('khong.gui@example.vn');
    const bySms = await resident();
    await deletion(byMail.id, DAY_MS, 'email');
    await deletion(bySms.id, 2 * DAY_MS, 'sms');
    fx.clock.advance(3 * 24 * 60 * 60);
    const { service, logs } = executor({
      mail: null,
      sms: {
        send: async (to) => {
          throw new TypeError(`gateway refused ${to}`);
        },
      },
    });
    expect(await service.runDue()).toEqual({ done: 2, failed: 0 });
    expect([await exists(byMail.id), await exists(bySms.id)]).toEqual([false, false]);
    const warnings = logs.entries.filter((e) => e.level === 'warn').map((e) => [e.msg, e.data]);
    expect(warnings).toEqual([
      ['Final notice not sent: no mail adapter', { requestId: expect.any(String) }],
      ['Final notice could not be handed over', { requestId: expect.any(String), channel: 'sms', error: 'TypeError' }],
    ]);
    expect(logs.text()).not.toContain('khong.gui');
    // A mail adapter that fails is logged the same way, naming the channel.
    const byMailAgain = await resident('lan.hai@example.vn');
    await deletion(byMailAgain.id, DAY_MS, 'email');
    fx.clock.advance(2 * 24 * 60 * 60);
    const failingMail = executor({
      mail: {
        send: async () => {
          throw new RangeError('mailbox full');
        },
      },
    });
    expect(await failingMail.service.runDue()).toEqual({ done: 1, failed: 0 });
    expect(failingMail.logs.entries.filter((e) => e.level === 'warn').map((e) => e.data)).toEqual([{ requestId: expect.any(String), channel: 'email', error: 'RangeError' }]);
    expect(logs.text()).not.toContain(bySms.phone.slice(3));
    // The run logs each erasure by ids and a count of rows, nothing else.
    const erased = logs.entries.filter((e) => e.msg === 'Resident erased');
    expect(erased.map((e) => e.data)).toEqual([
      { requestId: expect.any(String), residentId: byMail.id, rows: expect.any(Number) },
      { requestId: expect.any(String), residentId: bySms.id, rows: expect.any(Number) },
    ]);
    expect(erased.every((e) => (e.data?.['rows'] as number) >= 1)).toBe(true);
  });

  it("refuses the resident's export still waiting in any open status, on hold included, and leaves closed ones", async () => {
    const now = fx.clock.now().toISOString();
    const exportOf = async (residentId: string, status: string): Promise<string> => {
      const id = fx.newId();
      const closed = status === 'done' || status === 'cancelled';
      await requests()
        .insertInto('data_requests')
        .values({
          id,
          building_id: fx.buildingId,
          resident_id: residentId,
          kind: 'export',
          status,
          details: null,
          created_at: now,
          acknowledge_due_at: now,
          act_due_at: now,
          erase_at: null,
          closed_at: closed ? now : null,
          hold_category: status === 'on_hold' ? 'identity_check' : null,
          hold_reason: status === 'on_hold' ? 'Chờ xác minh' : null,
          refusal_reason: null,
          final_notice_channel: null,
          export_json: status === 'done' ? '{}' : null,
          updated_at: now,
        })
        .execute();
      return id;
    };
    // One open export per resident (the database allows no more), each in another status.
    const exports: Record<string, string> = {};
    for (const status of ['received', 'acknowledged', 'in_progress', 'on_hold']) {
      const someone = await resident();
      await deletion(someone.id, DAY_MS, 'none');
      exports[status] = await exportOf(someone.id, status);
      if (status === 'received') {
        exports['done'] = await exportOf(someone.id, 'done');
        exports['cancelled'] = await exportOf(someone.id, 'cancelled');
      }
    }
    // Another resident's waiting export is not theirs to lose.
    const bystander = await resident();
    exports['bystander'] = await exportOf(bystander.id, 'received');
    fx.clock.advance(2 * 24 * 60 * 60);
    expect(await executor().service.runDue()).toEqual({ done: 4, failed: 0 });
    const after: Record<string, string> = {};
    for (const [status, id] of Object.entries(exports)) after[status] = await statusOf(id);
    const reasons = await requests().selectFrom('data_requests').select('refusal_reason').where('status', '=', 'refused').execute();
    expect(reasons.map((r) => r.refusal_reason)).toEqual(['resident_erased', 'resident_erased', 'resident_erased', 'resident_erased']);
    expect(after).toEqual({ received: 'refused', acknowledged: 'refused', in_progress: 'refused', on_hold: 'refused', done: 'done', cancelled: 'cancelled', bystander: 'received' });
    // Each refusal is in the request's history, by the erasure, with its reason.
    const events = fx.db.withTables<{ data_request_events: { request_id: string; action: string; actor_kind: string; actor_id: string | null; reason: string | null } }>();
    for (const status of ['received', 'acknowledged', 'in_progress', 'on_hold']) {
      const history = await events.selectFrom('data_request_events').select(['action', 'actor_kind', 'actor_id', 'reason']).where('request_id', '=', exports[status]!).execute();
      expect(history, status).toEqual([{ action: 'refused', actor_kind: 'system', actor_id: 'erasure', reason: 'resident_erased' }]);
    }
    const completed = await events.selectFrom('data_request_events').select(['request_id', 'actor_kind', 'actor_id', 'reason']).where('action', '=', 'completed').execute();
    expect(completed).toHaveLength(4);
    expect(completed.every((e) => e.actor_kind === 'system' && e.actor_id === 'erasure' && e.reason === null)).toBe(true);
  });

  it('counts a failure against the batch, and names a thrown non-error "unknown"', async () => {
    const people = [await resident(), await resident(), await resident()];
    const first = await deletion(people[0]!.id, 1 * DAY_MS);
    await deletion(people[1]!.id, 2 * DAY_MS, 'sms');
    await deletion(people[2]!.id, 3 * DAY_MS);
    fx.clock.advance(4 * 24 * 60 * 60);
    const { service, logs } = executor({
      batchSize: 2,
      afterErase: async (requestId) => {
        if (requestId === first.id) throw 'no good';
      },
      sms: {
        send: async () => {
          throw 'gateway down';
        },
      },
    });
    expect(await service.runDue()).toEqual({ done: 1, failed: 1 });
    expect([await exists(people[0]!.id), await exists(people[1]!.id), await exists(people[2]!.id)]).toEqual([true, false, true]);
    expect(logs.entries.filter((e) => e.level !== 'info').map((e) => e.data?.['error'])).toEqual(['unknown', 'unknown']);
  });

  it('closes a deletion whose resident is already gone, with no notice to send', async () => {
    const me = await resident('da.di@example.vn');
    const { id } = await deletion(me.id, DAY_MS, 'email');
    await fx.db.deleteFrom('residents').where('id', '=', me.id).execute();
    fx.clock.advance(2 * 24 * 60 * 60);
    const { service, sent } = executor();
    expect(await service.runDue()).toEqual({ done: 1, failed: 0 });
    expect(await statusOf(id)).toBe('done');
    expect([...sent.sms, ...sent.mail]).toEqual([]);
  });

  it("removes the resident's sessions and every operation a kiosk pushed in them, and no one else's", async () => {
    const me = await resident();
    const other = await resident();
    await deletion(me.id, DAY_MS, 'none');
    const now = fx.clock.now().toISOString();
    const later = new Date(fx.clock.now().getTime() + 15 * 60 * 1000).toISOString();
    const t = fx.db.withTables<{
      resident_sessions: { id: string; token_hash: string; resident_id: string; device_id: string; created_at: string; expires_at: string; revoked_at: string | null };
      sync_operations: { id: string; device_id: string; kind: string; status: string; error_code: string | null; error_message: string | null; session_id: string | null; created_at: string; received_at: string };
    }>();
    const sessions = { mine: [fx.newId(), fx.newId()], theirs: fx.newId() };
    for (const [id, residentId] of [...sessions.mine.map((id) => [id, me.id] as const), [sessions.theirs, other.id] as const]) {
      await t.insertInto('resident_sessions').values({ id, token_hash: `hash-${id}`, resident_id: residentId, device_id: fx.kiosk.id, created_at: now, expires_at: later, revoked_at: null }).execute();
      await t.insertInto('sync_operations').values({ id: fx.newId(), device_id: fx.kiosk.id, kind: 'consent.set', status: 'applied', error_code: null, error_message: null, session_id: id, created_at: now, received_at: now }).execute();
    }
    fx.clock.advance(2 * 24 * 60 * 60);
    expect(await executor().service.runDue()).toEqual({ done: 1, failed: 0 });
    expect(await t.selectFrom('resident_sessions').select('id').execute()).toEqual([{ id: sessions.theirs }]);
    expect(await t.selectFrom('sync_operations').select('session_id').execute()).toEqual([{ session_id: sessions.theirs }]);
  });

  it('compacts after a run that erased, and again on later runs until a checkpoint finishes', async () => {
    const me = await resident();
    await deletion(me.id, DAY_MS, 'none');
    fx.clock.advance(2 * 24 * 60 * 60);
    // The checkpoint fails once, then finds a reader (busy), then finishes.
    const answers: ('throw' | 'busy' | 'done')[] = ['throw', 'busy', 'done'];
    let checkpoints = 0;
    const realExecutor = fx.db.getExecutor();
    const executorProxy = new Proxy(realExecutor, {
      get(target, prop) {
        if (prop === 'executeQuery') {
          return async (query: { sql: string }, ...rest: unknown[]) => {
            if (!query.sql.includes('wal_checkpoint')) return (target.executeQuery as (...a: unknown[]) => Promise<unknown>).call(target, query, ...rest);
            checkpoints += 1;
            const answer = answers.shift() ?? 'done';
            if (answer === 'throw') throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
            return { rows: [{ busy: answer === 'busy' ? 1 : 0, log: 0, checkpointed: 0 }] };
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const db = new Proxy(fx.db, {
      get(target, prop) {
        if (prop === 'getExecutor') return () => executorProxy;
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const { service, logs } = executor({ db });
    const warnings = () => logs.entries.filter((e) => e.level === 'warn').map((e) => [e.msg, e.data]);

    expect(await service.runDue()).toEqual({ done: 1, failed: 0 });
    expect(checkpoints).toBe(1);
    expect(warnings()).toEqual([['Compaction after erasure failed; the next run repeats it', { error: 'Error SQLITE_IOERR' }]]);
    // Nothing to erase, but the compaction is still owed.
    expect(await service.runDue()).toEqual({ done: 0, failed: 0 });
    expect(checkpoints).toBe(2);
    expect(warnings()[1]).toEqual(['The WAL checkpoint after erasure could not finish (a reader was active); the next run repeats it', undefined]);
    expect(await service.runDue()).toEqual({ done: 0, failed: 0 });
    expect(checkpoints).toBe(3);
    // Finished: a run with nothing to erase no longer compacts, and a new executor starts with nothing owed.
    expect(await service.runDue()).toEqual({ done: 0, failed: 0 });
    expect(await executor({ db }).service.runDue()).toEqual({ done: 0, failed: 0 });
    expect(checkpoints).toBe(3);
    expect(warnings()).toHaveLength(2);
  });
});
