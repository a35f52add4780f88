import { serviceKinds } from '../../shared/domain';
import type { Bill, BillStatus } from '../../shared/domain';
import { vietnamDate } from '../../shared/dates';
import type { HubDb } from '../db/connect';
import { listBillsForUnit } from '../db/bills';
import type { UnitBillRow } from '../db/bills';

export type BillService = {
  /** Every bill of a unit, newest month first. */
  listForUnit(unitId: string): Promise<Bill[]>;
};

export function createBillService(deps: { db: HubDb; clock: () => Date }): BillService {
  return {
    async listForUnit(unitId) {
      // Overdue is a function of today's date in Vietnam, so it is computed, never stored.
      const today = vietnamDate(deps.clock());
      const rows = await listBillsForUnit(deps.db, unitId);
      // Within a month, the order residents know from paper bills: meters first, then fees.
      const order = (bill: Bill): number => serviceKinds.indexOf(bill.service);
      return rows
        .map((row) => toBill(row, today))
        .sort((a, b) => (a.month === b.month ? order(a) - order(b) : a.month < b.month ? 1 : -1));
    },
  };
}

function toBill(row: UnitBillRow, today: string): Bill {
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
    unitLabel: row.unit_label,
    service: row.service,
    month: row.month,
    amountVnd: row.amount_vnd,
    dueDate: row.due_date,
    status,
    paidAt: row.paid_at,
    consumption,
  };
}
