/**
 * Row types of the hub database, as Kysely sees them on both dialects. Instants are
 * ISO-8601 UTC strings (`timestamptz` on PostgreSQL, converted back to ISO strings by the
 * connection's type parsers; `text` on SQLite), calendar dates are `YYYY-MM-DD`, money is
 * an integer number of đồng (`bigint` on PostgreSQL, parsed back to a number).
 */
import type { DeviceMode, ServiceKind } from '../../shared/domain';

export type BuildingRow = {
  id: string;
  name: string;
  address: string;
  created_at: string;
  updated_at: string;
};

export type UnitRow = {
  id: string;
  building_id: string;
  label: string;
  tower: string;
  floor: number;
  area_m2: number;
  motorbikes: number;
  cars: number;
  created_at: string;
  updated_at: string;
};

export type ResidentRow = {
  id: string;
  building_id: string;
  unit_id: string;
  full_name: string;
  phone_e164: string;
  email: string | null;
  created_at: string;
  updated_at: string;
};

export type StoredBillStatus = 'unpaid' | 'paid';

export type BillRow = {
  id: string;
  unit_id: string;
  service: ServiceKind;
  month: string;
  amount_vnd: number;
  due_date: string;
  status: StoredBillStatus;
  paid_at: string | null;
  meter_unit: 'kWh' | 'm3' | null;
  previous_reading: number | null;
  current_reading: number | null;
  created_at: string;
};

export type DeviceRow = {
  id: string;
  building_id: string;
  mode: DeviceMode;
  name: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
};

export type EnrollmentCodeRow = {
  id: string;
  code_hash: string;
  building_id: string;
  mode: DeviceMode;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
};

export type OtpRequestRow = {
  id: string;
  /** HMAC of the E.164 number: rate limits need equality only, so the number itself is not kept. */
  phone_hmac: string;
  /** Null when the number is not a resident of the device's building: such a request never verifies. */
  resident_id: string | null;
  device_id: string;
  code_hmac: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
  superseded_at: string | null;
};

export type OtpSendRow = {
  id: string;
  phone_hmac: string;
  device_id: string;
  sent_at: string;
};

export type ResidentSessionRow = {
  id: string;
  token_hash: string;
  resident_id: string;
  device_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
};

export type SecretRow = { name: string; value: string; created_at: string };
export type SettingRow = { key: string; value: string; updated_at: string };
export type SchemaMigrationRow = { version: number; name: string; applied_at: string };

export type Database = {
  buildings: BuildingRow;
  units: UnitRow;
  residents: ResidentRow;
  bills: BillRow;
  devices: DeviceRow;
  enrollment_codes: EnrollmentCodeRow;
  otp_requests: OtpRequestRow;
  otp_sends: OtpSendRow;
  resident_sessions: ResidentSessionRow;
  secrets: SecretRow;
  settings: SettingRow;
  schema_migrations: SchemaMigrationRow;
};
