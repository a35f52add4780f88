import type { Bill, BillStatus, ServiceKind } from '../../../shared/domain';
import { sumVnd } from '../../../shared/money';

/** Everyday services first. A record, so a new service kind does not compile until placed. */
const serviceOrder: Record<ServiceKind, number> = {
  electricity: 0,
  water: 1,
  management: 2,
  cleaning: 3,
  security: 4,
  parking: 5,
  repairs: 6,
};

/** What is still to pay on a bill: nothing once paid, else the amount less what has arrived. */
export function remainingVnd(bill: Bill): number {
  if (bill.status === 'paid') return 0;
  return Math.max(0, bill.amountVnd - bill.paidVnd);
}

/** Some money has arrived, but not all of it. */
export function isPartlyPaid(bill: Bill): boolean {
  return bill.status !== 'paid' && bill.paidVnd > 0 && bill.paidVnd < bill.amountVnd;
}

export type MonthGroup = {
  month: string;
  bills: Bill[];
  /** Every bill of the month, paid or not. */
  totalVnd: number;
  /** What is still to pay this month. */
  dueVnd: number;
  /** Overdue if any bill is, unpaid if any bill is, else paid. */
  status: BillStatus;
  /** The earliest due date among the bills still to pay; null when all are paid. */
  dueDate: string | null;
  /** The bills still to pay, for "Pay". */
  unpaidIds: string[];
};

function monthStatus(bills: readonly Bill[]): BillStatus {
  if (bills.some((b) => b.status === 'overdue')) return 'overdue';
  if (bills.some((b) => b.status === 'unpaid')) return 'unpaid';
  return 'paid';
}

/** Bills by billing month, newest month first; within a month, in the usual service order. */
export function groupBillsByMonth(bills: readonly Bill[]): MonthGroup[] {
  const byMonth = new Map<string, Bill[]>();
  for (const bill of bills) {
    const list = byMonth.get(bill.month) ?? [];
    list.push(bill);
    byMonth.set(bill.month, list);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([month, list]) => {
      const sorted = list.sort((a, b) => serviceOrder[a.service] - serviceOrder[b.service] || a.id.localeCompare(b.id));
      const unpaid = sorted.filter((b) => b.status !== 'paid');
      const dueDates = unpaid.map((b) => b.dueDate).sort();
      return {
        month,
        bills: sorted,
        totalVnd: sumVnd(sorted.map((b) => b.amountVnd)),
        dueVnd: sumVnd(unpaid.map(remainingVnd)),
        status: monthStatus(sorted),
        dueDate: dueDates[0] ?? null,
        unpaidIds: unpaid.map((b) => b.id),
      };
    });
}

/**
 * Months with something still to pay, the overdue ones first (so a late month is never below
 * the fold), each part newest first; and apart, the paid history. A month is in the history
 * only when every bill of it is paid.
 */
export function splitByPayment(groups: readonly MonthGroup[]): { unpaid: MonthGroup[]; paid: MonthGroup[] } {
  return {
    unpaid: [...groups.filter((g) => g.status === 'overdue'), ...groups.filter((g) => g.status === 'unpaid')],
    paid: groups.filter((g) => g.status === 'paid'),
  };
}

/** What the resident still owes: unpaid and overdue bills, less what has already arrived. */
export function unpaidTotal(bills: readonly Bill[]): number {
  return sumVnd(bills.map(remainingVnd));
}

/** Every bill still to pay, oldest month first (the order a payment settles them in). */
export function unpaidBillIds(bills: readonly Bill[]): string[] {
  return groupBillsByMonth(bills)
    .reverse()
    .flatMap((g) => g.unpaidIds);
}
