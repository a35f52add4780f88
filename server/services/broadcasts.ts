/**
 * Emergency broadcasts: a manager puts one message, in Vietnamese and English, on every kiosk
 * of the building until they end it. Starting publishes an `emergency_broadcast` change on the
 * building's feed; ending publishes its tombstone. Both are audit events with the staff
 * member and their reason; no resident is concerned. Always the building of the workstation.
 */
import type { EmergencyBroadcast, StartBroadcastBody } from '../../shared/hub-api/broadcasts';
import { EmergencyBroadcast as BroadcastSchema } from '../../shared/hub-api/broadcasts';
import type { Logger } from '../../shared/logger';
import { KiotError } from '../../shared/result';
import { listLiveBroadcasts } from '../db/broadcasts';
import type { HubDb, HubTrx } from '../db/connect';
import type { IdGenerator } from '../ids';
import type { AuditService } from './audit';
import type { SyncService } from './sync';

export type BroadcastActor = { staffId: string; buildingId: string };

export type BroadcastService = {
  live(actor: BroadcastActor): Promise<EmergencyBroadcast | null>;
  /** Refused (`wrong_state`) while another broadcast is live: end it first, so kiosks never show two. */
  start(actor: BroadcastActor, body: StartBroadcastBody): Promise<EmergencyBroadcast>;
  end(actor: BroadcastActor, id: string, reason: string | null): Promise<{ endedAt: string }>;
};

export type BroadcastDeps = { db: HubDb; clock: () => Date; newId: IdGenerator; audit: AuditService; sync: SyncService; logger: Logger };

async function liveOf(db: HubDb | HubTrx, buildingId: string): Promise<EmergencyBroadcast[]> {
  return (await listLiveBroadcasts(db, buildingId)).map((row) => BroadcastSchema.parse({ ...(JSON.parse(row.data) as object), id: row.entity_id }));
}

export function createBroadcastService(deps: BroadcastDeps): BroadcastService {
  const { db, clock, newId, audit, sync, logger } = deps;
  return {
    async live(actor) {
      return (await liveOf(db, actor.buildingId)).at(-1) ?? null;
    },

    async start(actor, body) {
      const broadcast: EmergencyBroadcast = { id: newId(), startedAt: clock().toISOString(), title: body.title, body: body.body };
      await db.transaction().execute(async (trx) => {
        // Publishing first takes the building's feed counter, which serialises concurrent
        // starts on PostgreSQL; a second one then sees the first and rolls back.
        await sync.publish(trx, actor.buildingId, { type: 'emergency_broadcast', id: broadcast.id, data: broadcast });
        if ((await liveOf(trx, actor.buildingId)).some((b) => b.id !== broadcast.id)) {
          throw new KiotError('wrong_state', 'A broadcast is already on the kiosks; end it before starting another');
        }
        await audit.record(trx, {
          buildingId: actor.buildingId,
          residentId: null,
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'broadcast.started',
          reason: body.reason,
          detail: { broadcastId: broadcast.id, title: body.title.vi },
        });
      });
      logger.info('Emergency broadcast started', { broadcastId: broadcast.id, buildingId: actor.buildingId });
      return broadcast;
    },

    async end(actor, id, reason) {
      const endedAt = clock().toISOString();
      await db.transaction().execute(async (trx) => {
        // Another building's broadcast is "not found": its existence is not this building's business.
        if (!(await liveOf(trx, actor.buildingId)).some((b) => b.id === id)) throw new KiotError('not_found', 'No live broadcast with this id in this building');
        await sync.publish(trx, actor.buildingId, { type: 'emergency_broadcast', id, data: null });
        await audit.record(trx, {
          buildingId: actor.buildingId,
          residentId: null,
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'broadcast.ended',
          reason,
          detail: { broadcastId: id },
        });
      });
      logger.info('Emergency broadcast ended', { broadcastId: id, buildingId: actor.buildingId });
      return { endedAt };
    },
  };
}
