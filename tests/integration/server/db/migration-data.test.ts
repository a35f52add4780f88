/**
 * Each migration against data, on both databases the hub runs on: the schema as it was
 * before the migration gets representative rows, the migration runs, and the rows must
 * still be there (or changed exactly as the migration intends) while its new constraints
 * hold. A new migration fails the first test until it gets a scenario here.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../server/db/connect';
import type { HubDb } from '../../../../server/db/connect';
import { migrateToLatest, readSchemaVersion } from '../../../../server/db/migrate';
import { migrations } from '../../../../server/db/migrations/index';
import type { BillRow, DeviceRow, EnrollmentCodeRow, OtpRequestRow, OtpSendRow, ResidentRow, ResidentSessionRow, UnitRow } from '../../../../server/db/schema';
import { syncTables } from '../../../../server/db/sync-schema';
import type { DeviceHeartbeatRow, SyncChangeRow, SyncOperationRow } from '../../../../server/db/sync-schema';
import type { AuditEventRow, AuditHeadRow, AuditTables } from '../../../../server/db/audit';
import type { ConsentReceiptPrefRow, ConsentRecordRow } from '../../../../server/db/consents';
import type { PolicyVersionRow } from '../../../../server/db/policy';
import { profileTables } from '../../../../server/db/profile-schema';
import type { ContactChangeRow, CorrectionRequestRow } from '../../../../server/db/profile-schema';
import type { StaffMemberRow, StaffTables } from '../../../../server/db/staff';
import type { StaffAuthTables, StaffCredentialRow, StaffSessionRow, StaffSignInChallengeRow } from '../../../../server/db/staff-auth';
import type { HolidayRow, HolidayTables } from '../../../../server/db/holidays';
import { requestTables } from '../../../../server/db/requests';
import { directoryTables } from '../../../../server/db/resident-search';
import type { ResidentUnitRow } from '../../../../server/db/resident-search';
import { incidentTables } from '../../../../server/db/incidents';
import type { IncidentRow } from '../../../../server/db/incidents';
import { paymentTables } from '../../../../server/db/payments';
import type { BankTransferRow, PaymentIntentRow } from '../../../../server/db/payments';
import type { DataRequestEventRow, DataRequestRow } from '../../../../server/db/requests';
import { holidaySeed } from '../../../../server/holidays-seed';
import { auditEventHash, GENESIS_HASH } from '../../../../server/services/audit';
import { purposesV1, purposesV2 } from '../../../../resources/policy/purposes';
import { backends } from '../../hub/backends';
import type { TestDatabase } from '../../hub/backends';

const T0 = '2026-11-25T02:35:00.000Z';
const T1 = '2026-11-25T02:40:00.000Z';
const T2 = '2026-11-26T02:35:00.000Z';
const now = (): Date => new Date(T0);
const stamp = { created_at: T0, updated_at: T0 };

type Violation = 'check' | 'unique' | 'foreign key' | 'not null';
const violationText: Record<Violation, RegExp> = {
  check: /CHECK constraint failed|violates check constraint/,
  unique: /UNIQUE constraint failed|duplicate key value violates unique constraint/,
  'foreign key': /FOREIGN KEY constraint failed|violates foreign key constraint/,
  'not null': /NOT NULL constraint failed|violates not-null constraint/,
};
async function refused(write: Promise<unknown>, violation: Violation): Promise<void> {
  await expect(write).rejects.toThrow(violationText[violation]);
}

// Representative rows, written the way the hub writes them: UUID-like ids, Vietnamese text
// with diacritics, ISO instants, `YYYY-MM-DD` dates, money in đồng beyond int4.
const units: UnitRow[] = [
  { id: 'u-a0101', building_id: 'b-1', label: 'A-0101', tower: 'A', floor: 1, area_m2: 70, motorbikes: 2, cars: 0, ...stamp },
  { id: 'u-b1203', building_id: 'b-1', label: 'B-1203', tower: 'B', floor: 12, area_m2: 105, motorbikes: 1, cars: 1, ...stamp },
];
const residents: ResidentRow[] = [
  { id: 'r-mai', building_id: 'b-1', unit_id: 'u-a0101', full_name: 'Nguyễn Thị Mai', phone_e164: '+84901234567', email: 'mai.nguyen@example.com', ...stamp },
  { id: 'r-binh', building_id: 'b-1', unit_id: 'u-b1203', full_name: 'Trần Văn Bình', phone_e164: '+84912345678', email: null, ...stamp },
];
const bills: BillRow[] = [
  {
    id: 'bill-1',
    unit_id: 'u-a0101',
    service: 'electricity',
    month: '2026-10',
    amount_vnd: 1_250_000,
    due_date: '2026-11-15',
    status: 'paid',
    paid_at: T1,
    meter_unit: 'kWh',
    previous_reading: 12_004,
    current_reading: 12_310,
    created_at: T0,
  },
  // More than int4 holds: a building's yearly total is stored in the same column type.
  { id: 'bill-2', unit_id: 'u-b1203', service: 'repairs', month: '2026-11', amount_vnd: 5_000_000_000, due_date: '2026-12-15', status: 'unpaid', paid_at: null, meter_unit: null, previous_reading: null, current_reading: null, created_at: T0 },
];
const devices: DeviceRow[] = [
  { id: 'd-lobby', building_id: 'b-1', mode: 'kiosk', name: 'Sảnh tòa A', secret_hash: 'hash-lobby', created_at: T0, revoked_at: null },
  { id: 'd-office', building_id: 'b-1', mode: 'manager', name: 'Văn phòng BQL', secret_hash: 'hash-office', created_at: T0, revoked_at: T1 },
];
const enrollmentCodes: EnrollmentCodeRow[] = [
  { id: 'e-1', code_hash: 'code-hash-1', building_id: 'b-1', mode: 'kiosk', created_at: T0, expires_at: T2, used_at: T1, device_id: 'd-lobby' },
  { id: 'e-2', code_hash: 'code-hash-2', building_id: 'b-1', mode: 'manager', created_at: T0, expires_at: T2, used_at: null, device_id: null },
];
const sessions: ResidentSessionRow[] = [{ id: 's-1', token_hash: 'token-hash-1', resident_id: 'r-mai', device_id: 'd-lobby', created_at: T0, expires_at: T1, revoked_at: null }];
const otpRequests: OtpRequestRow[] = [
  { id: 'o-1', phone_hmac: 'ph-mai', resident_id: 'r-mai', device_id: 'd-lobby', code_hmac: 'c-1', attempts: 2, created_at: T0, expires_at: T1, consumed_at: T1, superseded_at: null },
  // A stranger's number: no resident, by design.
  { id: 'o-2', phone_hmac: 'ph-stranger', resident_id: null, device_id: 'd-lobby', code_hmac: 'c-2', attempts: 0, created_at: T0, expires_at: T1, consumed_at: null, superseded_at: T1 },
];
const otpSends: OtpSendRow[] = [
  { id: 'os-1', phone_hmac: 'ph-mai', device_id: 'd-lobby', sent_at: T0 },
  { id: 'os-2', phone_hmac: 'ph-stranger', device_id: 'd-lobby', sent_at: T1 },
];

type Scenario = {
  /** Rows for the schema as it is just before this migration. */
  before(db: HubDb): Promise<void>;
  /** After it: what it changed, and that its constraints hold. */
  after(db: HubDb): Promise<void>;
  /**
   * Columns the migration adds to tables that already exist, with the value each row written
   * before it must then have. A migration that adds a column without saying so here fails.
   */
  added?: Record<string, Record<string, unknown>>;
};

const scenarios: Record<number, Scenario> = {
  1: {
    async before() {
      // Nothing exists before the first migration.
    },
    async after(db) {
      await db
        .insertInto('buildings')
        .values([
          { id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp },
          { id: 'b-2', name: 'Tòa nhà Khác', address: 'Đà Nẵng', ...stamp },
        ])
        .execute();
      await db.insertInto('units').values(units).execute();
      await db.insertInto('residents').values(residents).execute();
      await db.insertInto('settings').values({ key: 'demo_building', value: 'b-1', updated_at: T0 }).execute();
      await db.insertInto('secrets').values({ name: 'otp_hmac_key', value: 'c2VjcmV0LWtleS1ieXRlcy0zMi1sb25nLXh4eHh4eHg=', created_at: T0 }).execute();
      expect(await db.selectFrom('residents').selectAll().orderBy('id').execute()).toEqual([...residents].sort((a, b) => a.id.localeCompare(b.id)));
      expect(await db.selectFrom('units').selectAll().orderBy('id').execute()).toEqual(units);

      const unit = units[0]!;
      await refused(db.insertInto('units').values({ ...unit, id: 'u-dup' }).execute(), 'unique');
      await refused(db.insertInto('units').values({ ...unit, id: 'u-zero', label: 'Z-0000', area_m2: 0 }).execute(), 'check');
      await refused(db.insertInto('units').values({ ...unit, id: 'u-orphan', label: 'X-1', building_id: 'b-missing' }).execute(), 'foreign key');
      // The same label in another building is another flat.
      await db.insertInto('units').values({ ...unit, id: 'u-other', building_id: 'b-2' }).execute();
      const resident = residents[0]!;
      await refused(db.insertInto('residents').values({ ...resident, id: 'r-dup' }).execute(), 'unique');
      await refused(db.insertInto('residents').values({ ...resident, id: 'r-orphan', phone_e164: '+84987654321', unit_id: 'u-missing' }).execute(), 'foreign key');
      await refused(sql`insert into residents (id, building_id, unit_id, full_name, phone_e164, created_at, updated_at) values ('r-x', 'b-1', 'u-a0101', null, '+84987654321', ${T0}, ${T0})`.execute(db), 'not null');
      // A flat with no vehicles needs no values for them.
      await sql`insert into units (id, building_id, label, tower, floor, area_m2, created_at, updated_at) values ('u-bare', 'b-2', 'C-0202', 'C', 2, 50, ${T0}, ${T0})`.execute(db);
      expect(await db.selectFrom('units').select(['motorbikes', 'cars']).where('id', '=', 'u-bare').executeTakeFirst()).toEqual({ motorbikes: 0, cars: 0 });
    },
  },
  2: {
    async before(db) {
      await scenarios[1]!.after(db);
    },
    async after(db) {
      await db.insertInto('bills').values(bills).execute();
      expect(await db.selectFrom('bills').selectAll().orderBy('id').execute()).toEqual(bills);
      const bill = bills[1]!;
      await refused(db.insertInto('bills').values({ ...bill, id: 'bill-neg', amount_vnd: -1 }).execute(), 'check');
      await refused(sql`insert into bills (id, unit_id, service, month, amount_vnd, due_date, status, created_at) values ('bill-x', 'u-a0101', 'water', '2026-11', 1, '2026-12-15', 'overdue', ${T0})`.execute(db), 'check');
      await refused(db.insertInto('bills').values({ ...bill, id: 'bill-paid-no-time', status: 'paid', paid_at: null }).execute(), 'check');
      await refused(db.insertInto('bills').values({ ...bill, id: 'bill-unpaid-with-time', status: 'unpaid', paid_at: T1 }).execute(), 'check');
      await refused(db.insertInto('bills').values({ ...bill, id: 'bill-orphan', unit_id: 'u-missing' }).execute(), 'foreign key');
      // A unit with bills cannot vanish from under them.
      await refused(db.deleteFrom('units').where('id', '=', 'u-a0101').execute(), 'foreign key');
    },
  },
  3: {
    async before(db) {
      await scenarios[2]!.before(db);
      await scenarios[2]!.after(db);
    },
    async after(db) {
      await db.insertInto('devices').values(devices).execute();
      await db.insertInto('enrollment_codes').values(enrollmentCodes).execute();
      await db.insertInto('resident_sessions').values(sessions).execute();
      expect(await db.selectFrom('devices').selectAll().orderBy('id').execute()).toEqual([...devices].sort((a, b) => a.id.localeCompare(b.id)));
      expect(await db.selectFrom('enrollment_codes').selectAll().orderBy('id').execute()).toEqual(enrollmentCodes);
      expect(await db.selectFrom('resident_sessions').selectAll().execute()).toEqual(sessions);

      const device = devices[0]!;
      await refused(sql`insert into devices (id, building_id, mode, name, secret_hash, created_at) values ('d-x', 'b-1', 'tablet', 'x', 'h', ${T0})`.execute(db), 'check');
      await refused(db.insertInto('devices').values({ ...device, id: 'd-orphan', building_id: 'b-missing' }).execute(), 'foreign key');
      const code = enrollmentCodes[1]!;
      await refused(db.insertInto('enrollment_codes').values({ ...code, id: 'e-dup' }).execute(), 'unique');
      await refused(sql`insert into enrollment_codes (id, code_hash, building_id, mode, created_at, expires_at) values ('e-x', 'h-x', 'b-1', 'tablet', ${T0}, ${T2})`.execute(db), 'check');
      await refused(db.insertInto('enrollment_codes').values({ ...code, id: 'e-bad-device', code_hash: 'h-y', device_id: 'd-missing' }).execute(), 'foreign key');
      const session = sessions[0]!;
      await refused(db.insertInto('resident_sessions').values({ ...session, id: 's-dup' }).execute(), 'unique');
      await refused(db.insertInto('resident_sessions').values({ ...session, id: 's-x', token_hash: 't-x', resident_id: 'r-missing' }).execute(), 'foreign key');
      await refused(db.insertInto('resident_sessions').values({ ...session, id: 's-y', token_hash: 't-y', device_id: 'd-missing' }).execute(), 'foreign key');
    },
  },
  4: {
    async before(db) {
      await scenarios[3]!.before(db);
      await scenarios[3]!.after(db);
    },
    async after(db) {
      await db.insertInto('otp_requests').values(otpRequests).execute();
      await db.insertInto('otp_sends').values(otpSends).execute();
      expect(await db.selectFrom('otp_requests').selectAll().orderBy('id').execute()).toEqual(otpRequests);
      expect(await db.selectFrom('otp_sends').selectAll().orderBy('id').execute()).toEqual(otpSends);

      const request = otpRequests[1]!;
      await refused(db.insertInto('otp_requests').values({ ...request, id: 'o-neg', attempts: -1 }).execute(), 'check');
      await refused(db.insertInto('otp_requests').values({ ...request, id: 'o-orphan', device_id: 'd-missing' }).execute(), 'foreign key');
      await sql`insert into otp_requests (id, phone_hmac, device_id, code_hmac, created_at, expires_at) values ('o-default', 'ph', 'd-lobby', 'c', ${T0}, ${T1})`.execute(db);
      expect(await db.selectFrom('otp_requests').select(['attempts', 'resident_id']).where('id', '=', 'o-default').executeTakeFirst()).toEqual({ attempts: 0, resident_id: null });
      // Old login attempts never block deleting a resident (no foreign key on purpose).
      await db.deleteFrom('resident_sessions').where('resident_id', '=', 'r-mai').execute();
      await db.deleteFrom('residents').where('id', '=', 'r-mai').execute();
      expect(await db.selectFrom('otp_requests').select('resident_id').where('id', '=', 'o-1').executeTakeFirst()).toEqual({ resident_id: 'r-mai' });
    },
  },
  5: {
    async before(db) {
      await scenarios[4]!.before(db);
      await scenarios[4]!.after(db);
    },
    async after(db) {
      const sync = syncTables(db);
      await sync.insertInto('sync_heads').values({ building_id: 'b-1', seq: 2, epoch: 'epoch-1', created_at: T0 }).execute();
      const changes: SyncChangeRow[] = [
        { building_id: 'b-1', seq: 1, type: 'announcement', entity_id: 'a-1', data: JSON.stringify({ title: { vi: 'Thông báo cắt nước', en: 'Water off' } }), created_at: T0 },
        { building_id: 'b-1', seq: 2, type: 'resident_erased', entity_id: 'r-binh', data: null, created_at: T1 },
      ];
      await sync.insertInto('sync_changes').values(changes).execute();
      await sync.insertInto('sync_entities').values(changes.map((c) => ({ building_id: c.building_id, type: c.type, entity_id: c.entity_id, seq: c.seq, data: c.data }))).execute();
      const operations: SyncOperationRow[] = [
        { id: '019ab5c0-0000-7000-8000-000000000001', device_id: 'd-lobby', kind: 'consent.set', status: 'applied', error_code: null, error_message: null, session_id: 's-1', created_at: T0, received_at: T1 },
        { id: '019ab5c0-0000-7000-8000-000000000002', device_id: 'd-lobby', kind: 'nope', status: 'rejected', error_code: 'invalid_input', error_message: 'Unknown operation kind nope', session_id: null, created_at: T0, received_at: T1 },
      ];
      await sync.insertInto('sync_operations').values(operations).execute();
      // Beyond int4: uptime is counted in a 64-bit column.
      const beat: DeviceHeartbeatRow = { device_id: 'd-lobby', last_seen_at: T1, version: '0.1.0', uptime_seconds: 5_000_000_000, outbox_depth: 3, oldest_pending_seconds: 42, last_sync_at: T0, last_error: 'hub unreachable' };
      await sync.insertInto('device_heartbeats').values(beat).execute();
      expect(await sync.selectFrom('sync_changes').selectAll().orderBy('seq').execute()).toEqual(changes);
      expect(await sync.selectFrom('sync_operations').selectAll().orderBy('id').execute()).toEqual(operations);
      expect(await sync.selectFrom('device_heartbeats').selectAll().execute()).toEqual([beat]);
      expect(await sync.selectFrom('sync_heads').select('seq').executeTakeFirst()).toEqual({ seq: 2 });

      const change = changes[0]!;
      // One number per change in a building; the same number in another building is another change.
      await refused(sync.insertInto('sync_changes').values({ ...change, entity_id: 'a-2' }).execute(), 'unique');
      await sync.insertInto('sync_changes').values({ ...change, building_id: 'b-2' }).execute();
      await refused(sync.insertInto('sync_changes').values({ ...change, seq: 0 }).execute(), 'check');
      await refused(sql`insert into sync_changes (building_id, seq, type, entity_id, created_at) values ('b-1', 9, 'unit', 'u-1', ${T0})`.execute(db), 'check');
      await refused(sync.insertInto('sync_changes').values({ ...change, seq: 10, building_id: 'b-missing' }).execute(), 'foreign key');
      await refused(sync.insertInto('sync_heads').values({ building_id: 'b-1', seq: 0, epoch: 'e', created_at: T0 }).execute(), 'unique');
      await refused(sync.insertInto('sync_heads').values({ building_id: 'b-2', seq: -1, epoch: 'e', created_at: T0 }).execute(), 'check');
      await refused(sync.insertInto('sync_entities').values({ building_id: 'b-1', type: 'announcement', entity_id: 'a-1', seq: 3, data: null }).execute(), 'unique');
      const operation = operations[0]!;
      await refused(sync.insertInto('sync_operations').values(operation).execute(), 'unique');
      await refused(sync.insertInto('sync_operations').values({ ...operation, id: 'op-x', status: 'rejected' }).execute(), 'check');
      await refused(sync.insertInto('sync_operations').values({ ...operation, id: 'op-y', error_code: 'forbidden' }).execute(), 'check');
      await refused(sync.insertInto('sync_operations').values({ ...operation, id: 'op-z', device_id: 'd-missing' }).execute(), 'foreign key');
      await refused(sync.insertInto('device_heartbeats').values({ ...beat, device_id: 'd-office', outbox_depth: -1 }).execute(), 'check');
      await refused(sync.insertInto('device_heartbeats').values({ ...beat, device_id: 'd-missing' }).execute(), 'foreign key');
    },
  },
  6: {
    async before(db) {
      await scenarios[5]!.before(db);
      await scenarios[5]!.after(db);
    },
    async after(db) {
      const audit = db.withTables<StaffTables & AuditTables>();
      const staff: StaffMemberRow[] = [
        { id: 'st-admin', building_id: null, full_name: 'Đỗ Minh Khoa', role: 'admin', created_at: T0 },
        { id: 'st-hung', building_id: 'b-1', full_name: 'Lê Quốc Hùng', role: 'care', created_at: T0 },
        { id: 'st-lan', building_id: 'b-1', full_name: 'Phạm Thị Lan', role: 'manager', created_at: T0 },
      ];
      await audit.insertInto('staff_members').values(staff).execute();
      // A real chain: each event links to the hash of the one before it, the first to the genesis hash.
      const unhashed: Omit<AuditEventRow, 'hash' | 'prev_hash'>[] = [
        {
          building_id: 'b-1',
          seq: 1,
          id: '019ab5c1-0000-7000-8000-000000000001',
          resident_id: 'r-binh',
          actor_kind: 'staff',
          actor_id: 'st-lan',
          actor_role: 'manager',
          actor_name: 'Phạm Thị Lan',
          action: 'profile.viewed',
          reason: 'Cư dân gọi hỏi về hóa đơn sửa chữa tháng 11',
          detail: null,
          at: T0,
        },
        {
          building_id: 'b-1',
          seq: 2,
          id: '019ab5c1-0000-7000-8000-000000000002',
          resident_id: 'r-binh',
          actor_kind: 'resident',
          actor_id: 'r-binh',
          actor_role: null,
          actor_name: null,
          action: 'consents.changed',
          reason: null,
          detail: JSON.stringify({ granted: 'false', purpose: 'news_promotions' }),
          at: T1,
        },
        // An erased resident's events stay (no foreign key to residents on purpose): r-mai is gone since 0004's scenario.
        { building_id: 'b-1', seq: 3, id: '019ab5c1-0000-7000-8000-000000000003', resident_id: 'r-mai', actor_kind: 'system', actor_id: 'erasure', actor_role: null, actor_name: null, action: 'data.erased', reason: null, detail: null, at: T2 },
        // Each building has its own chain, numbered from 1.
        { building_id: 'b-2', seq: 1, id: '019ab5c1-0000-7000-8000-000000000004', resident_id: null, actor_kind: 'system', actor_id: 'export', actor_role: null, actor_name: null, action: 'data.exported', reason: null, detail: null, at: T1 },
      ];
      const events: AuditEventRow[] = [];
      for (const event of unhashed) {
        const prev_hash = events.findLast((e) => e.building_id === event.building_id)?.hash ?? GENESIS_HASH;
        events.push({ ...event, prev_hash, hash: auditEventHash({ ...event, prev_hash }) });
      }
      await audit.insertInto('audit_events').values(events).execute();
      const heads: AuditHeadRow[] = [
        { building_id: 'b-1', seq: 3, hash: events[2]!.hash, updated_at: T2 },
        { building_id: 'b-2', seq: 1, hash: events[3]!.hash, updated_at: T1 },
      ];
      await audit.insertInto('audit_heads').values(heads).execute();
      expect(await audit.selectFrom('staff_members').selectAll().orderBy('id').execute()).toEqual(staff);
      expect(await audit.selectFrom('audit_events').selectAll().orderBy('building_id').orderBy('seq').execute()).toEqual(events);
      expect(await audit.selectFrom('audit_heads').selectAll().orderBy('building_id').execute()).toEqual(heads);
      // Beyond int4: a chain's numbers are 64-bit.
      await audit.updateTable('audit_heads').set({ seq: 5_000_000_000 }).where('building_id', '=', 'b-2').execute();
      expect(await audit.selectFrom('audit_heads').select('seq').where('building_id', '=', 'b-2').executeTakeFirst()).toEqual({ seq: 5_000_000_000 });
      await audit.updateTable('audit_heads').set({ seq: 1 }).where('building_id', '=', 'b-2').execute();

      const member = staff[2]!;
      await refused(audit.insertInto('staff_members').values(member).execute(), 'unique');
      await refused(sql`insert into staff_members (id, building_id, full_name, role, created_at) values ('st-x', 'b-1', 'Bảo vệ', 'guard', ${T0})`.execute(db), 'check');
      await refused(audit.insertInto('staff_members').values({ ...member, id: 'st-orphan', building_id: 'b-missing' }).execute(), 'foreign key');
      await refused(sql`insert into staff_members (id, building_id, full_name, role, created_at) values ('st-y', 'b-1', null, 'care', ${T0})`.execute(db), 'not null');
      const head = heads[0]!;
      await refused(audit.insertInto('audit_heads').values(head).execute(), 'unique');
      await refused(audit.insertInto('audit_heads').values({ ...head, building_id: 'b-missing' }).execute(), 'foreign key');
      // A fresh chain starts at 0; below that is no chain.
      await refused(audit.updateTable('audit_heads').set({ seq: -1 }).where('building_id', '=', 'b-2').execute(), 'check');
      const event = events[0]!;
      await refused(audit.insertInto('audit_events').values({ ...event, id: '019ab5c1-0000-7000-8000-0000000000ff' }).execute(), 'unique');
      await refused(audit.insertInto('audit_events').values({ ...event, seq: 4 }).execute(), 'unique');
      await refused(audit.insertInto('audit_events').values({ ...event, seq: 0, id: 'ev-zero' }).execute(), 'check');
      await refused(sql`insert into audit_events (building_id, seq, id, actor_kind, actor_id, action, at, prev_hash, hash) values ('b-1', 9, 'ev-x', 'kiosk', 'd-lobby', 'profile.viewed', ${T0}, 'p', 'h')`.execute(db), 'check');
      await refused(audit.insertInto('audit_events').values({ ...event, building_id: 'b-missing', id: 'ev-orphan' }).execute(), 'foreign key');
      await refused(sql`insert into audit_events (building_id, seq, id, actor_kind, actor_id, action, at, hash) values ('b-1', 9, 'ev-y', 'system', 'sync', 'profile.viewed', ${T0}, 'h')`.execute(db), 'not null');
      // A departed staff member's events stay as they were (no foreign key to staff on purpose).
      await audit.deleteFrom('staff_members').where('id', '=', 'st-lan').execute();
      expect(await audit.selectFrom('audit_events').select(['actor_id', 'actor_name']).where('id', '=', event.id).executeTakeFirst()).toEqual({ actor_id: 'st-lan', actor_name: 'Phạm Thị Lan' });
      await audit.insertInto('staff_members').values(member).execute();
    },
  },
  7: {
    async before(db) {
      await scenarios[6]!.before(db);
      await scenarios[6]!.after(db);
    },
    async after(db) {
      const tables = db.withTables<{ policy_versions: PolicyVersionRow; consent_records: ConsentRecordRow; consent_receipt_prefs: ConsentReceiptPrefRow }>();
      // Nothing is seeded: the hub stores its default policy on start, not the migration.
      expect(await tables.selectFrom('policy_versions').selectAll().execute()).toEqual([]);
      const policies: PolicyVersionRow[] = [
        {
          version: 1,
          effective_from: '2026-07-01',
          text_vi: 'Chính sách bảo mật dữ liệu cá nhân của cư dân\n\n1. Chúng tôi thu thập gì\nHọ tên, căn hộ, số điện thoại và email của bạn.',
          text_en: "Residents' personal data privacy policy\n\n1. What we collect\nYour name, apartment, phone number and email.",
          changes_vi: null,
          changes_en: null,
          purposes: JSON.stringify(purposesV1),
          created_at: T0,
        },
        {
          version: 2,
          effective_from: '2026-12-01',
          text_vi: 'Chính sách bảo mật dữ liệu cá nhân của cư dân (bản 2)\n\n3. Chia sẻ với ai\nThêm một đối tác giao hàng.',
          text_en: "Residents' personal data privacy policy (version 2)\n\n3. Who we share it with\nOne more delivery partner.",
          changes_vi: 'Bổ sung đối tác giao hàng mới.',
          changes_en: 'A new delivery partner is named.',
          purposes: JSON.stringify(purposesV2),
          created_at: T1,
        },
      ];
      await tables.insertInto('policy_versions').values(policies).execute();
      // A choice is a new row each time: granted at the kiosk, then withdrawn by staff at the console.
      const records: ConsentRecordRow[] = [
        {
          id: '019ab5c2-0000-7000-8000-000000000001',
          resident_id: 'r-binh',
          purpose_id: 'bill_reminders_sms',
          granted: 1,
          policy_version: 1,
          channel: 'kiosk',
          device_id: 'd-lobby',
          actor_kind: 'resident',
          actor_id: 'r-binh',
          operation_id: '019ab5c0-0000-7000-8000-000000000001',
          recorded_at: T0,
        },
        { id: '019ab5c2-0000-7000-8000-000000000002', resident_id: 'r-binh', purpose_id: 'bill_reminders_sms', granted: 0, policy_version: 2, channel: 'console', device_id: null, actor_kind: 'staff', actor_id: 'st-hung', operation_id: null, recorded_at: T1 },
      ];
      await tables.insertInto('consent_records').values(records).execute();
      // Back to SMS after trying email: the explicit choice is kept.
      const pref: ConsentReceiptPrefRow = { resident_id: 'r-binh', channel: 'sms', updated_at: T1 };
      await tables.insertInto('consent_receipt_prefs').values(pref).execute();
      expect(await tables.selectFrom('policy_versions').selectAll().orderBy('version').execute()).toEqual(policies);
      expect(await tables.selectFrom('consent_records').selectAll().orderBy('id').execute()).toEqual(records);
      expect(await tables.selectFrom('consent_receipt_prefs').selectAll().execute()).toEqual([pref]);

      const policy = policies[0]!;
      await refused(tables.insertInto('policy_versions').values(policy).execute(), 'unique');
      await refused(tables.insertInto('policy_versions').values({ ...policy, version: 0 }).execute(), 'check');
      await refused(sql`insert into policy_versions (version, effective_from, text_vi, text_en, purposes, created_at) values (3, '2027-01-01', null, 'x', '[]', ${T0})`.execute(db), 'not null');
      const record = records[0]!;
      await refused(tables.insertInto('consent_records').values(record).execute(), 'unique');
      await refused(tables.insertInto('consent_records').values({ ...record, id: 'cr-x', granted: 2 }).execute(), 'check');
      await refused(sql`insert into consent_records (id, resident_id, purpose_id, granted, policy_version, channel, actor_kind, actor_id, recorded_at) values ('cr-y', 'r-binh', 'surveys', 1, 1, 'sms', 'resident', 'r-binh', ${T0})`.execute(db), 'check');
      await refused(sql`insert into consent_records (id, resident_id, purpose_id, granted, policy_version, channel, actor_kind, actor_id, recorded_at) values ('cr-z', 'r-binh', 'surveys', 1, 1, 'kiosk', 'system', 'sync', ${T0})`.execute(db), 'check');
      await refused(tables.insertInto('consent_records').values({ ...record, id: 'cr-orphan', resident_id: 'r-missing' }).execute(), 'foreign key');
      await refused(tables.insertInto('consent_records').values({ ...record, id: 'cr-no-policy', policy_version: 9 }).execute(), 'foreign key');
      await refused(sql`insert into consent_records (id, resident_id, purpose_id, granted, policy_version, channel, actor_kind, actor_id, recorded_at) values ('cr-w', 'r-binh', null, 1, 1, 'kiosk', 'resident', 'r-binh', ${T0})`.execute(db), 'not null');
      // What a resident agreed to, and under which text, cannot vanish from under the record.
      await refused(tables.deleteFrom('policy_versions').where('version', '=', 1).execute(), 'foreign key');
      await refused(tables.deleteFrom('residents').where('id', '=', 'r-binh').execute(), 'foreign key');
      await refused(tables.insertInto('consent_receipt_prefs').values({ ...pref, channel: 'email' }).execute(), 'unique');
      await refused(sql`insert into consent_receipt_prefs (resident_id, channel, updated_at) values ('r-binh', 'zalo', ${T0})`.execute(db), 'check');
      await refused(tables.insertInto('consent_receipt_prefs').values({ ...pref, resident_id: 'r-missing' }).execute(), 'foreign key');
    },
  },
  8: {
    added: { residents: { contact_address: null } },
    async before(db) {
      await scenarios[7]!.before(db);
      await scenarios[7]!.after(db);
    },
    async after(db) {
      const profile = profileTables(db);
      // Residents written before it have no contact address yet.
      expect(await profile.selectFrom('residents').select(['id', 'contact_address']).execute()).toEqual([{ id: 'r-binh', contact_address: null }]);
      const hoa = { id: 'r-hoa', building_id: 'b-1', unit_id: 'u-a0101', full_name: 'Võ Thị Hoa', phone_e164: '+84934567890', email: 'hoa.vo@example.com', contact_address: '45 Phố Huế, Hai Bà Trưng, Hà Nội', ...stamp };
      await profile.insertInto('residents').values(hoa).execute();
      await profile.updateTable('residents').set({ contact_address: 'Phòng 302, 18 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội' }).where('id', '=', 'r-binh').execute();
      expect(await profile.selectFrom('residents').select(['id', 'contact_address']).orderBy('id').execute()).toEqual([
        { id: 'r-binh', contact_address: 'Phòng 302, 18 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội' },
        { id: 'r-hoa', contact_address: hoa.contact_address },
      ]);

      const opened = '2026-11-25T02:36:00.000Z';
      const changes: ContactChangeRow[] = [
        // A new number, proven on the old phone; the code to the new one not typed yet.
        {
          id: '019ab5c3-0000-7000-8000-000000000001',
          resident_id: 'r-binh',
          device_id: 'd-lobby',
          kind: 'phone',
          new_value: '+84987654321',
          status: 'pending',
          old_code_hmac: 'old-code-hmac-1',
          old_attempts: 1,
          old_verified_at: opened,
          new_code_hmac: 'new-code-hmac-1',
          new_attempts: 0,
          new_verified_at: null,
          created_at: T0,
          codes_sent_at: T0,
          expires_at: T1,
          closed_at: null,
          decided_by: null,
          reason: null,
        },
        // An email added: only the new address gets a code.
        {
          id: '019ab5c3-0000-7000-8000-000000000002',
          resident_id: 'r-binh',
          device_id: 'd-lobby',
          kind: 'email',
          new_value: 'binh.tran@example.com',
          status: 'done',
          old_code_hmac: null,
          old_attempts: 0,
          old_verified_at: null,
          new_code_hmac: 'new-code-hmac-2',
          new_attempts: 2,
          new_verified_at: opened,
          created_at: T0,
          codes_sent_at: T0,
          expires_at: T1,
          closed_at: opened,
          decided_by: null,
          reason: null,
        },
        // A lost phone: the management looked at it and said no.
        {
          id: '019ab5c3-0000-7000-8000-000000000003',
          resident_id: 'r-hoa',
          device_id: 'd-lobby',
          kind: 'phone',
          new_value: '+84945678901',
          status: 'rejected',
          old_code_hmac: null,
          old_attempts: 0,
          old_verified_at: null,
          new_code_hmac: 'new-code-hmac-3',
          new_attempts: 1,
          new_verified_at: opened,
          created_at: T0,
          codes_sent_at: T0,
          expires_at: T2,
          closed_at: T1,
          decided_by: 'st-lan',
          reason: 'Không xác minh được chủ thuê bao, mời cư dân đến văn phòng BQL',
        },
      ];
      await profile.insertInto('contact_changes').values(changes).execute();
      const corrections: CorrectionRequestRow[] = [
        { id: '019ab5c4-0000-7000-8000-000000000001', resident_id: 'r-binh', field: 'name', value: 'Trần Văn Bính', status: 'received', reason: null, decided_by: null, decided_at: null, device_id: 'd-lobby', created_at: T0 },
        { id: '019ab5c4-0000-7000-8000-000000000002', resident_id: 'r-hoa', field: 'address', value: '45 Phố Huế, Hai Bà Trưng, Hà Nội', status: 'approved', reason: null, decided_by: 'st-lan', decided_at: T1, device_id: null, created_at: T0 },
        { id: '019ab5c4-0000-7000-8000-000000000003', resident_id: 'r-hoa', field: 'name', value: 'Võ Thị Hòa', status: 'rejected', reason: 'Tên trên hợp đồng thuê là Võ Thị Hoa', decided_by: 'st-hung', decided_at: T1, device_id: 'd-lobby', created_at: T0 },
      ];
      await profile.insertInto('correction_requests').values(corrections).execute();
      expect(await profile.selectFrom('contact_changes').selectAll().orderBy('id').execute()).toEqual(changes);
      expect(await profile.selectFrom('correction_requests').selectAll().orderBy('id').execute()).toEqual(corrections);

      const change = changes[0]!;
      await refused(profile.insertInto('contact_changes').values(change).execute(), 'unique');
      await refused(sql`insert into contact_changes (id, resident_id, device_id, kind, status, created_at, codes_sent_at, expires_at) values ('cc-x', 'r-binh', 'd-lobby', 'address', 'pending', ${T0}, ${T0}, ${T1})`.execute(db), 'check');
      await refused(sql`insert into contact_changes (id, resident_id, device_id, kind, status, created_at, codes_sent_at, expires_at) values ('cc-y', 'r-binh', 'd-lobby', 'phone', 'cancelled', ${T0}, ${T0}, ${T1})`.execute(db), 'check');
      await refused(profile.insertInto('contact_changes').values({ ...change, id: 'cc-old-neg', old_attempts: -1 }).execute(), 'check');
      await refused(profile.insertInto('contact_changes').values({ ...change, id: 'cc-new-neg', new_attempts: -1 }).execute(), 'check');
      await refused(profile.insertInto('contact_changes').values({ ...change, id: 'cc-orphan', resident_id: 'r-missing' }).execute(), 'foreign key');
      await refused(sql`insert into contact_changes (id, resident_id, device_id, kind, status, created_at, codes_sent_at, expires_at) values ('cc-z', 'r-binh', null, 'phone', 'pending', ${T0}, ${T0}, ${T1})`.execute(db), 'not null');
      await refused(sql`insert into contact_changes (id, resident_id, device_id, kind, status, created_at, expires_at) values ('cc-w', 'r-binh', 'd-lobby', 'phone', 'pending', ${T0}, ${T1})`.execute(db), 'not null');
      // Removing the email: no new value, no code typed yet, attempts start at 0.
      await sql`insert into contact_changes (id, resident_id, device_id, kind, status, created_at, codes_sent_at, expires_at) values ('cc-default', 'r-binh', 'd-lobby', 'email', 'pending', ${T0}, ${T0}, ${T1})`.execute(db);
      expect(await profile.selectFrom('contact_changes').select(['new_value', 'old_attempts', 'new_attempts']).where('id', '=', 'cc-default').executeTakeFirst()).toEqual({ new_value: null, old_attempts: 0, new_attempts: 0 });

      const correction = corrections[0]!;
      await refused(profile.insertInto('correction_requests').values(correction).execute(), 'unique');
      await refused(sql`insert into correction_requests (id, resident_id, field, value, status, created_at) values ('cq-x', 'r-binh', 'phone', '+84987654321', 'received', ${T0})`.execute(db), 'check');
      await refused(sql`insert into correction_requests (id, resident_id, field, value, status, created_at) values ('cq-y', 'r-binh', 'name', 'Trần Văn Bính', 'pending', ${T0})`.execute(db), 'check');
      // Decided exactly when it is no longer just received.
      await refused(profile.insertInto('correction_requests').values({ ...correction, id: 'cq-approved-undated', status: 'approved' }).execute(), 'check');
      await refused(profile.insertInto('correction_requests').values({ ...correction, id: 'cq-received-dated', decided_at: T1 }).execute(), 'check');
      await refused(profile.insertInto('correction_requests').values({ ...correction, id: 'cq-orphan', resident_id: 'r-missing' }).execute(), 'foreign key');
      await refused(sql`insert into correction_requests (id, resident_id, field, value, status, created_at) values ('cq-z', 'r-binh', 'address', null, 'received', ${T0})`.execute(db), 'not null');

      // A resident's changes and corrections go with them.
      await profile.deleteFrom('residents').where('id', '=', 'r-hoa').execute();
      expect(await profile.selectFrom('contact_changes').select('resident_id').distinct().execute()).toEqual([{ resident_id: 'r-binh' }]);
      expect(await profile.selectFrom('correction_requests').select('id').execute()).toEqual([{ id: correction.id }]);
    },
  },
  9: {
    added: { units: { bills_version: 0 } },
    async before(db) {
      // Written directly: the earlier scenarios compare whole rows of tables 0008 widened.
      await db.insertInto('buildings').values({ id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp }).execute();
      await db.insertInto('units').values(units).execute();
      await db.insertInto('bills').values(bills).execute();
    },
    async after(db) {
      const version = async (unitId: string): Promise<number> =>
        Number((await sql<{ v: number | string }>`select bills_version as v from units where id = ${unitId}`.execute(db)).rows[0]!.v);
      const bill = { ...bills[0]!, id: 'bill-9', month: '2026-12', status: 'unpaid' as const, paid_at: null };
      // Every kind of write to a unit's bills moves that unit's version, and no other's.
      await db.insertInto('bills').values(bill).execute();
      expect([await version('u-a0101'), await version('u-b1203')]).toEqual([1, 0]);
      await db.updateTable('bills').set({ status: 'paid', paid_at: T1 }).where('id', '=', 'bill-9').execute();
      expect([await version('u-a0101'), await version('u-b1203')]).toEqual([2, 0]);
      // Moved to another unit: both lists changed.
      await db.updateTable('bills').set({ unit_id: 'u-b1203' }).where('id', '=', 'bill-9').execute();
      expect([await version('u-a0101'), await version('u-b1203')]).toEqual([3, 1]);
      await db.deleteFrom('bills').where('id', '=', 'bill-9').execute();
      expect([await version('u-a0101'), await version('u-b1203')]).toEqual([3, 2]);
      // A bulk write moves it too (once per statement on PostgreSQL, once per row on SQLite).
      await db.insertInto('bills').values([{ ...bill, id: 'bill-9a' }, { ...bill, id: 'bill-9b', service: 'water' }]).execute();
      expect(await version('u-a0101')).toBeGreaterThan(3);
      await refused(sql`update units set bills_version = null where id = 'u-a0101'`.execute(db), 'not null');
    },
  },
  // Placeholders until each migration's owner writes its scenario.
  10: {
    async before(db) {
      await db.insertInto('buildings').values({ id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp }).execute();
    },
    async after(db) {
      const calendar = db.withTables<HolidayTables>();
      // The seed, every date read back as `YYYY-MM-DD` on both dialects (a `date` column on PostgreSQL).
      const seeded = await calendar.selectFrom('holidays').selectAll().orderBy('local_date').execute();
      expect(seeded.map((r) => ({ localDate: r.local_date, kind: r.kind, nameVi: r.name_vi, nameEn: r.name_en }))).toEqual(holidaySeed);
      expect(new Set(seeded.map((r) => r.source))).toEqual(new Set(['seed']));

      const workingSaturday: HolidayRow = { local_date: '2027-02-13', kind: 'declared_working_day', name_vi: 'Làm bù cho ngày nghỉ Tết', name_en: 'Make-up working day', source: 'operator', created_at: T1, updated_at: T1 };
      await calendar.insertInto('holidays').values(workingSaturday).execute();
      expect(await calendar.selectFrom('holidays').selectAll().where('local_date', '=', '2027-02-13').executeTakeFirst()).toEqual(workingSaturday);

      // One row per date: a day cannot be both off and a working day.
      await refused(calendar.insertInto('holidays').values({ ...workingSaturday, kind: 'compensatory_day_off' }).execute(), 'unique');
      await refused(calendar.insertInto('holidays').values({ ...workingSaturday, local_date: '2029-01-01', kind: 'bank_holiday' as never }).execute(), 'check');
      await refused(calendar.insertInto('holidays').values({ ...workingSaturday, local_date: '2029-01-01', source: 'import' as never }).execute(), 'check');
      await refused(calendar.insertInto('holidays').values({ ...workingSaturday, local_date: '2029-01-01', name_en: '' }).execute(), 'check');
      await refused(sql`insert into holidays (local_date, kind, name_vi, name_en, source, created_at, updated_at) values ('2029-01-01', 'public_holiday', null, 'New Year', 'operator', ${T0}, ${T0})`.execute(db), 'not null');
    },
  },
  11: {
    // Codes sent before it were all sign-in codes.
    added: { otp_requests: { purpose: 'login' } },
    async before(db) {
      // Written directly: the earlier scenarios compare whole rows of tables later migrations widened.
      await db.insertInto('buildings').values({ id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp }).execute();
      await db.insertInto('units').values(units).execute();
      await db.insertInto('residents').values(residents).execute();
      await db.insertInto('devices').values(devices).execute();
      await db.insertInto('otp_requests').values(otpRequests).execute();
    },
    async after(db) {
      const purposed = db.withTables<{ otp_requests: OtpRequestRow & { purpose: string } }>();
      const deletionCode = { ...otpRequests[0]!, id: 'o-deletion', consumed_at: null, purpose: 'deletion' };
      await purposed.insertInto('otp_requests').values(deletionCode).execute();
      expect(await purposed.selectFrom('otp_requests').selectAll().where('id', '=', 'o-deletion').executeTakeFirst()).toEqual(deletionCode);
      await refused(sql`update otp_requests set purpose = null where id = 'o-1'`.execute(db), 'not null');

      const tables = requestTables(db);
      const base: DataRequestRow = {
        id: '019ab5c5-0000-7000-8000-000000000001',
        building_id: 'b-1',
        resident_id: 'r-mai',
        kind: 'deletion',
        status: 'received',
        details: null,
        linked_id: null,
        device_id: 'd-lobby',
        third_party: 0,
        created_at: T0,
        acknowledge_due_at: '2026-11-27T16:59:59.999Z',
        act_due_at: '2026-12-10T16:59:59.999Z',
        erase_at: '2026-11-30T02:35:00.000Z',
        acknowledged_at: null,
        closed_at: null,
        extended_days: 0,
        extension_reason: null,
        hold_category: null,
        hold_reason: null,
        refusal_reason: null,
        export_delivery: null,
        final_notice_channel: 'sms',
        export_json: null,
        export_summary: null,
        export_prepared_at: null,
        overdue_acknowledge_notified_at: null,
        overdue_act_notified_at: null,
        erased_at: null,
        updated_at: T0,
      };
      const rows: DataRequestRow[] = [
        base,
        // An export on legal hold, acknowledged and extended once.
        {
          ...base,
          id: '019ab5c5-0000-7000-8000-000000000002',
          kind: 'export',
          status: 'on_hold',
          erase_at: null,
          final_notice_channel: null,
          export_delivery: 'email',
          third_party: 1,
          acknowledged_at: T1,
          act_due_at: '2027-01-09T16:59:59.999Z',
          extended_days: 15,
          extension_reason: 'Chờ đơn vị thu hộ cung cấp lịch sử thanh toán',
          hold_category: 'dispute',
          hold_reason: 'Cư dân đang khiếu nại hóa đơn tháng 10',
          export_json: JSON.stringify({ resident: { name: 'Nguyễn Thị Mai' } }),
          export_summary: 'Dữ liệu của bạn / Your data',
          export_prepared_at: T1,
        },
        // An objection refused with the reason the resident reads.
        { ...base, id: '019ab5c5-0000-7000-8000-000000000003', resident_id: 'r-binh', kind: 'objection', status: 'refused', erase_at: null, final_notice_channel: null, details: 'Không muốn nhận khảo sát qua SMS', refusal_reason: 'Tin nhắn này là thông báo bắt buộc của ban quản lý', closed_at: T2 },
      ];
      await tables.insertInto('data_requests').values(rows).execute();
      expect(await tables.selectFrom('data_requests').selectAll().orderBy('id').execute()).toEqual(rows);
      const events: DataRequestEventRow[] = [
        { id: '019ab5c6-0000-7000-8000-000000000001', request_id: base.id, at: T0, action: 'received', actor_kind: 'resident', actor_id: null, reason: null },
        { id: '019ab5c6-0000-7000-8000-000000000002', request_id: rows[1]!.id, at: T1, action: 'held', actor_kind: 'staff', actor_id: 'st-lan', reason: 'Cư dân đang khiếu nại hóa đơn tháng 10' },
        { id: '019ab5c6-0000-7000-8000-000000000003', request_id: rows[2]!.id, at: T2, action: 'refused', actor_kind: 'staff', actor_id: 'st-hung', reason: 'Tin nhắn này là thông báo bắt buộc của ban quản lý' },
      ];
      await tables.insertInto('data_request_events').values(events).execute();
      expect(await tables.selectFrom('data_request_events').selectAll().orderBy('id').execute()).toEqual(events);

      // One open deletion (and one open export) per resident; closed ones do not count.
      const another = { ...base, id: 'dr-second' };
      await refused(tables.insertInto('data_requests').values(another).execute(), 'unique');
      await tables.insertInto('data_requests').values({ ...another, status: 'cancelled', closed_at: T1 }).execute();
      await refused(tables.insertInto('data_requests').values({ ...rows[1]!, id: 'dr-export-2', status: 'received', hold_category: null, hold_reason: null }).execute(), 'unique');
      await tables.insertInto('data_requests').values({ ...base, id: 'dr-objection-2', kind: 'objection', erase_at: null, details: 'Một phản đối khác' }).execute();
      await tables.insertInto('data_requests').values({ ...base, id: 'dr-objection-3', kind: 'objection', erase_at: null, details: 'Và một nữa' }).execute();

      // Each change alone breaks one rule of an otherwise valid open objection.
      const valid: DataRequestRow = { ...base, kind: 'objection', erase_at: null, final_notice_channel: null, details: 'Phản đối' };
      const bad: [string, Partial<DataRequestRow> | Record<string, unknown>][] = [
        ['unknown kind', { kind: 'portability' }],
        ['unknown status', { status: 'pending' }],
        ['third party not 0/1', { third_party: 2 }],
        ['extension over 15 days', { extended_days: 16, extension_reason: 'Quá dài' }],
        ['extension without a reason', { extended_days: 5 }],
        ['a reason without an extension', { extension_reason: 'Không có gia hạn' }],
        ['a hold without its reason', { status: 'on_hold', hold_category: 'dispute' }],
        ['an unknown hold category', { status: 'on_hold', hold_category: 'whim', hold_reason: 'Lý do' }],
        ['a refusal without its reason', { status: 'refused', closed_at: T1 }],
        ['closed without closed_at', { status: 'done' }],
        ['open with closed_at', { closed_at: T1 }],
        ['a deletion without erase_at', { kind: 'deletion' }],
        ['an objection with erase_at', { erase_at: T2 }],
        ['an unknown notice channel', { final_notice_channel: 'zalo' }],
        ['an unknown delivery', { export_delivery: 'fax' }],
      ];
      await tables.insertInto('data_requests').values({ ...valid, id: 'dr-valid' }).execute();
      for (const [why, change] of bad) {
        await expect(tables.insertInto('data_requests').values({ ...valid, id: `dr-bad-${why}`, ...change } as DataRequestRow).execute(), why).rejects.toThrow(violationText.check);
      }
      await refused(tables.insertInto('data_requests').values({ ...valid, id: 'dr-orphan', building_id: 'b-missing' }).execute(), 'foreign key');
      await refused(sql`insert into data_requests (id, building_id, kind, status, created_at, acknowledge_due_at, act_due_at, updated_at) values ('dr-null', 'b-1', 'objection', 'received', ${T0}, ${T1}, ${T2}, ${T0})`.execute(db), 'not null');
      const event = events[0]!;
      await refused(tables.insertInto('data_request_events').values({ ...event, id: 'ev-action', action: 'deleted' as never }).execute(), 'check');
      await refused(tables.insertInto('data_request_events').values({ ...event, id: 'ev-actor', actor_kind: 'robot' as never }).execute(), 'check');
      await refused(tables.insertInto('data_request_events').values({ ...event, id: 'ev-orphan', request_id: 'dr-missing' }).execute(), 'foreign key');
      // The request and its history outlive the resident (no foreign key to residents on purpose).
      await db.deleteFrom('residents').where('id', '=', 'r-binh').execute();
      expect(await tables.selectFrom('data_requests').select('resident_id').where('id', '=', rows[2]!.id).executeTakeFirst()).toEqual({ resident_id: 'r-binh' });
    },
  },
  12: {
    async before(db) {
      await db.insertInto('buildings').values({ id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp }).execute();
      await db.insertInto('devices').values(devices).execute();
      const staff: StaffMemberRow[] = [
        { id: 'st-admin', building_id: null, full_name: 'Đỗ Minh Khoa', role: 'admin', created_at: T0 },
        { id: 'st-hung', building_id: 'b-1', full_name: 'Lê Quốc Hùng', role: 'care', created_at: T0 },
        { id: 'st-lan', building_id: 'b-1', full_name: 'Phạm Thị Lan', role: 'manager', created_at: T1 },
      ];
      await db.withTables<StaffTables>().insertInto('staff_members').values(staff).execute();
    },
    async after(db) {
      const staff = db.withTables<StaffAuthTables>();
      // The widened role check (SQLite rebuilt the table): an auditor is accepted, an unknown role still not.
      await staff.insertInto('staff_members').values({ id: 'st-mai', building_id: 'b-1', full_name: 'Ngô Thị Mai', role: 'auditor', created_at: T1 }).execute();
      await refused(sql`insert into staff_members (id, building_id, full_name, role, created_at) values ('st-x', 'b-1', 'Bảo vệ', 'guard', ${T0})`.execute(db), 'check');
      // The rebuilt table keeps its key and its reference to buildings.
      await refused(staff.insertInto('staff_members').values({ id: 'st-lan', building_id: 'b-1', full_name: 'Trùng', role: 'care', created_at: T0 }).execute(), 'unique');
      await refused(staff.insertInto('staff_members').values({ id: 'st-y', building_id: 'b-none', full_name: 'Không có tòa', role: 'care', created_at: T0 }).execute(), 'foreign key');

      const credential: StaffCredentialRow = {
        staff_id: 'st-lan',
        username: 'lan.pham',
        password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
        must_change_password: 1,
        phone_e164: '+84901234567',
        email: 'lan.pham@example.com',
        failed_attempts: 0,
        locked_until: null,
        disabled_at: null,
        password_changed_at: T0,
        updated_at: T0,
      };
      await staff.insertInto('staff_credentials').values(credential).execute();
      expect(await staff.selectFrom('staff_credentials').selectAll().execute()).toEqual([credential]);
      await refused(staff.insertInto('staff_credentials').values({ ...credential, staff_id: 'st-hung' }).execute(), 'unique');
      await refused(staff.insertInto('staff_credentials').values({ ...credential, staff_id: 'st-hung', username: 'Hung.Le' }).execute(), 'check');
      await refused(staff.insertInto('staff_credentials').values({ ...credential, staff_id: 'st-hung', username: 'hung.le', must_change_password: 2 }).execute(), 'check');
      await refused(staff.insertInto('staff_credentials').values({ ...credential, staff_id: 'st-nobody', username: 'nobody' }).execute(), 'foreign key');

      const session: StaffSessionRow = { id: 'ss-1', token_hash: 'staff-token-hash', staff_id: 'st-lan', device_id: 'd-office', created_at: T0, last_seen_at: T1, expires_at: T2, locked_at: null, revoked_at: null };
      await staff.insertInto('staff_sessions').values(session).execute();
      expect(await staff.selectFrom('staff_sessions').selectAll().execute()).toEqual([session]);
      await refused(staff.insertInto('staff_sessions').values({ ...session, id: 'ss-2' }).execute(), 'unique');
      await refused(staff.insertInto('staff_sessions').values({ ...session, id: 'ss-3', token_hash: 'other', device_id: 'd-gone' }).execute(), 'foreign key');

      const challenge: StaffSignInChallengeRow = { id: 'sc-1', staff_id: 'st-lan', device_id: 'd-office', code_hmac: 'hmac', attempts: 0, created_at: T0, expires_at: T1, consumed_at: null };
      await staff.insertInto('staff_sign_in_challenges').values(challenge).execute();
      expect(await staff.selectFrom('staff_sign_in_challenges').selectAll().execute()).toEqual([challenge]);
      await refused(staff.insertInto('staff_sign_in_challenges').values({ ...challenge, id: 'sc-2', attempts: -1 }).execute(), 'check');
    },
  },
  // Placeholders until each migration's owner writes its scenario.
  13: {
    // Each resident's search text is computed from their own row (checked in `after`); nobody has moved out yet.
    added: { residents: { search_text: expect.any(String), moved_out_at: null } },
    async before(db) {
      await db.insertInto('buildings').values({ id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp }).execute();
      await db.insertInto('units').values(units).execute();
      await db.insertInto('residents').values(residents).execute();
    },
    async after(db) {
      const t = directoryTables(db);
      // Found without diacritics, by either phone form, by email and by unit.
      expect(await t.selectFrom('residents').select(['id', 'search_text', 'moved_out_at']).orderBy('id').execute()).toEqual([
        { id: 'r-binh', search_text: 'tran van binh 0912345678 84912345678 b-1203', moved_out_at: null },
        { id: 'r-mai', search_text: 'nguyen thi mai mai.nguyen@example.com 0901234567 84901234567 a-0101', moved_out_at: null },
      ]);
      // Every resident lives in their unit, role not recorded, since they were registered.
      const links: ResidentUnitRow[] = [
        { resident_id: 'r-binh', unit_id: 'u-b1203', role: 'occupant', since: T0, until: null },
        { resident_id: 'r-mai', unit_id: 'u-a0101', role: 'occupant', since: T0, until: null },
      ];
      expect(await t.selectFrom('resident_units').selectAll().orderBy('resident_id').execute()).toEqual(links);
      // A resident in a second unit, and the first link closed and reopened.
      await t.insertInto('resident_units').values({ resident_id: 'r-mai', unit_id: 'u-b1203', role: 'owner', since: T1, until: null }).execute();
      await refused(t.insertInto('resident_units').values({ resident_id: 'r-mai', unit_id: 'u-b1203', role: 'tenant', since: T2, until: null }).execute(), 'unique');
      await t.updateTable('resident_units').set({ until: T1 }).where('resident_id', '=', 'r-binh').execute();
      await t.insertInto('resident_units').values({ resident_id: 'r-binh', unit_id: 'u-b1203', role: 'tenant', since: T2, until: null }).execute();
      await refused(t.insertInto('resident_units').values({ resident_id: 'r-mai', unit_id: 'u-a0101', role: 'landlord' as never, since: T2, until: null }).execute(), 'check');
      await refused(t.insertInto('resident_units').values({ resident_id: 'r-mai', unit_id: 'u-a0101', role: 'family', since: T2, until: T1 }).execute(), 'check');
      await refused(t.insertInto('resident_units').values({ resident_id: 'r-mai', unit_id: 'u-none', role: 'family', since: T2, until: null }).execute(), 'foreign key');
      await refused(sql`insert into resident_units (resident_id, unit_id, role, since) values ('r-mai', 'u-a0101', null, ${T2})`.execute(db), 'not null');
      await t.updateTable('residents').set({ moved_out_at: T2 }).where('id', '=', 'r-binh').execute();
      expect(await t.selectFrom('residents').select('moved_out_at').where('id', '=', 'r-binh').executeTakeFirst()).toEqual({ moved_out_at: T2 });
      // An erased resident takes their household links along.
      await db.deleteFrom('residents').where('id', '=', 'r-binh').execute();
      expect(await t.selectFrom('resident_units').select('resident_id').distinct().execute()).toEqual([{ resident_id: 'r-mai' }]);
    },
  },
  14: {
    async before(db) {
      await db.insertInto('buildings').values({ id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp }).execute();
      await db.insertInto('units').values(units).execute();
      await db.insertInto('residents').values(residents).execute();
      await db.withTables<StaffTables>().insertInto('staff_members').values({ id: 'st-lan', building_id: 'b-1', full_name: 'Phạm Thị Lan', role: 'manager', created_at: T0 }).execute();
    },
    async after(db) {
      const tables = incidentTables(db);
      const incident: IncidentRow = {
        id: 'inc-1',
        building_id: 'b-1',
        title: 'Lộ danh sách cư dân',
        description: 'Bảng tính danh sách cư dân bị gửi nhầm tới một nhà thầu',
        detected_at: T0,
        registered_at: T1,
        categories: JSON.stringify(['contact', 'identity']),
        estimated_affected: 120,
        status: 'open',
        authority_notified_at: null,
        authority_notified_by: null,
        authority_reference: null,
        closed_at: null,
        closed_by: null,
        created_by: 'st-lan',
        deadline_warned_at: null,
        overdue_notified_at: null,
        updated_at: T1,
      };
      await tables.insertInto('incidents').values(incident).execute();
      expect(await tables.selectFrom('incidents').selectAll().execute()).toEqual([incident]);
      await refused(tables.insertInto('incidents').values({ ...incident, id: 'inc-status', status: 'lost' as never }).execute(), 'check');
      await refused(tables.insertInto('incidents').values({ ...incident, id: 'inc-neg', estimated_affected: -1 }).execute(), 'check');
      await refused(tables.insertInto('incidents').values({ ...incident, id: 'inc-who', authority_notified_at: T2 }).execute(), 'check');
      await refused(tables.insertInto('incidents').values({ ...incident, id: 'inc-closed', status: 'closed' }).execute(), 'check');
      await refused(tables.insertInto('incidents').values({ ...incident, id: 'inc-orphan', building_id: 'b-none' }).execute(), 'foreign key');

      const link = { incident_id: 'inc-1', resident_id: 'r-mai', linked_at: T1, linked_by: 'st-lan' };
      await tables.insertInto('incident_residents').values(link).execute();
      await refused(tables.insertInto('incident_residents').values(link).execute(), 'unique');
      await refused(tables.insertInto('incident_residents').values({ ...link, incident_id: 'inc-none' }).execute(), 'foreign key');

      const notice = { id: 'in-1', incident_id: 'inc-1', resident_id: 'r-mai', channel: 'sms' as const, sent_at: T2, sent_by: 'st-lan' };
      await tables.insertInto('incident_notices').values(notice).execute();
      expect(await tables.selectFrom('incident_notices').selectAll().execute()).toEqual([notice]);
      // One notice per resident and channel: a second send of the same notice is refused by the key.
      await refused(tables.insertInto('incident_notices').values({ ...notice, id: 'in-2' }).execute(), 'unique');
      await tables.insertInto('incident_notices').values({ ...notice, id: 'in-3', channel: 'email' }).execute();
      await refused(tables.insertInto('incident_notices').values({ ...notice, id: 'in-4', channel: 'zalo' as never }).execute(), 'check');
      // The register outlives an erased resident (no foreign key to residents on purpose).
      await db.deleteFrom('residents').where('id', '=', 'r-mai').execute();
      expect(await tables.selectFrom('incident_residents').select('resident_id').execute()).toEqual([{ resident_id: 'r-mai' }]);
    },
  },
  15: {
    // Nothing arrived by transfer before payments existed (a paid bill's status says it was paid in full).
    added: { bills: { paid_vnd: 0 } },
    async before(db) {
      await db.insertInto('buildings').values({ id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp }).execute();
      await db.insertInto('units').values(units).execute();
      await db.insertInto('bills').values(bills).execute();
    },
    async after(db) {
      const t = paymentTables(db);
      expect(await t.selectFrom('bills').select(['id', 'paid_vnd']).orderBy('id').execute()).toEqual([
        { id: 'bill-1', paid_vnd: 0 },
        { id: 'bill-2', paid_vnd: 0 },
      ]);
      // Part of a bill beyond int4, but never more than the bill nor below zero.
      await t.updateTable('bills').set({ paid_vnd: 3_000_000_000 }).where('id', '=', 'bill-2').execute();
      await refused(t.updateTable('bills').set({ paid_vnd: 5_000_000_001 }).where('id', '=', 'bill-2').execute(), 'check');
      await refused(t.updateTable('bills').set({ paid_vnd: -1 }).where('id', '=', 'bill-2').execute(), 'check');

      const account = { building_id: 'b-1', bank_bin: '970436', bank_name: 'Vietcombank', account_number: '0451000123456', account_name: 'BQL CHUNG CU SONG HONG', updated_at: T0 };
      await t.insertInto('payment_accounts').values(account).execute();
      await refused(t.insertInto('payment_accounts').values(account).execute(), 'unique');
      await t.insertInto('payment_webhook_secrets').values({ building_id: 'b-1', provider: 'generic', secret: 's-1', created_at: T0 }).execute();
      await refused(t.insertInto('payment_webhook_secrets').values({ building_id: 'b-1', provider: 'generic', secret: 's-2', created_at: T1 }).execute(), 'unique');

      const intent: PaymentIntentRow = {
        id: 'pi-1', building_id: 'b-1', resident_id: 'r-gone', unit_id: 'u-b1203', code: 'KT7QX2M9PA', amount_vnd: 5_000_000_000, received_vnd: 0, status: 'open',
        created_at: T0, expires_at: T2, paid_at: null, flagged_at: null, closed_at: null, closed_reason: null, updated_at: T0,
      };
      await t.insertInto('payment_intents').values(intent).execute();
      expect(await t.selectFrom('payment_intents').selectAll().execute()).toEqual([intent]);
      // One intent per code; known statuses; a paid intent says when.
      await refused(t.insertInto('payment_intents').values({ ...intent, id: 'pi-2' }).execute(), 'unique');
      await refused(t.insertInto('payment_intents').values({ ...intent, id: 'pi-3', code: 'KT22222222', status: 'lost' as never }).execute(), 'check');
      await refused(t.insertInto('payment_intents').values({ ...intent, id: 'pi-4', code: 'KT33333333', status: 'paid' }).execute(), 'check');
      await refused(t.insertInto('payment_intents').values({ ...intent, id: 'pi-5', code: 'KT44444444', amount_vnd: 0 }).execute(), 'check');
      await t.insertInto('payment_intent_bills').values({ intent_id: 'pi-1', bill_id: 'bill-2' }).execute();
      await refused(t.insertInto('payment_intent_bills').values({ intent_id: 'pi-1', bill_id: 'bill-2' }).execute(), 'unique');
      await refused(t.insertInto('payment_intent_bills').values({ intent_id: 'pi-1', bill_id: 'bill-none' }).execute(), 'foreign key');

      const transfer: BankTransferRow = {
        id: 'bt-1', building_id: 'b-1', source: 'webhook', provider: 'sepay', provider_tx_id: '92704', direction: 'in', amount_vnd: 2_000_000_000,
        content: 'KT7QX2M9PA chuyen tien', account_number: '0451000123456', received_at: T1, recorded_at: T1, match: 'partial', payment_code: 'KT7QX2M9PA',
        intent_id: 'pi-1', resolved_at: null, resolved_by: null, resolution_reason: null,
      };
      await t.insertInto('bank_transfers').values(transfer).execute();
      expect(await t.selectFrom('bank_transfers').selectAll().execute()).toEqual([transfer]);
      // The same provider transaction twice is refused by the key; another provider's is not.
      await refused(t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-2' }).execute(), 'unique');
      await t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-3', provider: 'generic', intent_id: null, match: 'unmatched', payment_code: null }).execute();
      await refused(t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-4', provider_tx_id: 'out-1', direction: 'out' as never }).execute(), 'check');
      await refused(t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-5', provider_tx_id: 'm-1', match: 'maybe' as never }).execute(), 'check');
      await refused(t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-6', provider_tx_id: 'r-1', resolved_at: T2 }).execute(), 'check');
      await refused(t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-7', provider_tx_id: 'i-1', intent_id: 'pi-none' }).execute(), 'foreign key');

      const allocation = { id: 'pa-1', transfer_id: 'bt-1', bill_id: 'bill-2', amount_vnd: 2_000_000_000, created_at: T1 };
      await t.insertInto('payment_allocations').values(allocation).execute();
      expect(await t.selectFrom('payment_allocations').selectAll().execute()).toEqual([allocation]);
      await refused(t.insertInto('payment_allocations').values({ ...allocation, id: 'pa-2', amount_vnd: 0 }).execute(), 'check');
      await refused(t.insertInto('payment_allocations').values({ ...allocation, id: 'pa-3', transfer_id: 'bt-none' }).execute(), 'foreign key');
    },
  },
  16: {
    async before(db) {
      await db.insertInto('buildings').values({ id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp }).execute();
      await syncTables(db).insertInto('sync_changes').values(broadcastFeed).execute();
    },
    async after(db) {
      const sync = syncTables(db);
      // The change log came through the rebuild unchanged, and takes broadcasts from now on.
      expect(await sync.selectFrom('sync_changes').selectAll().orderBy('seq').execute()).toEqual(broadcastFeed);
      const broadcast: SyncChangeRow = { building_id: 'b-1', seq: 3, type: 'emergency_broadcast', entity_id: 'eb-1', data: JSON.stringify({ title: { vi: 'Diễn tập cháy', en: 'Fire drill' } }), created_at: T2 };
      await sync.insertInto('sync_changes').values([broadcast, { ...broadcast, seq: 4, data: null }]).execute();
      await refused(sync.insertInto('sync_changes').values({ ...broadcast, seq: 4 }).execute(), 'unique');
      await refused(sync.insertInto('sync_changes').values({ ...broadcast, seq: 0 }).execute(), 'check');
      await refused(sql`insert into sync_changes (building_id, seq, type, entity_id, created_at) values ('b-1', 9, 'unit', 'u-1', ${T0})`.execute(db), 'check');
      await refused(sync.insertInto('sync_changes').values({ ...broadcast, seq: 10, building_id: 'b-missing' }).execute(), 'foreign key');
    },
  },
  17: {
    // Transfers recorded before carry no bank reference.
    added: { bank_transfers: { bank_reference: null } },
    async before(db) {
      await db.insertInto('buildings').values({ id: 'b-1', name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên, Ba Đình, Hà Nội', ...stamp }).execute();
      const t = paymentTables(db);
      await t.insertInto('bank_transfers').values([earlyTransfer, { ...earlyTransfer, id: 'bt-0b', provider: 'statement:vietcombank', source: 'statement' }]).execute();
    },
    async after(db) {
      const t = paymentTables(db);
      const transfer = { ...earlyTransfer, id: 'bt-1', provider_tx_id: '92705', bank_reference: 'FT26329123456' };
      await t.insertInto('bank_transfers').values(transfer).execute();
      expect(await t.selectFrom('bank_transfers').selectAll().where('id', '=', 'bt-1').execute()).toEqual([transfer]);
      // The same bank transfer under another provider's key is refused by the reference…
      await refused(t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-2', provider: 'statement:vietcombank', source: 'statement', provider_tx_id: 'FT26329123456' }).execute(), 'unique');
      // …but not another amount, another account or another building's reference.
      await t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-3', provider_tx_id: '92706', amount_vnd: 1 }).execute();
      await t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-4', provider_tx_id: '92707', account_number: '0451000999999' }).execute();
      await db.insertInto('buildings').values({ id: 'b-2', name: 'Tòa nhà Khác', address: 'Đà Nẵng', ...stamp }).execute();
      await t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-5', provider_tx_id: '92708', building_id: 'b-2' }).execute();
      // Transfers without a reference never collide.
      await t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-6', provider_tx_id: '92709', bank_reference: null }).execute();
      await t.insertInto('bank_transfers').values({ ...transfer, id: 'bt-7', provider_tx_id: '92710', bank_reference: null }).execute();
    },
  },
};

const earlyTransfer: BankTransferRow = {
  id: 'bt-0', building_id: 'b-1', source: 'webhook', provider: 'sepay', provider_tx_id: '92704', direction: 'in', amount_vnd: 2_000_000_000,
  content: 'KT7QX2M9PA chuyen tien', account_number: '0451000123456', received_at: T1, recorded_at: T1, match: 'unmatched', payment_code: null,
  intent_id: null, resolved_at: null, resolved_by: null, resolution_reason: null,
};

const broadcastFeed: SyncChangeRow[] = [
  { building_id: 'b-1', seq: 1, type: 'announcement', entity_id: 'a-1', data: JSON.stringify({ title: { vi: 'Thông báo cắt nước', en: 'Water off' } }), created_at: T0 },
  { building_id: 'b-1', seq: 2, type: 'resident_erased', entity_id: 'r-binh', data: null, created_at: T1 },
];

/** The rows as the migrations after `from` up to `to` leave them: with each column they add. */
function grown(table: string, rows: unknown[], from: number, to: number): unknown[] {
  const added = migrations.filter((m) => m.version > from && m.version <= to).map((m) => scenarios[m.version]?.added?.[table] ?? {});
  return rows.map((row) => Object.assign({}, row, ...added) as unknown);
}

/** Every row of every table, keyed by table, in primary-key order. */
async function snapshot(db: HubDb): Promise<Record<string, unknown[]>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((name) => name !== 'schema_migrations');
  const out: Record<string, unknown[]> = {};
  for (const name of tables.sort()) out[name] = (await sql<Record<string, unknown>>`select * from ${sql.table(name)} order by 1`.execute(db)).rows;
  return out;
}

it('every migration has a data scenario', () => {
  expect(Object.keys(scenarios).map(Number)).toEqual(migrations.map((m) => m.version));
});

for (const backend of backends) {
  describe(`migration data on ${backend.name}`, () => {
    const made: TestDatabase[] = [];
    const open: HubDb[] = [];
    async function fresh(): Promise<HubDb> {
      const database = await backend.create();
      made.push(database);
      const db = openDatabase(database.url);
      open.push(db);
      return db;
    }
    afterAll(async () => {
      for (const db of open) await db.destroy();
      for (const database of made) await database.drop();
    });

    for (const migration of migrations) {
      const label = `${String(migration.version).padStart(4, '0')}-${migration.name}`;
      it(`${label}: rows written before it survive, and its constraints hold`, async () => {
        const db = await fresh();
        await migrateToLatest(db, now, migrations.slice(0, migration.version - 1));
        await scenarios[migration.version]!.before(db);
        const before = await snapshot(db);

        expect(await migrateToLatest(db, now, migrations.slice(0, migration.version))).toMatchObject({ applied: [migration.version] });
        expect(await readSchemaVersion(db)).toBe(migration.version);
        const after = await snapshot(db);
        for (const [table, rows] of Object.entries(before)) expect(after[table], table).toEqual(grown(table, rows, migration.version - 1, migration.version));

        await scenarios[migration.version]!.after(db);
        // And the rest of the chain carries the data too.
        const complete = await snapshot(db);
        await migrateToLatest(db, now);
        const latest = await snapshot(db);
        const last = migrations.at(-1)!.version;
        for (const [table, rows] of Object.entries(complete)) expect(latest[table], table).toEqual(grown(table, rows, migration.version, last));
      });
    }
  });
}
