/**
 * `correction.request`: a name or contact-address correction queued on a kiosk, possibly
 * while the hub was unreachable. The operation's id becomes the request's id, so it exists
 * once however often the push is retried; a value the hub refuses rejects the operation
 * with `invalid_input`, which the kiosk shows as "rejected".
 */
import { CORRECTION_REQUEST_KIND, CorrectionRequestPayload } from '../../shared/profile';
import { KiotError } from '../../shared/result';
import type { CorrectionService } from '../services/corrections';
import { defineSyncOperationKind } from '../services/sync-push';
import type { SyncOperationKinds } from '../services/sync-push';

export function createCorrectionSyncKinds(deps: { corrections: Pick<CorrectionService, 'requestIn'> }): SyncOperationKinds {
  return {
    [CORRECTION_REQUEST_KIND]: defineSyncOperationKind({
      payload: CorrectionRequestPayload,
      async apply(trx, op, ctx) {
        // A correction is the resident's own request: a device-level operation cannot make one.
        if (ctx.resident === null) throw new KiotError('forbidden', 'A correction request needs a resident session');
        await deps.corrections.requestIn(trx, {
          id: op.id,
          residentId: ctx.resident.id,
          deviceId: ctx.device.id,
          field: op.payload.field,
          value: op.payload.value,
          // When the resident asked, on the kiosk's clock (the push already checked it lies inside their session).
          at: op.createdAt,
        });
      },
    }),
  };
}
