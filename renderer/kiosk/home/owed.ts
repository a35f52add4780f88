import type { Bill } from '../../../shared/domain';
import { sumVnd } from '../../../shared/money';
import { remainingVnd, unpaidBillIds } from '../bills/bill-groups';

/**
 * The answer to "what do I owe", in the parts the home screen says: what falls due next
 * (not late yet), and apart from it what is already late and by how long.
 */
export type Owed = {
  /** Bills not yet late. `months` has the billing months they belong to, oldest first. */
  current: { months: string[]; amountVnd: number; dueDate: string } | null;
  /** Late bills; `daysLate` counts from the earliest due date they missed. */
  overdue: { amountVnd: number; daysLate: number; since: string } | null;
  /** Every bill still to pay, for "Pay all". */
  unpaidIds: string[];
};

/** Whole days from one `YYYY-MM-DD` to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `today` is the calendar date in Vietnam, `YYYY-MM-DD`. */
export function whatIsOwed(bills: readonly Bill[], today: string): Owed {
  const open = bills.filter((b) => remainingVnd(b) > 0);
  const late = open.filter((b) => b.status === 'overdue');
  const notLate = open.filter((b) => b.status !== 'overdue');

  const earliest = (list: readonly Bill[]): string => list.map((b) => b.dueDate).sort()[0] ?? today;
  const current =
    notLate.length === 0
      ? null
      : {
          months: [...new Set(notLate.map((b) => b.month))].sort(),
          amountVnd: sumVnd(notLate.map(remainingVnd)),
          dueDate: earliest(notLate),
        };
  const since = earliest(late);
  const overdue = late.length === 0 ? null : { amountVnd: sumVnd(late.map(remainingVnd)), daysLate: Math.max(1, daysBetween(since, today)), since };
  return { current, overdue, unpaidIds: unpaidBillIds(bills) };
}
