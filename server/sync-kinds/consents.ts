/**
 * The consent feature's outbox operations. `consent.set` records a resident's choice and,
 * once it is committed, sends the receipt; `consent.receipts` sets where receipts go.
 * Both apply only to the signed-in resident of the operation's session.
 */
import { CONSENT_RECEIPTS_KIND, CONSENT_SET_KIND, ConsentReceiptsPayload, ConsentSetPayload } from '../../shared/consents';
import type { Logger } from '../../shared/logger';
import { KiotError } from '../../shared/result';
import type { HubTrx } from '../db/connect';
import type { AuditService } from '../services/audit';
import type { ConsentService, RecordedConsent } from '../services/consents';
import type { RequestService } from '../services/requests';
import type { NotificationService } from '../services/notifications';
import { defineSyncOperationKind } from '../services/sync-push';
import type { SyncApplyContext, SyncOperationKinds } from '../services/sync-push';
import { consentReceipt } from './consent-receipt';

/** Writes the audit event of a consent change in its transaction, as its last write (the chain head stays locked until commit). */
export type ConsentAuditRecorder = (trx: HubTrx, event: { buildingId: string; residentId: string; purposeId: string; granted: boolean; policyVersion: number }) => Promise<void>;

/** The audit trail's event for a consent change: the resident's own act, with what changed (no personal data). */
export function consentAuditRecorder(audit: Pick<AuditService, 'record'>): ConsentAuditRecorder {
  return (trx, event) =>
    audit.record(trx, {
      buildingId: event.buildingId,
      residentId: event.residentId,
      actor: { kind: 'resident', residentId: event.residentId },
      action: 'consents.changed',
      reason: null,
      detail: { purpose: event.purposeId, granted: String(event.granted), policyVersion: String(event.policyVersion) },
    });
}

export type ConsentKindDeps = {
  consents: ConsentService;
  notifications: Pick<NotificationService, 'receipt'>;
  logger: Logger;
  audit?: ConsentAuditRecorder;
  /** A withdrawal is also a tracked data-subject request (done at once), written in the same transaction. */
  requests?: Pick<RequestService, 'trackConsentWithdrawalIn'>;
};

function residentOf(ctx: SyncApplyContext): { id: string } {
  // A consent is the resident's own act: a device-level operation cannot make one.
  if (ctx.resident === null) throw new KiotError('forbidden', 'A consent change needs a resident session');
  return ctx.resident;
}

export function createConsentSyncKinds(deps: ConsentKindDeps): SyncOperationKinds {
  const { consents, notifications, logger } = deps;
  return {
    [CONSENT_SET_KIND]: defineSyncOperationKind({
      payload: ConsentSetPayload,
      async apply(trx, op, ctx) {
        const resident = residentOf(ctx);
        const recorded: RecordedConsent = await consents.record(trx, {
          residentId: resident.id,
          purposeId: op.payload.purposeId,
          granted: op.payload.granted,
          policyVersion: op.payload.policyVersion,
          channel: ctx.device.mode === 'kiosk' ? 'kiosk' : 'console',
          deviceId: ctx.device.id,
          actor: { kind: 'resident', id: resident.id },
          operationId: op.id,
        });
        if (!recorded.granted && deps.requests) {
          await deps.requests.trackConsentWithdrawalIn(trx, {
            residentId: resident.id,
            buildingId: ctx.device.buildingId,
            deviceId: ctx.device.id,
            purposeId: recorded.purpose.id,
            purposeTitle: `${recorded.purpose.title.vi} / ${recorded.purpose.title.en}`,
            at: recorded.recordedAt,
          });
        }
        if (deps.audit) {
          await deps.audit(trx, { buildingId: ctx.device.buildingId, residentId: resident.id, purposeId: recorded.purpose.id, granted: recorded.granted, policyVersion: recorded.policyVersion });
        }
        ctx.afterCommit(async () => {
          const outcome = await notifications.receipt(resident.id, consentReceipt(recorded));
          if (outcome !== 'sent') logger.warn('Consent receipt not sent', { residentId: resident.id, outcome });
        });
      },
    }),
    [CONSENT_RECEIPTS_KIND]: defineSyncOperationKind({
      payload: ConsentReceiptsPayload,
      async apply(trx, op, ctx) {
        const resident = residentOf(ctx);
        await consents.setReceiptChannel(trx, resident.id, op.payload.channel);
      },
    }),
  };
}
