/**
 * The export of one resident's data (issue 8, item 4): read-only gathering of everything the
 * hub holds about them, and the export job's writes on the request (its prepared copy,
 * status and history). Secrets (token hashes, code HMACs, phone HMACs) are never selected.
 */
import type { Kysely } from 'kysely';
import type { RequestStatus } from '../../shared/requests';
import type { HubDb, HubTrx } from './connect';
import { dialectOf } from './connect';
import type { ConsentRecordRow } from './consents';
import type { ContactChangeRow, CorrectionRequestRow, ProfileTables } from './profile-schema';
import { residentExportColumns } from './requests';
import type { DataRequestEventRow, DataRequestRow, RequestTables } from './requests';
import type { Database } from './schema';

/** A request's row and its history's (migration 0011), as server/db/requests.ts types them. */
export type ExportRequestRow = DataRequestRow;
export type RequestEventRow = DataRequestEventRow;
export type { RequestTables };

type ExportTables = ProfileTables &
  RequestTables & {
    consent_records: ConsentRecordRow;
    consent_receipt_prefs: { resident_id: string; channel: string; updated_at: string };
    policy_versions: { version: number; effective_from: string; purposes: string };
  };
type Db = HubDb | HubTrx;

function tables(db: Db): Kysely<Database & ExportTables> {
  return db.withTables<ExportTables>();
}

// ——— gathering (read-only) ———

export type ExportResident = {
  id: string;
  building_id: string;
  building_name: string;
  building_address: string;
  full_name: string;
  phone_e164: string;
  email: string | null;
  contact_address: string | null;
  created_at: string;
  updated_at: string;
  unit_id: string;
  unit_label: string;
  unit_tower: string;
  unit_floor: number;
  unit_area_m2: number;
  unit_motorbikes: number;
  unit_cars: number;
};

export async function getExportResident(db: Db, residentId: string): Promise<ExportResident | undefined> {
  return tables(db)
    .selectFrom('residents as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('buildings as b', 'b.id', 'r.building_id')
    .select([
      'r.id as id',
      'r.building_id as building_id',
      'b.name as building_name',
      'b.address as building_address',
      'r.full_name as full_name',
      'r.phone_e164 as phone_e164',
      'r.email as email',
      'r.contact_address as contact_address',
      'r.created_at as created_at',
      'r.updated_at as updated_at',
      'u.id as unit_id',
      'u.label as unit_label',
      'u.tower as unit_tower',
      'u.floor as unit_floor',
      'u.area_m2 as unit_area_m2',
      'u.motorbikes as unit_motorbikes',
      'u.cars as unit_cars',
    ])
    .where('r.id', '=', residentId)
    .executeTakeFirst();
}

/** Every consent record of the resident, oldest first: the full history. */
export async function listExportConsentRecords(db: Db, residentId: string): Promise<Omit<ConsentRecordRow, 'resident_id'>[]> {
  return tables(db)
    .selectFrom('consent_records')
    .select(['id', 'purpose_id', 'granted', 'policy_version', 'channel', 'device_id', 'actor_kind', 'actor_id', 'operation_id', 'recorded_at'])
    .where('resident_id', '=', residentId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

export async function getExportReceiptChannel(db: Db, residentId: string): Promise<string | undefined> {
  const row = await tables(db).selectFrom('consent_receipt_prefs').select('channel').where('resident_id', '=', residentId).executeTakeFirst();
  return row?.channel;
}

/** The purposes catalogue of each policy version the resident's consents refer to. */
export async function listPolicyPurposes(db: Db, versions: readonly number[]): Promise<{ version: number; effective_from: string; purposes: string }[]> {
  if (versions.length === 0) return [];
  return tables(db).selectFrom('policy_versions').select(['version', 'effective_from', 'purposes']).where('version', 'in', versions).orderBy('version').execute();
}

export type ExportContactChange = Pick<ContactChangeRow, 'id' | 'kind' | 'new_value' | 'status' | 'device_id' | 'created_at' | 'old_verified_at' | 'new_verified_at' | 'closed_at' | 'reason'>;

/** Contact changes without their code HMACs or attempt counters. */
export async function listExportContactChanges(db: Db, residentId: string): Promise<ExportContactChange[]> {
  return tables(db)
    .selectFrom('contact_changes')
    .select(['id', 'kind', 'new_value', 'status', 'device_id', 'created_at', 'old_verified_at', 'new_verified_at', 'closed_at', 'reason'])
    .where('resident_id', '=', residentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type ExportCorrection = Omit<CorrectionRequestRow, 'resident_id' | 'decided_by'>;

/** Correction requests; who decided stays with the management (the access log names staff by role). */
export async function listExportCorrections(db: Db, residentId: string): Promise<ExportCorrection[]> {
  return tables(db)
    .selectFrom('correction_requests')
    .select(['id', 'field', 'value', 'status', 'reason', 'decided_at', 'device_id', 'created_at'])
    .where('resident_id', '=', residentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type ExportDataRequest = Pick<DataRequestRow, (typeof residentExportColumns)[number]>;

/** The resident's data-subject requests, without earlier exports' copies or a manager's written hold reason. */
export async function listExportDataRequests(db: Db, residentId: string): Promise<ExportDataRequest[]> {
  return tables(db).selectFrom('data_requests').select(residentExportColumns).where('resident_id', '=', residentId).orderBy('created_at').orderBy('id').execute();
}

/** The history of those requests; staff appear as 'staff' only, as on the resident's own screen. */
export async function listExportRequestEvents(db: Db, requestIds: readonly string[]): Promise<Pick<RequestEventRow, 'request_id' | 'at' | 'action' | 'actor_kind' | 'reason'>[]> {
  if (requestIds.length === 0) return [];
  return tables(db)
    .selectFrom('data_request_events')
    .select(['request_id', 'at', 'action', 'actor_kind', 'reason'])
    .where('request_id', 'in', requestIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export type ExportSession = { device_id: string; created_at: string; expires_at: string; revoked_at: string | null };

/** Sign-in sessions: device and times, never the token hash. */
export async function listExportSessions(db: Db, residentId: string): Promise<ExportSession[]> {
  return tables(db)
    .selectFrom('resident_sessions')
    .select(['device_id', 'created_at', 'expires_at', 'revoked_at'])
    .where('resident_id', '=', residentId)
    .orderBy('created_at')
    .execute();
}

export type ExportCodeRequest = { device_id: string; purpose: string; created_at: string; expires_at: string; consumed_at: string | null };

/** One-time codes sent for the resident: when and from which kiosk, never the code's or the number's HMAC. */
export async function listExportCodeRequests(db: Db, residentId: string): Promise<ExportCodeRequest[]> {
  return tables(db)
    .withTables<{ otp_requests: { purpose: string } }>()
    .selectFrom('otp_requests')
    .select(['device_id', 'purpose', 'created_at', 'expires_at', 'consumed_at'])
    .where('resident_id', '=', residentId)
    .orderBy('created_at')
    .execute();
}

/** The names of the kiosks and consoles named above, so the copy reads "Sảnh tòa A", not an id. */
export async function listDeviceNames(db: Db, deviceIds: readonly string[]): Promise<{ id: string; name: string; mode: string }[]> {
  if (deviceIds.length === 0) return [];
  return tables(db).selectFrom('devices').select(['id', 'name', 'mode']).where('id', 'in', deviceIds).orderBy('id').execute();
}

export type ExportBill = {
  id: string;
  service: string;
  month: string;
  amount_vnd: number;
  due_date: string;
  status: string;
  paid_at: string | null;
  meter_unit: string | null;
  previous_reading: number | null;
  current_reading: number | null;
};

/** The bills of the resident's unit: their account's charges. */
export async function listExportBills(db: Db, unitId: string): Promise<ExportBill[]> {
  return tables(db)
    .selectFrom('bills')
    .select(['id', 'service', 'month', 'amount_vnd', 'due_date', 'status', 'paid_at', 'meter_unit', 'previous_reading', 'current_reading'])
    .where('unit_id', '=', unitId)
    .orderBy('month')
    .orderBy('service')
    .execute();
}

// ——— the export job's writes ———

export const EXPORT_OPEN_STATUSES = ['received', 'acknowledged'] as const satisfies readonly RequestStatus[];

/** Export requests waiting to be prepared: not held (on_hold is its own status), not yet prepared. */
export async function listExportsToPrepare(db: Db, limit: number): Promise<{ id: string }[]> {
  return tables(db)
    .selectFrom('data_requests')
    .select('id')
    .where('kind', '=', 'export')
    .where('status', 'in', EXPORT_OPEN_STATUSES)
    .where('export_prepared_at', 'is', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/**
 * Email exports prepared but whose mail has not gone (the sender failed, or its process died):
 * those whose last attempt started before `staleBefore`, so a mail being sent right now by
 * another run is not sent twice.
 */
export async function listExportsToResend(db: Db, staleBefore: string, limit: number): Promise<{ id: string }[]> {
  return tables(db)
    .selectFrom('data_requests')
    .select('id')
    .where('kind', '=', 'export')
    .where('status', '=', 'in_progress')
    .where('export_delivery', '=', 'email')
    .where('export_prepared_at', 'is not', null)
    .where('updated_at', '<', staleBefore)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/**
 * Locks one export request for this transaction. On PostgreSQL another instance holding it is
 * skipped (`undefined`), not waited for; on SQLite the transaction itself is the lock.
 */
export async function lockExportRequest(trx: HubTrx, id: string): Promise<ExportRequestRow | undefined> {
  const query = tables(trx).selectFrom('data_requests').selectAll().where('id', '=', id).where('kind', '=', 'export');
  return dialectOf(trx) === 'postgres' ? query.forUpdate().skipLocked().executeTakeFirst() : query.executeTakeFirst();
}

export type ExportRequestUpdate = Partial<Pick<ExportRequestRow, 'status' | 'export_delivery' | 'export_json' | 'export_summary' | 'export_prepared_at' | 'closed_at' | 'refusal_reason'>> & {
  updated_at: string;
};

/** Updates a request only while it still has the status the caller read; false when it moved on. */
export async function updateExportRequest(db: Db, id: string, expectedStatus: RequestStatus, set: ExportRequestUpdate): Promise<boolean> {
  const result = await tables(db).updateTable('data_requests').set(set).where('id', '=', id).where('status', '=', expectedStatus).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertRequestEvent(db: Db, row: RequestEventRow): Promise<void> {
  await tables(db).insertInto('data_request_events').values(row).execute();
}

/** The resident's current email, read at send time (it may have changed since the export was prepared). */
export async function getResidentEmail(db: Db, residentId: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('residents').select('email').where('id', '=', residentId).executeTakeFirst();
  return row === undefined ? undefined : row.email;
}

/** A request as it is now, without a lock (the job builds the export before it claims the request). */
export async function getExportRequest(db: Db, id: string): Promise<ExportRequestRow | undefined> {
  return tables(db).selectFrom('data_requests').selectAll().where('id', '=', id).where('kind', '=', 'export').executeTakeFirst();
}
