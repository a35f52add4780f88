import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../server/db/connect';
import type { HubDb } from '../../../../server/db/connect';
import { migrateToLatest, readSchemaVersion, SchemaTooNewError } from '../../../../server/db/migrate';
import type { Migration } from '../../../../server/db/migration';
import { migrations } from '../../../../server/db/migrations/index';

const T0 = new Date('2026-11-25T02:35:00.000Z');

const now = (): Date => T0;

/** The tables (and their columns) each migration makes visible. */
const expected: Record<number, Record<string, string[]>> = {
  1: {
    buildings: ['id', 'name', 'address', 'created_at', 'updated_at'],
    units: ['id', 'building_id', 'label', 'tower', 'floor', 'area_m2', 'motorbikes', 'cars', 'created_at', 'updated_at'],
    residents: ['id', 'building_id', 'unit_id', 'full_name', 'phone_e164', 'email', 'created_at', 'updated_at'],
    settings: ['key', 'value', 'updated_at'],
    secrets: ['name', 'value', 'created_at'],
  },
  2: {
    bills: ['id', 'unit_id', 'service', 'month', 'amount_vnd', 'due_date', 'status', 'paid_at', 'meter_unit', 'previous_reading', 'current_reading', 'created_at'],
  },
  3: {
    devices: ['id', 'building_id', 'mode', 'name', 'secret_hash', 'created_at', 'revoked_at'],
    enrollment_codes: ['id', 'code_hash', 'building_id', 'mode', 'created_at', 'expires_at', 'used_at', 'device_id'],
    resident_sessions: ['id', 'token_hash', 'resident_id', 'device_id', 'created_at', 'expires_at', 'revoked_at'],
  },
  4: {
    otp_requests: ['id', 'phone_hmac', 'resident_id', 'device_id', 'code_hmac', 'attempts', 'created_at', 'expires_at', 'consumed_at', 'superseded_at'],
    otp_sends: ['id', 'phone_hmac', 'device_id', 'sent_at'],
  },
  5: {
    sync_heads: ['building_id', 'seq', 'epoch', 'created_at'],
    sync_changes: ['building_id', 'seq', 'type', 'entity_id', 'data', 'created_at'],
    sync_entities: ['building_id', 'type', 'entity_id', 'seq', 'data'],
    sync_operations: ['id', 'device_id', 'kind', 'status', 'error_code', 'error_message', 'session_id', 'created_at', 'received_at'],
    device_heartbeats: ['device_id', 'last_seen_at', 'version', 'uptime_seconds', 'outbox_depth', 'oldest_pending_seconds', 'last_sync_at', 'last_error'],
  },
  6: { staff_members: ['id', 'building_id', 'full_name', 'role', 'created_at'], audit_heads: ['building_id', 'seq', 'hash', 'updated_at'], audit_events: ['building_id', 'seq', 'id', 'resident_id', 'actor_kind', 'actor_id', 'actor_role', 'actor_name', 'action', 'reason', 'detail', 'at', 'prev_hash', 'hash'] },
  7: { policy_versions: ['version', 'effective_from', 'text_vi', 'text_en', 'changes_vi', 'changes_en', 'purposes', 'created_at'], consent_records: ['id', 'resident_id', 'purpose_id', 'granted', 'policy_version', 'channel', 'device_id', 'actor_kind', 'actor_id', 'operation_id', 'recorded_at'], consent_receipt_prefs: ['resident_id', 'channel', 'updated_at'] },
  8: {
    contact_changes: ['id', 'resident_id', 'device_id', 'kind', 'new_value', 'status', 'old_code_hmac', 'old_attempts', 'old_verified_at', 'new_code_hmac', 'new_attempts', 'new_verified_at', 'created_at', 'codes_sent_at', 'expires_at', 'closed_at', 'decided_by', 'reason'],
    correction_requests: ['id', 'resident_id', 'field', 'value', 'status', 'reason', 'decided_by', 'decided_at', 'device_id', 'created_at'],
  },
  // 9 adds an index only.
  9: {},
  10: { holidays: ['local_date', 'kind', 'name_vi', 'name_en', 'source', 'created_at', 'updated_at'] },
  11: {
    data_requests: [
      'id', 'building_id', 'resident_id', 'kind', 'status', 'details', 'linked_id', 'device_id', 'third_party', 'created_at', 'acknowledge_due_at', 'act_due_at',
      'erase_at', 'acknowledged_at', 'closed_at', 'extended_days', 'extension_reason', 'hold_category', 'hold_reason', 'refusal_reason', 'export_delivery',
      'final_notice_channel',
      'export_json', 'export_summary', 'export_prepared_at', 'overdue_acknowledge_notified_at', 'overdue_act_notified_at', 'erased_at', 'updated_at',
    ],
    data_request_events: ['id', 'request_id', 'at', 'action', 'actor_kind', 'actor_id', 'reason'],
  },
  12: {
    staff_credentials: ['staff_id', 'username', 'password_hash', 'must_change_password', 'phone_e164', 'email', 'failed_attempts', 'locked_until', 'disabled_at', 'password_changed_at', 'updated_at'],
    staff_sessions: ['id', 'token_hash', 'staff_id', 'device_id', 'created_at', 'last_seen_at', 'expires_at', 'locked_at', 'revoked_at'],
    staff_sign_in_challenges: ['id', 'staff_id', 'device_id', 'code_hmac', 'attempts', 'created_at', 'expires_at', 'consumed_at'],
  },
  13: { resident_units: ['resident_id', 'unit_id', 'role', 'since', 'until'] },
  14: {
    incidents: [
      'id', 'building_id', 'title', 'description', 'detected_at', 'registered_at', 'categories', 'estimated_affected', 'status', 'authority_notified_at',
      'authority_notified_by', 'authority_reference', 'closed_at', 'closed_by', 'created_by', 'deadline_warned_at', 'overdue_notified_at', 'updated_at',
    ],
    incident_residents: ['incident_id', 'resident_id', 'linked_at', 'linked_by'],
    incident_notices: ['id', 'incident_id', 'resident_id', 'channel', 'sent_at', 'sent_by'],
  },
  15: {
    payment_accounts: ['building_id', 'bank_bin', 'bank_name', 'account_number', 'account_name', 'updated_at'],
    payment_webhook_secrets: ['building_id', 'provider', 'secret', 'created_at'],
    payment_intents: [
      'id', 'building_id', 'resident_id', 'unit_id', 'code', 'amount_vnd', 'received_vnd', 'status', 'created_at', 'expires_at', 'paid_at', 'flagged_at', 'closed_at',
      'closed_reason', 'updated_at',
    ],
    payment_intent_bills: ['intent_id', 'bill_id'],
    bank_transfers: [
      'id', 'building_id', 'source', 'provider', 'provider_tx_id', 'direction', 'amount_vnd', 'content', 'account_number', 'received_at', 'recorded_at', 'match',
      'payment_code', 'intent_id', 'resolved_at', 'resolved_by', 'resolution_reason',
    ],
    payment_allocations: ['id', 'transfer_id', 'bill_id', 'amount_vnd', 'created_at'],
  },
  // 16 widens the change feed's known types only.
  16: {},
  // 17 adds bank_transfers.bank_reference (checked in the migration-data test).
  17: {},
};

let db: HubDb | null = null;
function fresh(): HubDb {
  db = openDatabase(':memory:');
  return db;
}

afterEach(async () => {
  await db?.destroy();
  db = null;
});

async function tableColumns(target: HubDb): Promise<Map<string, string[]>> {
  const tables = await target.introspection.getTables();
  return new Map(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… without gaps, each with a test expectation', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(Object.keys(expected).map(Number)).toEqual(migrations.map((m) => m.version));
  });

  for (const migration of migrations) {
    it(`${String(migration.version).padStart(4, '0')}-${migration.name} applies and creates its tables`, async () => {
      const target = fresh();
      const report = await migrateToLatest(target, now, migrations.slice(0, migration.version));
      expect(report).toEqual({ from: 0, to: migration.version, applied: migrations.slice(0, migration.version).map((m) => m.version) });
      expect(await readSchemaVersion(target)).toBe(migration.version);
      const columns = await tableColumns(target);
      for (const [table, cols] of Object.entries(expected[migration.version]!)) {
        expect(columns.get(table), table).toBeDefined();
        expect(columns.get(table)!.sort(), table).toEqual([...cols].sort());
      }
      // Nothing from later migrations yet.
      for (const later of migrations.slice(migration.version)) {
        for (const table of Object.keys(expected[later.version]!)) expect(columns.has(table), table).toBe(false);
      }
    });
  }

  it('upgrades step by step and is a no-op when up to date', async () => {
    const target = fresh();
    await migrateToLatest(target, now, migrations.slice(0, 2));
    expect(await migrateToLatest(target, now)).toEqual({ from: 2, to: migrations.length, applied: migrations.slice(2).map((m) => m.version) });
    expect(await migrateToLatest(target, now)).toEqual({ from: migrations.length, to: migrations.length, applied: [] });
  });

  it('enforces one resident per phone number and non-negative amounts', async () => {
    const target = fresh();
    await migrateToLatest(target, now);
    const at = T0.toISOString();
    await target.insertInto('buildings').values({ id: 'b', name: 'B', address: 'A', created_at: at, updated_at: at }).execute();
    await target
      .insertInto('units')
      .values({ id: 'u', building_id: 'b', label: 'A-0101', tower: 'A', floor: 1, area_m2: 70, motorbikes: 0, cars: 0, created_at: at, updated_at: at })
      .execute();
    const resident = { building_id: 'b', unit_id: 'u', full_name: 'X', phone_e164: '+84912345678', email: null, created_at: at, updated_at: at };
    await target.insertInto('residents').values({ id: 'r1', ...resident }).execute();
    await expect(target.insertInto('residents').values({ id: 'r2', ...resident }).execute()).rejects.toThrow(/UNIQUE/);
    const bill = { unit_id: 'u', service: 'water', month: '2026-11', due_date: '2026-12-15', status: 'unpaid', paid_at: null, meter_unit: null, previous_reading: null, current_reading: null, created_at: at } as const;
    await expect(target.insertInto('bills').values({ id: 'x', ...bill, amount_vnd: -1 }).execute()).rejects.toThrow(/CHECK/);
  });

  it('rolls a failing migration back entirely', async () => {
    const target = fresh();
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      async up(trx) {
        await trx.schema.createTable('half_made').addColumn('id', 'text').execute();
        throw new Error('boom');
      },
    };
    await expect(migrateToLatest(target, now, [...migrations, broken])).rejects.toThrow('boom');
    expect(await readSchemaVersion(target)).toBe(migrations.length);
    expect((await tableColumns(target)).has('half_made')).toBe(false);
  });

  it('refuses a database written by a newer hub', async () => {
    const target = fresh();
    await migrateToLatest(target, now);
    await sql`insert into schema_migrations (version, name, applied_at) values (${migrations.length + 1}, 'from-the-future', ${T0.toISOString()})`.execute(target);
    const err = await migrateToLatest(target, now).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaTooNewError);
    expect((err as Error).message).toMatch(/newer hub/);
  });
});
