/**
 * Reminders for unpaid bills due soon, by SMS and by email, each through `notify` so the
 * resident's current consent for that channel decides. One message per resident and
 * channel, listing their bills. A scheduled job comes with the requests issue; for now the
 * hub exposes `sendDueSoon` (tests and an operator's script call it).
 */
import { formatLocalDate, vietnamDate } from '../../shared/dates';
import type { Logger } from '../../shared/logger';
import { formatVnd } from '../../shared/money';
import type { HubDb } from '../db/connect';
import { listUnpaidBillsDueBetween } from '../db/bill-reminders';
import type { DueBillRow } from '../db/bill-reminders';
import type { NotificationService, NotifyOutcome } from './notifications';

export type ReminderReport = { residents: number; sms: Record<NotifyOutcome, number>; email: Record<NotifyOutcome, number> };

export type BillReminderService = {
  /** Reminds every resident with an unpaid bill due today or in the next `withinDays` days. */
  sendDueSoon(opts?: { withinDays?: number }): Promise<ReminderReport>;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_WITHIN_DAYS = 3;

const empty = (): Record<NotifyOutcome, number> => ({ sent: 0, not_consented: 0, no_address: 0, failed: 0 });

function reminderText(bills: readonly DueBillRow[]): { sms: string; subject: string; text: string } {
  const total = bills.reduce((sum, b) => sum + b.amount_vnd, 0);
  const firstDue = formatLocalDate(bills.map((b) => b.due_date).sort()[0]!);
  const unit = bills[0]!.unit_label;
  const sms =
    `Kiot: Căn hộ ${unit} có ${bills.length} hóa đơn chưa thanh toán, tổng ${formatVnd(total, 'vi')}, hạn từ ${firstDue}. ` +
    `/ Apartment ${unit} has ${bills.length} unpaid bill(s), ${formatVnd(total, 'en')} in total, due from ${firstDue}.`;
  const lines = bills.map((b) => `- ${b.service} ${b.month}: ${formatVnd(b.amount_vnd, 'vi')} (${formatLocalDate(b.due_date)})`);
  return { sms, subject: `Kiot: nhắc hóa đơn / bill reminder ${unit}`, text: `${sms}\n\n${lines.join('\n')}` };
}

export function createBillReminderService(deps: { db: HubDb; clock: () => Date; notifications: NotificationService; logger: Logger }): BillReminderService {
  return {
    async sendDueSoon(opts = {}) {
      const now = deps.clock();
      const from = vietnamDate(now);
      const to = vietnamDate(new Date(now.getTime() + (opts.withinDays ?? DEFAULT_WITHIN_DAYS) * DAY_MS));
      const byResident = new Map<string, DueBillRow[]>();
      for (const row of await listUnpaidBillsDueBetween(deps.db, from, to)) byResident.set(row.resident_id, [...(byResident.get(row.resident_id) ?? []), row]);
      const report: ReminderReport = { residents: byResident.size, sms: empty(), email: empty() };
      for (const [residentId, bills] of byResident) {
        const text = reminderText(bills);
        const message = { sms: text.sms, mail: { subject: text.subject, text: text.text } };
        report.sms[await deps.notifications.notify(residentId, 'bill_reminders_sms', message)] += 1;
        report.email[await deps.notifications.notify(residentId, 'bill_reminders_email', message)] += 1;
      }
      deps.logger.info('Bill reminders', { residents: report.residents, smsSent: report.sms.sent, emailSent: report.email.sent });
      return report;
    },
  };
}
