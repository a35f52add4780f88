import { z } from 'zod';

export const serviceKinds = [
  'electricity',
  'water',
  'management',
  'cleaning',
  'security',
  'parking',
  'repairs',
] as const;
export const ServiceKind = z.enum(serviceKinds);
export type ServiceKind = z.infer<typeof ServiceKind>;

/** Money is always an integer number of Vietnamese đồng. */
export const Vnd = z.number().int().min(0).max(1_000_000_000_000);

/** Billing month, `YYYY-MM`. */
export const BillingMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** An ISO-8601 instant in UTC (`2026-11-25T02:35:00.000Z`). */
export const Instant = z.iso.datetime();

/** A calendar date, `YYYY-MM-DD`, meaning that day in Asia/Ho_Chi_Minh. */
export const LocalDate = z.iso.date();

export const BillStatus = z.enum(['unpaid', 'paid', 'overdue']);
export type BillStatus = z.infer<typeof BillStatus>;

export const Consumption = z.object({
  /** `kWh` for electricity, `m3` for water. */
  unit: z.enum(['kWh', 'm3']),
  previousReading: z.number().int().min(0),
  currentReading: z.number().int().min(0),
  quantity: z.number().int().min(0),
});
export type Consumption = z.infer<typeof Consumption>;

export const Bill = z.object({
  id: z.string().min(1),
  unitLabel: z.string(),
  service: ServiceKind,
  month: BillingMonth,
  amountVnd: Vnd,
  dueDate: LocalDate,
  status: BillStatus,
  /** What has arrived against this bill so far; between 0 and amountVnd, equal when paid. */
  paidVnd: Vnd,
  paidAt: Instant.nullable(),
  consumption: Consumption.nullable(),
});
export type Bill = z.infer<typeof Bill>;

export const ResidentSummary = z.object({
  id: z.string().min(1),
  fullName: z.string(),
  unitLabel: z.string(),
  buildingName: z.string(),
});
export type ResidentSummary = z.infer<typeof ResidentSummary>;

export const DeviceMode = z.enum(['kiosk', 'manager']);
export type DeviceMode = z.infer<typeof DeviceMode>;

export const Locale = z.enum(['vi', 'en']);
export type Locale = z.infer<typeof Locale>;

/** What a manager-console sign-in may do; checked by the hub and recorded in the audit trail. */
export const StaffRole = z.enum(['manager', 'care', 'admin', 'auditor']);
export type StaffRole = z.infer<typeof StaffRole>;
