import { z } from 'zod';
import type { BuildingAnnouncement, BuildingPublic } from '../../../../shared/contract/building';
import { BuildingAnnouncement as AnnouncementSchema } from '../../../../shared/contract/building';
import { BilingualText, EmergencyBroadcast } from '../../../../shared/hub-api/broadcasts';
import type { KioskDatabase } from '../../db/open';
import { listSyncedItems } from '../../db/synced-items';

export type BuildingServiceDeps = { db: KioskDatabase };

export type BuildingService = {
  /** What the kiosk holds of the building's public data; never calls the hub. */
  publicData(): BuildingPublic;
};

const Settings = z.object({
  name: z.string(),
  address: z.string().optional(),
  hotline: z.string().optional(),
  officeHours: BilingualText.nullable().optional(),
});

/** Newest first; ties by id so the order is stable. */
function byNewest<T extends { id: string }>(at: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (at(a) === at(b) ? (a.id < b.id ? -1 : 1) : at(a) < at(b) ? 1 : -1);
}

/** Items the hub published in a shape this kiosk does not understand are left out, not shown half-broken. */
function parsed<T>(schema: z.ZodType<T>, items: { id: string; data: unknown }[]): T[] {
  return items.flatMap((item) => {
    // The item's id is its sync id; its data may or may not repeat it.
    const data = typeof item.data === 'object' && item.data !== null ? { ...item.data, id: item.id } : item.data;
    const result = schema.safeParse(data);
    return result.success ? [result.data] : [];
  });
}

export function createBuildingService(deps: BuildingServiceDeps): BuildingService {
  const { db } = deps;
  return {
    publicData() {
      // A kiosk belongs to one building, so it holds one settings item.
      const settings = parsed(Settings, listSyncedItems(db, 'building_settings'))[0];
      const announcements: BuildingAnnouncement[] = parsed(AnnouncementSchema, listSyncedItems(db, 'announcement')).sort(byNewest((a) => a.publishedAt));
      // The hub keeps at most one live; should two ever arrive, the newest wins.
      const emergency = parsed(EmergencyBroadcast, listSyncedItems(db, 'emergency_broadcast')).sort(byNewest((b) => b.startedAt))[0] ?? null;
      return {
        name: settings?.name ?? '',
        address: settings?.address ?? '',
        hotline: settings?.hotline ?? '',
        officeHours: settings?.officeHours ?? null,
        announcements,
        emergency,
      };
    },
  };
}
