/** `app:*` — what the renderer needs to know about this device before anything else. */
import { z } from 'zod';
import { DeviceMode, Instant, Locale } from '../domain';
import { Empty } from './common';
import type { DomainContract } from './common';

export const AppInfo = z.object({
  mode: DeviceMode,
  version: z.string(),
  buildingName: z.string(),
  defaultLocale: Locale,
  idleSeconds: z.number().int().positive(),
  countdownSeconds: z.number().int().positive(),
  /** The hub refused this device's own credential (revoked in the console): IT must enroll it again. */
  deviceRevoked: z.boolean().optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Sent once when the hub first refuses the device's credential. */
export const DeviceRevoked = z.object({ at: Instant });
export type DeviceRevoked = z.infer<typeof DeviceRevoked>;

export const appEvents = {
  'app:deviceRevoked': DeviceRevoked,
} as const;

export const appContract = {
  'app:info': { request: Empty, response: AppInfo },
} as const satisfies DomainContract<'app'>;
