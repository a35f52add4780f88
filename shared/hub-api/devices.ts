import { z } from 'zod';
import { DeviceMode } from '../domain';

export const EnrollRequest = z.object({
  code: z.string().trim().min(6).max(64),
  name: z.string().trim().min(1).max(100),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  deviceId: z.string().min(1),
  deviceSecret: z.string().min(32),
  buildingId: z.string().min(1),
  buildingName: z.string(),
  mode: DeviceMode,
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;
