import { serviceKinds } from '../../shared/domain';
import type { Bill, BillStatus } from '../../shared/domain';
import { vietnamDate } from '../../shared/dates';
import type { HubDb } from '../db/connect';
import { getBillsVersion, listBillsForUnit } from '../db/bills';
import type { ListedBillRow } from '../db/bills';

export type BillService = {
  /** Every bill of a unit, newest month first; `unitLabel` is the unit's label, which the caller already knows. */
  listForUnit(unit: { id: string; label: string }): Promise<Bill[]>;
};

/** Units whose lists a hub keeps; the least recently used goes first. */
export const BILL_CACHE_UNITS = 2000;

type CachedList = { version: number; today: string; label: string; bills: Bill[] };

/**
 * Lists are kept per unit, tagged with the unit's bills version (moved by database triggers
 * on every bill write, by this hub, another hub or a tool) and with the day they were
 * computed for (overdue depends on it). A list is served again only while both still hold,
 * so a paid or new bill shows on the next request, on every hub.
 */
export function createBillService(deps: { db: HubDb; clock: () => Date; cacheUnits?: number }): BillService {
  const cache = new Map<string, CachedList>();
  const capacity = deps.cacheUnits ?? BILL_CACHE_UNITS;

  return {
    async listForUnit(unit) {
      // Overdue is a function of today's date in Vietnam, so it is computed, never stored.
      const today = vietnamDate(deps.clock());
      // The version first: rows read after it are at least that new, so a list is never
      // tagged with a version newer than its rows.
      const version = await getBillsVersion(deps.db, unit.id);
      const cached = cache.get(unit.id);
      if (cached !== undefined && version !== undefined && cached.version === version && cached.today === today && cached.label === unit.label) {
        cache.delete(unit.id);
        cache.set(unit.id, cached);
        return cached.bills;
      }
      const rows = await listBillsForUnit(deps.db, unit.id);
      // Within a month, the order residents know from paper bills: meters first, then fees.
      const order = (bill: Bill): number => serviceKinds.indexOf(bill.service);
      const bills = rows
        .map((row) => toBill(row, unit.label, today))
        .sort((a, b) => (a.month === b.month ? order(a) - order(b) : a.month < b.month ? 1 : -1));
      if (version !== undefined) {
        cache.delete(unit.id);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
        cache.set(unit.id, { version, today, label: unit.label, bills });
      }
      return bills;
    },
  };
}

function toBill(row: ListedBillRow, unitLabel: string, today: string): Bill {
  const status: BillStatus = row.status === 'paid' ? 'paid' : row.due_date < today ? 'overdue' : 'unpaid';
  const consumption =
    row.meter_unit !== null && row.previous_reading !== null && row.current_reading !== null
      ? {
          unit: row.meter_unit,
          previousReading: row.previous_reading,
          currentReading: row.current_reading,
          quantity: row.current_reading - row.previous_reading,
        }
      : null;
  return {
    id: row.id,
    unitLabel,
    service: row.service,
    month: row.month,
    amountVnd: row.amount_vnd,
    dueDate: row.due_date,
    status,
    // A paid bill is paid in full (those paid before 0015, or in cash, may not carry paid_vnd);
    // an unpaid one shows what part-payments brought so far.
    paidVnd: row.status === 'paid' ? row.amount_vnd : Math.min(row.paid_vnd, row.amount_vnd),
    paidAt: row.paid_at,
    consumption,
  };
}
