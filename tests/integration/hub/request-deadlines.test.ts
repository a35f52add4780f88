/**
 * The deadline tracker on SQLite and PostgreSQL, across a test clock: open requests whose
 * acknowledgement or action deadline passed are marked overdue once (with a system event),
 * held requests included, closed ones not; each building's managers and admins with an email
 * (and the operator-wide admins) get one mail per run listing request ids, kinds and deadlines,
 * never a resident's name or number; a second run sends nothing new; two hub instances on one
 * PostgreSQL running the job at once report each deadline once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevMailAdapter, createHub } from '../../../server/app';
import type { DemoInfo, DevMailAdapter, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { insertBuilding } from '../../../server/db/residents';
import { createIdGenerator } from '../../../server/ids';
import { createRequestDeadlineJob } from '../../../server/jobs/deadline-job';
import type { HubJob } from '../../../server/jobs/job';
import { createMemoryLogger } from '../../fixtures/memory-logger';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { createTestClock, T0 } from './helpers';

const newId = createIdGenerator(() => new Date(), (n) => randomBytes(n));
const DAY = 24 * 3600;

describe.each(backends)('request deadlines on $name', (backend) => {
  const clock = createTestClock(T0);
  const logs = createMemoryLogger('hub');
  let database: TestDatabase;
  let hub: Hub;
  let demo: DemoInfo;
  let db: HubDb;
  let devMail: DevMailAdapter;
  let otherBuildingId: string;
  let resident: { id: string; full_name: string; phone_e164: string };
  const ids: Record<string, string> = {};

  function deadlineJob(onDb: HubDb): HubJob {
    return createRequestDeadlineJob({ db: onDb, clock: clock.now, newId, mail: devMail, logger: logs.logger.child('jobs') });
  }

  const at = (days: number): string => new Date(T0.getTime() + days * DAY * 1000).toISOString();

  async function insertRequest(input: {
    buildingId: string;
    kind: string;
    status: string;
    ackDays: number;
    actDays: number;
    acknowledged?: boolean;
  }): Promise<string> {
    const id = newId();
    const closed = ['done', 'refused', 'cancelled'].includes(input.status);
    await db
      .withTables<{ data_requests: Record<string, unknown> }>()
      .insertInto('data_requests')
      .values({
        id,
        building_id: input.buildingId,
        resident_id: input.buildingId === demo.buildingId ? resident.id : newId(),
        kind: input.kind,
        status: input.status,
        created_at: at(0),
        acknowledge_due_at: at(input.ackDays),
        act_due_at: at(input.actDays),
        erase_at: input.kind === 'deletion' ? at(5) : null,
        acknowledged_at: input.acknowledged ? at(0) : null,
        closed_at: closed ? at(0) : null,
        hold_category: input.status === 'on_hold' ? 'legal_obligation' : null,
        hold_reason: input.status === 'on_hold' ? 'Hồ sơ kế toán năm đang được kiểm toán' : null,
        refusal_reason: input.status === 'refused' ? 'Không xác minh được người yêu cầu' : null,
        updated_at: at(0),
      })
      .execute();
    return id;
  }

  async function addStaff(buildingId: string | null, role: 'manager' | 'care' | 'admin', email: string | null, disabled = false): Promise<void> {
    const member = await hub.staffAccess.addStaffMember({ buildingId, fullName: `Nhân viên ${role}`, role });
    await db
      .withTables<{ staff_credentials: Record<string, unknown> }>()
      .insertInto('staff_credentials')
      .values({
        staff_id: member.id,
        username: `nv.${member.id.slice(-12)}`,
        password_hash: '$argon2id$v=19$m=19456,t=2,p=1$dGVzdHNhbHQ$dGVzdGhhc2g',
        must_change_password: 0,
        phone_e164: `+8490${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
        email,
        password_changed_at: at(0),
        updated_at: at(0),
        disabled_at: disabled ? at(0) : null,
      })
      .execute();
  }

  async function eventsOf(id: string): Promise<{ action: string; actor_kind: string }[]> {
    return db
      .withTables<{ data_request_events: { id: string; request_id: string; action: string; actor_kind: string; at: string } }>()
      .selectFrom('data_request_events')
      .select(['action', 'actor_kind'])
      .where('request_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async function notified(id: string): Promise<{ ack: string | null; act: string | null }> {
    const row = await db
      .withTables<{ data_requests: { id: string; overdue_acknowledge_notified_at: string | null; overdue_act_notified_at: string | null } }>()
      .selectFrom('data_requests')
      .select(['overdue_acknowledge_notified_at', 'overdue_act_notified_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { ack: row.overdue_acknowledge_notified_at, act: row.overdue_act_notified_at };
  }

  const mailsTo = (to: string): { subject: string; text: string }[] => devMail.messages().filter((m) => m.to === to);

  beforeAll(async () => {
    database = await backend.create();
    devMail = createDevMailAdapter({ clock: clock.now });
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: logs.logger, terminal: { print: () => {} }, mail: devMail });
    demo = await hub.seedDemo();
    db = openDatabase(database.url);
    resident = await db.selectFrom('residents').select(['id', 'full_name', 'phone_e164']).where('building_id', '=', demo.buildingId).orderBy('id').executeTakeFirstOrThrow();
    otherBuildingId = newId();
    await insertBuilding(db, { id: otherBuildingId, name: 'Tòa Hoàng Mai Plaza', address: '12 Tam Trinh, Hà Nội', created_at: at(0), updated_at: at(0) });

    await addStaff(demo.buildingId, 'manager', 'quan.ly@example.vn');
    await addStaff(demo.buildingId, 'admin', 'quan.tri.toa@example.vn');
    await addStaff(demo.buildingId, 'care', 'cham.soc@example.vn');
    await addStaff(demo.buildingId, 'manager', null);
    await addStaff(demo.buildingId, 'manager', 'da.nghi@example.vn', true);
    await addStaff(null, 'admin', 'quan.tri.chung@example.vn');
    await addStaff(otherBuildingId, 'manager', 'quan.ly.hoang.mai@example.vn');

    // Not acknowledged within 2 working days; 15 days to act.
    ids['objection'] = await insertRequest({ buildingId: demo.buildingId, kind: 'objection', status: 'received', ackDays: 2, actDays: 15 });
    // Acknowledged in time, but the action is late.
    ids['export'] = await insertRequest({ buildingId: demo.buildingId, kind: 'export', status: 'acknowledged', ackDays: 2, actDays: 1, acknowledged: true });
    // Held: the law's clock does not stop, both deadlines are reported.
    ids['held'] = await insertRequest({ buildingId: demo.buildingId, kind: 'correction', status: 'on_hold', ackDays: 1, actDays: 1 });
    // Closed requests are over, whatever their dates.
    ids['done'] = await insertRequest({ buildingId: demo.buildingId, kind: 'restriction', status: 'done', ackDays: 1, actDays: 1 });
    ids['refused'] = await insertRequest({ buildingId: demo.buildingId, kind: 'consent_withdrawal', status: 'refused', ackDays: 1, actDays: 1 });
    // Not yet due at all.
    ids['deletion'] = await insertRequest({ buildingId: otherBuildingId, kind: 'deletion', status: 'received', ackDays: 30, actDays: 40 });
    // Another building's overdue request goes to that building's managers only.
    ids['other'] = await insertRequest({ buildingId: otherBuildingId, kind: 'export', status: 'received', ackDays: 2, actDays: 15 });
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('does nothing before a deadline passes', async () => {
    clock.set(new Date(at(1)));
    clock.advance(-60);
    expect(await deadlineJob(db).run()).toEqual({ done: 0, failed: 0 });
    expect(devMail.messages()).toEqual([]);
  });

  it('marks each passed deadline once and mails each building its managers and admins once', async () => {
    clock.set(new Date(at(3)));
    expect(await deadlineJob(db).run()).toEqual({ done: 5, failed: 0 });

    expect(await eventsOf(ids['objection']!)).toEqual([{ action: 'overdue_acknowledge', actor_kind: 'system' }]);
    expect(await eventsOf(ids['export']!)).toEqual([{ action: 'overdue_act', actor_kind: 'system' }]);
    expect((await eventsOf(ids['held']!)).map((e) => e.action).sort()).toEqual(['overdue_acknowledge', 'overdue_act']);
    expect(await eventsOf(ids['other']!)).toEqual([{ action: 'overdue_acknowledge', actor_kind: 'system' }]);
    for (const key of ['done', 'refused', 'deletion']) expect(await eventsOf(ids[key]!)).toEqual([]);
    expect(await notified(ids['objection']!)).toEqual({ ack: at(3), act: null });
    expect(await notified(ids['export']!)).toEqual({ ack: null, act: at(3) });

    // The building's manager and admin: one mail with the three overdue requests of their building.
    for (const to of ['quan.ly@example.vn', 'quan.tri.toa@example.vn']) {
      const [mail] = mailsTo(to);
      expect(mailsTo(to)).toHaveLength(1);
      for (const key of ['objection', 'export', 'held']) expect(mail!.text).toContain(ids[key]!);
      for (const key of ['done', 'refused', 'deletion', 'other']) expect(mail!.text).not.toContain(ids[key]!);
      expect(mail!.subject).toContain(demo.buildingName);
      expect(mail!.text).toContain('quá hạn xác nhận');
      expect(mail!.text).toContain('action overdue');
      // The deadline in Vietnam's calendar, dd/MM/yyyy.
      expect(mail!.text).toMatch(/\d{2}\/\d{2}\/2026/);
      expect(mail!.text).not.toContain(resident.full_name);
      expect(mail!.text).not.toContain(resident.phone_e164);
      expect(mail!.text).not.toContain(resident.id);
    }
    // Operator-wide admins hear about every building, one mail per building.
    expect(mailsTo('quan.tri.chung@example.vn')).toHaveLength(2);
    const [other] = mailsTo('quan.ly.hoang.mai@example.vn');
    expect(mailsTo('quan.ly.hoang.mai@example.vn')).toHaveLength(1);
    expect(other!.text).toContain(ids['other']!);
    expect(other!.text).not.toContain(ids['objection']!);
    // Customer care, a manager without an email and a disabled account get nothing.
    expect(mailsTo('cham.soc@example.vn')).toEqual([]);
    expect(mailsTo('da.nghi@example.vn')).toEqual([]);
    expect(devMail.messages()).toHaveLength(5);

    // The next run, minutes later: nothing new to say.
    clock.advance(10 * 60);
    expect(await deadlineJob(db).run()).toEqual({ done: 0, failed: 0 });
    expect(devMail.messages()).toHaveLength(5);
    expect(await eventsOf(ids['objection']!)).toHaveLength(1);
    // Addresses stay out of the log.
    expect(logs.text()).not.toContain('quan.ly@example.vn');
  });

  it('reports the later action deadline once when it passes too, from one of two hub instances at once', async () => {
    clock.set(new Date(at(16)));
    const before = devMail.messages().length;
    const second = openDatabase(database.url);
    try {
      // SQLite runs jobs in one process; there the two runs follow each other.
      const reports =
        backend.name === 'postgres' ? await Promise.all([deadlineJob(db).run(), deadlineJob(second).run()]) : [await deadlineJob(db).run(), await deadlineJob(second).run()];
      expect(reports.reduce((sum, r) => sum + r.done, 0)).toBe(2);
      expect(reports.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    } finally {
      await second.destroy();
    }
    expect((await eventsOf(ids['objection']!)).map((e) => e.action)).toEqual(['overdue_acknowledge', 'overdue_act']);
    expect((await eventsOf(ids['other']!)).map((e) => e.action)).toEqual(['overdue_acknowledge', 'overdue_act']);
    const fresh = devMail.messages().slice(before);
    // One per building for the building's manager and admin, the operator admin and the other building's manager.
    expect(fresh.map((m) => m.to).sort()).toEqual(['quan.ly.hoang.mai@example.vn', 'quan.ly@example.vn', 'quan.tri.chung@example.vn', 'quan.tri.chung@example.vn', 'quan.tri.toa@example.vn']);
    const latest = fresh.find((m) => m.to === 'quan.ly@example.vn')!;
    expect(latest.text).toContain(ids['objection']!);
    expect(latest.text).not.toContain(ids['export']!);
  });
});
