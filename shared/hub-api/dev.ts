import { z } from 'zod';
import { Instant } from '../domain';

export const DevSmsMessage = z.object({ to: z.string(), body: z.string(), sentAt: Instant });
export type DevSmsMessage = z.infer<typeof DevSmsMessage>;

/** `to` is any common way of writing the number; the hub normalizes it. */
export const DevSmsOutboxQuery = z.object({ to: z.string().trim().min(1).max(32).optional() });
export type DevSmsOutboxQuery = z.infer<typeof DevSmsOutboxQuery>;
export const DevSmsOutboxResponse = z.object({ messages: z.array(DevSmsMessage) });
export type DevSmsOutboxResponse = z.infer<typeof DevSmsOutboxResponse>;

export const DevMailAttachment = z.object({ filename: z.string(), contentType: z.string(), size: z.number().int().min(0) });
export type DevMailAttachment = z.infer<typeof DevMailAttachment>;
export const DevMailMessage = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  sentAt: Instant,
  /** The files sent with it (a data export's JSON): names and sizes only. */
  attachments: z.array(DevMailAttachment).optional(),
});
export type DevMailMessage = z.infer<typeof DevMailMessage>;

/** `to` is compared without regard to case or surrounding spaces. */
export const DevMailOutboxQuery = z.object({ to: z.string().trim().min(1).max(254).optional() });
export type DevMailOutboxQuery = z.infer<typeof DevMailOutboxQuery>;
export const DevMailOutboxResponse = z.object({ messages: z.array(DevMailMessage) });
export type DevMailOutboxResponse = z.infer<typeof DevMailOutboxResponse>;

/** What one job did in `POST /v1/dev/run-jobs`. */
export const DevJobReport = z.object({ done: z.number().int().min(0), failed: z.number().int().min(0) });
export type DevJobReport = z.infer<typeof DevJobReport>;
/** Keyed by job name (`erasure`, …). */
export const DevRunJobsResponse = z.object({ jobs: z.record(z.string(), DevJobReport) });
export type DevRunJobsResponse = z.infer<typeof DevRunJobsResponse>;
