/**
 * The deletion executor (POLICY.md, "Deletion"): once a deletion request's `erase_at` has
 * passed and it is neither cancelled nor on hold, it erases the resident's personal data in
 * one transaction (claim, erase, close the request, history, audit, tombstone), then sends
 * the final notice to the contact read before the erasure, then compacts the storage so the
 * erased bytes are in no free page and no write-ahead log (db/erasure.ts).
 *
 * A failure anywhere inside the transaction rolls all of it back: the resident is intact and
 * the request still due, so the next run tries again. Logs carry ids and counts only.
 */
import { formatLocalDate, vietnamDate } from '../../shared/dates';
import type { Logger } from '../../shared/logger';
import { erasureFinalNoticeMail } from '../adapters/mail/erasure-notice';
import type { MailAdapter } from '../adapters/mail/mail-adapter';
import { erasureFinalNoticeMessage } from '../adapters/sms/messages';
import type { SmsAdapter } from '../adapters/sms/sms-adapter';
import { hmacSha256Base64url } from '../crypto';
import type { HubDb, HubTrx } from '../db/connect';
import {
  claimNextDueDeletion,
  compactAfterErasure,
  eraseResidentRows,
  getResidentForErasure,
  insertErasureEvent,
  listResidentPhones,
  markDeletionDone,
  refuseOpenExports,
} from '../db/erasure';
import type { ClaimedDeletion } from '../db/erasure';
import type { JobReport } from '../jobs/job';
import type { IdGenerator } from '../ids';
import type { AuditService } from './audit';
import type { SyncService } from './sync';

export type ErasureDeps = {
  db: HubDb;
  clock: () => Date;
  newId: IdGenerator;
  audit: Pick<AuditService, 'record'>;
  sync: Pick<SyncService, 'publish'>;
  sms: SmsAdapter;
  mail: MailAdapter | null;
  /** The OTP service's key: login-code rows are found by the HMAC of the number. */
  hmacKey: Buffer;
  logger: Logger;
  /** At most this many erasures per run; the rest wait for the next one. */
  batchSize?: number;
  /**
   * Tests only: called inside the transaction after the rows are erased and before the
   * request is closed, to prove that a failure there leaves nothing erased.
   */
  afterErase?: (requestId: string) => Promise<void>;
};

export type ErasureService = {
  /** Erases every due deletion (up to the batch size) and reports how many were done or failed. */
  runDue(): Promise<JobReport>;
};

type FinalNotice = { channel: 'sms'; to: string } | { channel: 'email'; to: string } | null;

const DEFAULT_BATCH = 50;

export function createErasureService(deps: ErasureDeps): ErasureService {
  const { db, clock, newId, logger } = deps;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH;
  // The same derivation as the OTP service, so the rows it wrote are found.
  const phoneHmac = (e164: string): string => hmacSha256Base64url(deps.hmacKey, `phone:${e164}`);

  async function eraseIn(trx: HubTrx, claimed: ClaimedDeletion, nowIso: string): Promise<FinalNotice> {
    const contact = await getResidentForErasure(trx, claimed.residentId);
    let notice: FinalNotice = null;
    if (contact) {
      if (claimed.finalNotice === 'sms') notice = { channel: 'sms', to: contact.phoneE164 };
      else if (claimed.finalNotice === 'email' && contact.email !== null) notice = { channel: 'email', to: contact.email };
    }
    const phones = new Set([...(contact ? [contact.phoneE164] : []), ...(await listResidentPhones(trx, claimed.residentId))]);
    const counts = await eraseResidentRows(trx, claimed.residentId, [...phones].map(phoneHmac));
    for (const exportId of await refuseOpenExports(trx, claimed.residentId, nowIso)) {
      await insertErasureEvent(trx, { id: newId(), request_id: exportId, at: nowIso, action: 'refused', actor_kind: 'system', actor_id: 'erasure', reason: 'resident_erased' });
    }
    if (deps.afterErase) await deps.afterErase(claimed.id);
    if (!(await markDeletionDone(trx, claimed.id, nowIso))) throw new Error('the deletion request changed while it was being carried out');
    await insertErasureEvent(trx, { id: newId(), request_id: claimed.id, at: nowIso, action: 'completed', actor_kind: 'system', actor_id: 'erasure', reason: null });
    await deps.sync.publish(trx, claimed.buildingId, { type: 'resident_erased', id: claimed.residentId, data: null });
    // Last write: it holds the building's chain head until the commit.
    await deps.audit.record(trx, {
      buildingId: claimed.buildingId,
      residentId: claimed.residentId,
      actor: { kind: 'system', job: 'erasure' },
      action: 'data.erased',
      reason: null,
      detail: { requestId: claimed.id },
    });
    logger.info('Resident erased', { requestId: claimed.id, residentId: claimed.residentId, rows: Object.values(counts).reduce((a, b) => a + b, 0) });
    return notice;
  }

  async function sendNotice(requestId: string, notice: FinalNotice, nowIso: string): Promise<void> {
    if (notice === null) return;
    const date = formatLocalDate(vietnamDate(new Date(nowIso)));
    try {
      if (notice.channel === 'sms') await deps.sms.send(notice.to, erasureFinalNoticeMessage(date));
      else if (deps.mail === null) logger.warn('Final notice not sent: no mail adapter', { requestId });
      else await deps.mail.send(erasureFinalNoticeMail(notice.to, date));
    } catch (err) {
      // Not retried: the address is gone with the rest, by design.
      logger.warn('Final notice could not be handed over', { requestId, channel: notice.channel, error: err instanceof Error ? err.name : 'unknown' });
    }
  }

  /** Names the kind of failure without its message, which may quote a value from a row. */
  const failureOf = (err: unknown): string => {
    if (!(err instanceof Error)) return 'unknown';
    const code = (err as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${err.name} ${code}` : err.name;
  };
  // Set when a checkpoint could not finish (a reader held an old snapshot): the next run repeats it.
  let compactionPending = false;

  return {
    async runDue() {
      let done = 0;
      let failed = 0;
      const failedIds: string[] = [];
      while (done + failed < batchSize) {
        const nowIso = clock().toISOString();
        const attempt: { id: string | null } = { id: null };
        let outcome: { id: string; notice: FinalNotice } | null;
        try {
          outcome = await db.transaction().execute(async (trx) => {
            const claimed = await claimNextDueDeletion(trx, nowIso, failedIds);
            if (!claimed) return null;
            attempt.id = claimed.id;
            return { id: claimed.id, notice: await eraseIn(trx, claimed, nowIso) };
          });
        } catch (err) {
          failed += 1;
          if (attempt.id === null) {
            logger.error('Looking for due erasures failed', { error: failureOf(err) });
            break;
          }
          failedIds.push(attempt.id);
          logger.error('Erasure failed and was rolled back; it stays due for the next run', { requestId: attempt.id, error: failureOf(err) });
          continue;
        }
        if (outcome === null) break;
        done += 1;
        await sendNotice(outcome.id, outcome.notice, nowIso);
      }
      if (done > 0 || compactionPending) {
        try {
          const compaction = await compactAfterErasure(db);
          compactionPending = compaction.dialect === 'sqlite' && !compaction.walCheckpointed;
          if (compactionPending) logger.warn('The WAL checkpoint after erasure could not finish (a reader was active); the next run repeats it');
        } catch (err) {
          compactionPending = true;
          logger.warn('Compaction after erasure failed; the next run repeats it', { error: failureOf(err) });
        }
      }
      return { done, failed };
    },
  };
}
