import type { Bill, ServiceKind } from '../../../shared/domain';
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

export type MonthGroup = { month: string; bills: Bill[] };

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
    .map(([month, list]) => ({
      month,
      bills: list.sort((a, b) => serviceOrder[a.service] - serviceOrder[b.service] || a.id.localeCompare(b.id)),
    }));
}

/** What the resident still owes: unpaid and overdue bills. */
export function unpaidTotal(bills: readonly Bill[]): number {
  return sumVnd(bills.filter((b) => b.status !== 'paid').map((b) => b.amountVnd));
}
