/**
 * Row types of the profile-change tables (migration 0008), added to a connection with
 * `profileTables(db)` so this feature needs no edit of the shared schema file. The
 * residents table gains its contact address here too.
 */
import type { Kysely } from 'kysely';
import type { ContactChangeKind, ContactChangeStatus, CorrectionField, CorrectionStatus } from '../../shared/profile';
import type { HubDb, HubTrx } from './connect';
import type { Database, ResidentRow } from './schema';

export type ContactChangeRow = {
  id: string;
  resident_id: string;
  device_id: string;
  kind: ContactChangeKind;
  new_value: string | null;
  status: ContactChangeStatus;
  old_code_hmac: string | null;
  old_attempts: number;
  old_verified_at: string | null;
  new_code_hmac: string | null;
  new_attempts: number;
  new_verified_at: string | null;
  created_at: string;
  codes_sent_at: string;
  expires_at: string;
  closed_at: string | null;
  decided_by: string | null;
  reason: string | null;
};

export type CorrectionRequestRow = {
  id: string;
  resident_id: string;
  field: CorrectionField;
  value: string;
  status: CorrectionStatus;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  device_id: string | null;
  created_at: string;
};

export type ProfileTables = {
  residents: ResidentRow & { contact_address: string | null };
  contact_changes: ContactChangeRow;
  correction_requests: CorrectionRequestRow;
};

export type ProfileDb = Kysely<Database & ProfileTables>;

/** The same connection or transaction, typed with the profile tables as well. */
export function profileTables(db: HubDb | HubTrx): ProfileDb {
  return db.withTables<ProfileTables>();
}
