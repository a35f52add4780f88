/**
 * `building:*` — building-wide public data for the attract screen and the emergency
 * takeover: the same for every resident, readable with nobody signed in, from what the
 * kiosk pulled from the hub (so it also works while the hub is unreachable).
 */
import { z } from 'zod';
import { Instant } from '../domain';
import { BilingualText, EmergencyBroadcast } from '../hub-api/broadcasts';
import { Empty } from './common';
import type { DomainContract } from './common';

export const BuildingAnnouncement = z.object({
  id: z.string(),
  publishedAt: Instant,
  title: BilingualText,
  body: BilingualText,
});
export type BuildingAnnouncement = z.infer<typeof BuildingAnnouncement>;

export const BuildingPublic = z.object({
  /** Empty strings until the kiosk's first pull brought the building's settings. */
  name: z.string(),
  address: z.string(),
  /** The management office's phone, as the building writes it. */
  hotline: z.string(),
  officeHours: BilingualText.nullable(),
  /** Newest first. */
  announcements: z.array(BuildingAnnouncement),
  /** The live emergency broadcast; null when there is none. */
  emergency: EmergencyBroadcast.nullable(),
});
export type BuildingPublic = z.infer<typeof BuildingPublic>;

export const buildingContract = {
  'building:public': { request: Empty, response: BuildingPublic },
} as const satisfies DomainContract<'building'>;
