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
};

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
        for (const [table, rows] of Object.entries(before)) expect(after[table], table).toEqual(rows);

        await scenarios[migration.version]!.after(db);
        // And the rest of the chain carries the data too.
        const complete = await snapshot(db);
        await migrateToLatest(db, now);
        const latest = await snapshot(db);
        for (const [table, rows] of Object.entries(complete)) expect(latest[table], table).toEqual(rows);
      });
    }
  });
}
