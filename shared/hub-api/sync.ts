/**
 * Sync between a device and the hub (issue 6): the device pushes the writes it recorded in
 * its outbox, pulls what the hub publishes for its building, and reports its health.
 */
import { z } from 'zod';
import { Instant } from '../domain';

/** At most this many operations in one push. */
export const SYNC_PUSH_MAX_OPERATIONS = 100;
/** The largest payload of one operation, as UTF-8 JSON. */
export const SYNC_PAYLOAD_MAX_BYTES = 16 * 1024;
export const SYNC_PULL_DEFAULT_LIMIT = 500;
export const SYNC_PULL_MAX_LIMIT = 1000;
/**
 * The body of a full push: 100 payloads at their largest plus their envelopes. Every other
 * route keeps the hub's small default body limit.
 */
export const SYNC_PUSH_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const utf8 = new TextEncoder();

/** Any JSON value, small enough to be one operation's payload. */
export const SyncPayload = z.json().refine((value) => utf8.encode(JSON.stringify(value)).length <= SYNC_PAYLOAD_MAX_BYTES, {
  message: `A payload must be at most ${SYNC_PAYLOAD_MAX_BYTES} bytes of JSON`,
});

export const SyncOperation = z.object({
  /** The device's UUIDv7 for this write: its idempotency key. */
  id: z.uuid(),
  /** What the write is, e.g. `consent.set`; the hub rejects kinds it does not know. */
  kind: z.string().min(1).max(64),
  /** When the resident (or the device) made the write, on the device's clock. */
  createdAt: Instant,
  /** The hub resident session under which it was made; null for device-level writes. */
  sessionId: z.string().min(1).max(100).nullable(),
  payload: SyncPayload,
});
export type SyncOperation = z.infer<typeof SyncOperation>;

export const SyncPushBody = z.object({ operations: z.array(SyncOperation).min(1).max(SYNC_PUSH_MAX_OPERATIONS) });
export type SyncPushBody = z.infer<typeof SyncPushBody>;

export const SyncOperationStatus = z.enum(['applied', 'duplicate', 'rejected']);
export type SyncOperationStatus = z.infer<typeof SyncOperationStatus>;

/** Why an operation was rejected; rejections are final, so the device shows them rather than retrying. */
export const SyncRejection = z.object({ code: z.string().min(1), message: z.string() });
export type SyncRejection = z.infer<typeof SyncRejection>;

export const SyncOperationResult = z.object({
  id: z.string(),
  status: SyncOperationStatus,
  /** Present exactly when `status` is `rejected`. */
  error: SyncRejection.optional(),
});
export type SyncOperationResult = z.infer<typeof SyncOperationResult>;

/** One result per operation, in the order of the request. */
export const SyncPushResponse = z.object({ results: z.array(SyncOperationResult) });
export type SyncPushResponse = z.infer<typeof SyncPushResponse>;

export const syncChangeTypes = ['announcement', 'building_settings', 'service_catalogue', 'policy_version', 'resident_erased', 'emergency_broadcast'] as const;
export const SyncChangeType = z.enum(syncChangeTypes);
export type SyncChangeType = z.infer<typeof SyncChangeType>;

export const SyncChange = z.object({
  /** Position in the building's change sequence: increasing, without gaps among committed changes. */
  seq: z.number().int().min(1),
  type: SyncChangeType,
  /** The entity's id within its type (for `resident_erased`, the resident's id). */
  id: z.string().min(1),
  /** The entity's latest data, or null when it was deleted or erased (a tombstone). */
  data: z.json().nullable(),
});
export type SyncChange = z.infer<typeof SyncChange>;

export const SyncPullQuery = z.object({
  /** Opaque; absent for a first pull (a snapshot). */
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(SYNC_PULL_MAX_LIMIT).default(SYNC_PULL_DEFAULT_LIMIT),
});
export type SyncPullQuery = z.infer<typeof SyncPullQuery>;

export const SyncPullResponse = z.object({
  changes: z.array(SyncChange),
  /** Where the next pull continues; keep it only once these changes are applied. */
  cursor: z.string().min(1),
  /** More changes are waiting: pull again with the new cursor straight away. */
  hasMore: z.boolean(),
});
export type SyncPullResponse = z.infer<typeof SyncPullResponse>;

export const HeartbeatBody = z.object({
  version: z.string().min(1).max(64),
  uptimeSeconds: z.number().int().min(0),
  /** Operations in the outbox not yet acknowledged by the hub. */
  outboxDepth: z.number().int().min(0),
  /** Age of the oldest of them; null when the outbox is empty. */
  oldestPendingSeconds: z.number().int().min(0).nullable(),
  lastSyncAt: Instant.nullable(),
  /** Must not carry personal data: the device writes a short technical reason. */
  lastError: z.string().max(200).nullable(),
});
export type HeartbeatBody = z.infer<typeof HeartbeatBody>;
export const HeartbeatResponse = z.object({ receivedAt: Instant });
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;
