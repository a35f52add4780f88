/**
 * What the sync engine needs from the hub: push, pull and heartbeat, in the wire types of
 * shared/hub-api/sync.ts. The engine depends on this shape only, so its unit tests use an
 * in-memory hub; `createHubSyncTransport` maps it onto the hub client's routes.
 */
import type { HeartbeatBody, SyncChange, SyncOperation, SyncOperationResult, SyncPullResponse } from '../../../shared/hub-api';
import { SYNC_PUSH_MAX_OPERATIONS } from '../../../shared/hub-api';

export type PushOperation = SyncOperation;
export type PushResult = SyncOperationResult;
/** `data` null is a tombstone; for `resident_erased`, `id` is the resident's id. */
export type PullChange = SyncChange;
export type PullPage = SyncPullResponse;
export type { HeartbeatBody };

export type SyncTransport = {
  push(operations: PushOperation[]): Promise<{ results: PushResult[] }>;
  /** No cursor: a snapshot. Throws a KiotError `resync_required` when the cursor is unknown or too old. */
  pull(query: { cursor?: string; limit: number }): Promise<PullPage>;
  heartbeat(body: HeartbeatBody): Promise<unknown>;
};

/** Most operations one push may carry (the hub refuses more). */
export const MAX_PUSH_BATCH = SYNC_PUSH_MAX_OPERATIONS;
