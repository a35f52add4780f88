/**
 * Row types of the sync tables (migration 0005). Kept beside the sync modules and added to
 * a connection with `syncTables(db)`, so sync needs no edit of the shared schema file.
 */
import type { SyncChangeType } from '../../shared/hub-api';
import type { ErrorCode } from '../../shared/result';
import type { Kysely } from 'kysely';
import type { HubDb, HubTrx } from './connect';
import type { Database } from './schema';

export type SyncHeadRow = { building_id: string; seq: number; epoch: string; created_at: string };

export type SyncChangeRow = {
  building_id: string;
  seq: number;
  type: SyncChangeType;
  entity_id: string;
  /** JSON text; null for a tombstone. */
  data: string | null;
  created_at: string;
};

export type SyncEntityRow = { building_id: string; type: SyncChangeType; entity_id: string; seq: number; data: string | null };

export type SyncOperationRow = {
  id: string;
  device_id: string;
  kind: string;
  status: 'applied' | 'rejected';
  error_code: ErrorCode | null;
  error_message: string | null;
  session_id: string | null;
  created_at: string;
  received_at: string;
};

export type DeviceHeartbeatRow = {
  device_id: string;
  last_seen_at: string;
  version: string;
  uptime_seconds: number;
  outbox_depth: number;
  oldest_pending_seconds: number | null;
  last_sync_at: string | null;
  last_error: string | null;
};

export type SyncTables = {
  sync_heads: SyncHeadRow;
  sync_changes: SyncChangeRow;
  sync_entities: SyncEntityRow;
  sync_operations: SyncOperationRow;
  device_heartbeats: DeviceHeartbeatRow;
};

/** A connection or a transaction (a transaction is a Kysely instance bound to its connection). */
export type SyncDb = Kysely<Database & SyncTables>;

/** The same connection or transaction, typed with the sync tables as well. */
export function syncTables(db: HubDb | HubTrx): SyncDb {
  return db.withTables<SyncTables>();
}
