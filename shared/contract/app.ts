/** `app:*` — what the renderer needs to know about this device before anything else. */
import { z } from 'zod';
import { DeviceMode, Locale } from '../domain';
import { Empty } from './common';
import type { DomainContract } from './common';

export const AppInfo = z.object({
  mode: DeviceMode,
  version: z.string(),
  buildingName: z.string(),
  defaultLocale: Locale,
  idleSeconds: z.number().int().positive(),
  countdownSeconds: z.number().int().positive(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appContract = {
  'app:info': { request: Empty, response: AppInfo },
} as const satisfies DomainContract<'app'>;
