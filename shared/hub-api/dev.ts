import { z } from 'zod';
import { Instant } from '../domain';

export const DevSmsMessage = z.object({ to: z.string(), body: z.string(), sentAt: Instant });
export type DevSmsMessage = z.infer<typeof DevSmsMessage>;

/** `to` is any common way of writing the number; the hub normalizes it. */
export const DevSmsOutboxQuery = z.object({ to: z.string().trim().min(1).max(32).optional() });
export type DevSmsOutboxQuery = z.infer<typeof DevSmsOutboxQuery>;
export const DevSmsOutboxResponse = z.object({ messages: z.array(DevSmsMessage) });
export type DevSmsOutboxResponse = z.infer<typeof DevSmsOutboxResponse>;

export const DevMailMessage = z.object({ to: z.string(), subject: z.string(), text: z.string(), sentAt: Instant });
export type DevMailMessage = z.infer<typeof DevMailMessage>;

/** `to` is compared without regard to case or surrounding spaces. */
export const DevMailOutboxQuery = z.object({ to: z.string().trim().min(1).max(254).optional() });
export type DevMailOutboxQuery = z.infer<typeof DevMailOutboxQuery>;
export const DevMailOutboxResponse = z.object({ messages: z.array(DevMailMessage) });
export type DevMailOutboxResponse = z.infer<typeof DevMailOutboxResponse>;
