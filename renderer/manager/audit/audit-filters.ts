/** The audit filters as the form holds them (text and calendar days) and as the hub wants them. */
import type { ConsoleAuditFilters } from '../../../shared/contract/console-audit';
import type { AuditAction } from '../../../shared/audit';

export type AuditFilterForm = { staffId: string; residentId: string; action: AuditAction | ''; from: string; to: string };

export const emptyFilters: AuditFilterForm = { staffId: '', residentId: '', action: '', from: '', to: '' };

const DAY_MS = 86_400_000;

/** The first instant of a calendar day (`YYYY-MM-DD`) in Asia/Ho_Chi_Minh (UTC+7, no DST). */
export function vietnamDayStart(day: string): string {
  return new Date(`${day}T00:00:00.000+07:00`).toISOString();
}

/** The form as the channel's filters: only what is set; the end day counts in full. */
export function toFilters(form: AuditFilterForm): ConsoleAuditFilters {
  const filters: ConsoleAuditFilters = {};
  if (form.staffId.trim() !== '') filters.staffId = form.staffId.trim();
  if (form.residentId.trim() !== '') filters.residentId = form.residentId.trim();
  if (form.action !== '') filters.action = form.action;
  if (form.from !== '') filters.from = vietnamDayStart(form.from);
  if (form.to !== '') filters.to = new Date(Date.parse(vietnamDayStart(form.to)) + DAY_MS).toISOString();
  return filters;
}

/** False when both days are set and the end is before the start. */
export function rangeValid(form: AuditFilterForm): boolean {
  return form.from === '' || form.to === '' || form.from <= form.to;
}
