import { acknowledgeOutboxRow, countOutboxAttempt, listPendingOperations, rejectOutboxRow } from '../db/outbox';
import type { KioskDatabase } from '../db/open';
import { KiotError } from '../../../shared/result';
import { MAX_PUSH_BATCH } from './transport';
import type { PushOperation, PushResult, SyncTransport } from './transport';

/** The reason kept beside a rejected row: short, and only what the hub said. */
const MAX_REASON_CHARS = 200;

export type PushDeps = {
  db: KioskDatabase;
  transport: Pick<SyncTransport, 'push'>;
  now: () => number;
  batchSize?: number;
  /** Checked between batches: a stopping engine sends no further batch. */
  stopped: () => boolean;
  /** After each answered batch (the WAL still holds the old pages of the payloads until then). */
  afterBatch?: () => void;
};

/** An answer that does not line up with the batch is not trusted for any row of it. */
function checkAnswer(batch: readonly PushOperation[], results: readonly PushResult[]): void {
  const matches = results.length === batch.length && results.every((r, i) => r.id === batch[i]?.id);
  if (!matches) throw new KiotError('hub_unavailable', 'The hub answered a push with results that do not match the batch');
}

/**
 * Sends every pending operation, oldest first, in batches, until none is left. A batch is
 * marked only from the hub's answer to it, in one transaction, so a failure or a crash at
 * any point leaves each row either answered or still pending — and a pending row is sent
 * again, which the hub answers `duplicate` if it had already applied it. Throws on the
 * first batch that fails; the rows after it stay queued in order. Returns how many rows
 * the hub answered.
 */
export async function pushPending(deps: PushDeps): Promise<number> {
  const { db } = deps;
  const size = Math.min(deps.batchSize ?? MAX_PUSH_BATCH, MAX_PUSH_BATCH);
  let answered = 0;
  while (!deps.stopped()) {
    // The payloads were JSON when recorded and are parsed back from that JSON.
    const batch = listPendingOperations(db, size) as PushOperation[];
    if (batch.length === 0) break;
    countOutboxAttempt(db, batch.map((op) => op.id));
    const { results } = await deps.transport.push(batch);
    checkAnswer(batch, results);
    const at = new Date(deps.now()).toISOString();
    db.transaction(() => {
      for (const result of results) {
        switch (result.status) {
          case 'applied':
          case 'duplicate':
            acknowledgeOutboxRow(db, result.id, at);
            break;
          case 'rejected': {
            const error = result.error ?? { code: 'rejected', message: '' };
            rejectOutboxRow(db, result.id, { code: error.code.slice(0, 64), message: error.message.slice(0, MAX_REASON_CHARS) }, at);
            break;
          }
        }
      }
    }).immediate();
    deps.afterBatch?.();
    answered += results.length;
  }
  return answered;
}
