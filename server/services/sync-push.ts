/**
 * Applies the writes a device pushes from its outbox, each exactly once. The idempotency
 * record of an operation is written in the same transaction as its effect, so a retry after
 * a lost response finds it and answers `duplicate` without touching anything. Operations of
 * one push are applied one after another, in the order sent, each in its own transaction.
 */
import type { z } from 'zod';
import type { SyncOperation, SyncOperationResult, SyncPushResponse } from '../../shared/hub-api';
import type { Logger } from '../../shared/logger';
import { KiotError } from '../../shared/result';
import type { ErrorCode } from '../../shared/result';
import type { HubDb, HubTrx } from '../db/connect';
import { claimSyncOperation, findResidentSessionById, getSyncOperation, markSyncOperationRejected } from '../db/sync-operations';
import type { SyncOperationRow } from '../db/sync-schema';
import type { AuthenticatedDevice } from './devices';

/** What an operation kind's `apply` receives besides the transaction. */
export type SyncApplyContext = {
  device: AuthenticatedDevice;
  /** The resident whose session the operation was made in; null for device-level operations. */
  resident: { id: string; sessionId: string } | null;
  /** When the hub received it. */
  receivedAt: Date;
  /**
   * Runs `task` once the operation's transaction has committed (never if it rolls back or
   * is refused): for messages about the change, which must not be sent for a change that
   * did not happen, and whose failure must not undo it. A failing task is logged, not thrown.
   */
  afterCommit(task: () => Promise<void>): void;
};

export type SyncAppliedOperation<P> = Omit<SyncOperation, 'payload'> & { payload: P };

/**
 * One kind of operation. `apply` makes the effect inside the given transaction (which also
 * holds the idempotency record); throwing a KiotError rejects the operation for good, with
 * that code and message, and rolls its effect back. Any other error fails the push (500),
 * nothing is recorded, and the device retries later.
 */
export type SyncOperationKind = {
  payload: z.ZodType;
  apply(trx: HubTrx, op: SyncAppliedOperation<unknown>, ctx: SyncApplyContext): Promise<void>;
};

export type SyncOperationKinds = Readonly<Record<string, SyncOperationKind>>;

/** Declares a kind with its payload typed from its schema. */
export function defineSyncOperationKind<S extends z.ZodType>(kind: {
  payload: S;
  apply(trx: HubTrx, op: SyncAppliedOperation<z.output<S>>, ctx: SyncApplyContext): Promise<void>;
}): SyncOperationKind {
  // The push service parses the payload with this same schema before calling apply.
  return kind as unknown as SyncOperationKind;
}

export type SyncPushService = {
  push(device: AuthenticatedDevice, operations: readonly SyncOperation[]): Promise<SyncPushResponse>;
  /** Resolves once every after-commit task started so far has finished (shutdown waits for it). */
  idle(): Promise<void>;
};

export type SyncPushDeps = { db: HubDb; clock: () => Date; logger: Logger; kinds: SyncOperationKinds };

type Rejection = { code: ErrorCode; message: string };

/**
 * How far a kiosk's clock may be from the hub's. `createdAt` is the kiosk's time and the
 * session's bounds are the hub's; a kiosk a few seconds behind would otherwise lose a
 * resident's writes for good. Two minutes is well inside the 15-minute token lifetime.
 */
export const SESSION_CLOCK_TOLERANCE_MS = 2 * 60_000;

const FOREIGN_ID: Rejection = { code: 'forbidden', message: 'This operation id was already used by another device' };

function rejected(id: string, error: Rejection): SyncOperationResult {
  return { id, status: 'rejected', error };
}

/** The answer for an id that already has a record. */
function answerFromRecord(record: SyncOperationRow, device: AuthenticatedDevice): SyncOperationResult {
  if (record.device_id !== device.id) return rejected(record.id, FOREIGN_ID);
  if (record.status === 'applied') return { id: record.id, status: 'duplicate' };
  return rejected(record.id, { code: record.error_code ?? 'internal', message: record.error_message ?? '' });
}

export function createSyncPushService(deps: SyncPushDeps): SyncPushService {
  const { db, clock, logger, kinds } = deps;

  /** Why the operation cannot be applied, or what apply needs. */
  async function check(trx: HubTrx, op: SyncOperation, device: AuthenticatedDevice): Promise<Rejection | { kind: SyncOperationKind; payload: unknown; resident: SyncApplyContext['resident'] }> {
    const kind = Object.hasOwn(kinds, op.kind) ? kinds[op.kind] : undefined;
    if (!kind) return { code: 'invalid_input', message: `Unknown operation kind ${op.kind}` };
    const payload = kind.payload.safeParse(op.payload);
    if (!payload.success) {
      const issue = payload.error.issues[0];
      return { code: 'invalid_input', message: `Invalid payload for ${op.kind}${issue ? ` at ${issue.path.join('.') || '(root)'}: ${issue.message}` : ''}` };
    }
    if (op.sessionId === null) return { kind, payload: payload.data, resident: null };

    const session = await findResidentSessionById(trx, op.sessionId);
    if (!session) return { code: 'unauthorized', message: 'Unknown resident session' };
    // A session id read off one kiosk must not let another device write for that resident.
    if (session.device_id !== device.id) return { code: 'forbidden', message: 'The resident session was opened on another device' };
    // Accepted after the token expired (the kiosk may have been offline), but only for what
    // was done while the session was open.
    const made = Date.parse(op.createdAt);
    const end = Math.min(Date.parse(session.expires_at), session.revoked_at === null ? Infinity : Date.parse(session.revoked_at));
    if (made < Date.parse(session.created_at) - SESSION_CLOCK_TOLERANCE_MS || made > end + SESSION_CLOCK_TOLERANCE_MS) {
      return { code: 'forbidden', message: 'The operation was not made while its resident session was open' };
    }
    return { kind, payload: payload.data, resident: { id: session.resident_id, sessionId: session.id } };
  }

  const running = new Set<Promise<void>>();

  async function runAfterCommit(op: SyncOperation, tasks: readonly (() => Promise<void>)[]): Promise<void> {
    for (const task of tasks) {
      try {
        await task();
      } catch (err) {
        // The change stands; only the error's class is logged (a message may quote an address).
        logger.warn('After-commit task of a sync operation failed', { operationId: op.id, kind: op.kind, errorType: err instanceof Error ? err.name : typeof err });
      }
    }
  }

  async function applyOne(op: SyncOperation, device: AuthenticatedDevice): Promise<SyncOperationResult> {
    const receivedAt = clock();
    const record: SyncOperationRow = {
      id: op.id,
      device_id: device.id,
      kind: op.kind,
      status: 'applied',
      error_code: null,
      error_message: null,
      session_id: op.sessionId,
      created_at: op.createdAt,
      received_at: receivedAt.toISOString(),
    };
    const afterCommit: (() => Promise<void>)[] = [];
    try {
      const result = await db.transaction().execute(async (trx) => {
        // Claimed first: a concurrent retry of the same id waits here instead of applying twice.
        if (!(await claimSyncOperation(trx, record))) {
          const existing = await getSyncOperation(trx, op.id);
          if (!existing) throw new Error('sync operation record vanished');
          return answerFromRecord(existing, device);
        }
        const checked = await check(trx, op, device);
        if ('code' in checked) {
          await markSyncOperationRejected(trx, op.id, checked);
          return rejected(op.id, checked);
        }
        await checked.kind.apply(trx, { ...op, payload: checked.payload }, { device, resident: checked.resident, receivedAt, afterCommit: (task) => void afterCommit.push(task) });
        return { id: op.id, status: 'applied' as const };
      });
      // Not awaited: a slow SMS gateway (timeouts, retries) must not hold the push answer past
      // the kiosk's deadline, which would only make it send the batch again.
      if (result.status === 'applied' && afterCommit.length > 0) {
        const run = runAfterCommit(op, afterCommit).finally(() => running.delete(run));
        running.add(run);
      }
      return result;
    } catch (err) {
      if (!(err instanceof KiotError)) throw err;
      // The kind refused it: its effect is rolled back; the refusal is recorded, and final.
      const rejection: Rejection = { code: err.code, message: err.message };
      return db.transaction().execute(async (trx) => {
        if (await claimSyncOperation(trx, { ...record, status: 'rejected', error_code: rejection.code, error_message: rejection.message })) return rejected(op.id, rejection);
        const existing = await getSyncOperation(trx, op.id);
        if (!existing) throw new Error('sync operation record vanished');
        return answerFromRecord(existing, device);
      });
    }
  }

  return {
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
    async push(device, operations) {
      const results: SyncOperationResult[] = [];
      for (const op of operations) results.push(await applyOne(op, device));
      const count = (status: SyncOperationResult['status']): number => results.filter((r) => r.status === status).length;
      logger.info('Sync push', { deviceId: device.id, applied: count('applied'), duplicate: count('duplicate'), rejected: count('rejected') });
      return { results };
    },
  };
}
