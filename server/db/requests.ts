/**
 * SQL of data-subject requests (migration 0011): `data_requests` and their history
 * `data_request_events`. The erasure executor and the export job keep their own queries.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { ExportDelivery, FinalNoticeChannel, HoldCategory, RequestEventAction, RequestKind, RequestStatus } from '../../shared/requests';
import type { HubDb, HubTrx } from './connect';
import type { Database } from './schema';

export type DataRequestRow = {
  id: string;
  building_id: string;
  resident_id: string;
  kind: RequestKind;
  status: RequestStatus;
  details: string | null;
  linked_id: string | null;
  device_id: string | null;
  third_party: number;
  created_at: string;
  acknowledge_due_at: string;
  act_due_at: string;
  erase_at: string | null;
  acknowledged_at: string | null;
  closed_at: string | null;
  extended_days: number;
  extension_reason: string | null;
  hold_category: HoldCategory | null;
  hold_reason: string | null;
  refusal_reason: string | null;
  export_delivery: ExportDelivery | null;
  final_notice_channel: FinalNoticeChannel | null;
  export_json: string | null;
  export_summary: string | null;
  export_prepared_at: string | null;
  overdue_acknowledge_notified_at: string | null;
  overdue_act_notified_at: string | null;
  erased_at: string | null;
  updated_at: string;
};

export type DataRequestEventRow = {
  id: string;
  request_id: string;
  at: string;
  action: RequestEventAction;
  actor_kind: 'resident' | 'staff' | 'system';
  actor_id: string | null;
  reason: string | null;
};

export type RequestTables = { data_requests: DataRequestRow; data_request_events: DataRequestEventRow };

type Db = HubDb | HubTrx;
type RequestDb = Kysely<Database & RequestTables>;

export function requestTables(db: Db): RequestDb {
  return db.withTables<RequestTables>();
}

/** Statuses in which a request is still being worked (the partial unique index lists the same). */
export const openStatuses = ['received', 'acknowledged', 'in_progress', 'on_hold'] as const satisfies readonly RequestStatus[];

/**
 * The columns of a request its resident gets in their own data export: neither building nor
 * resident ids, nor the office's written hold reason (they see its category).
 */
export const residentExportColumns = [
  'id',
  'kind',
  'status',
  'details',
  'linked_id',
  'device_id',
  'third_party',
  'created_at',
  'acknowledge_due_at',
  'act_due_at',
  'erase_at',
  'acknowledged_at',
  'closed_at',
  'extended_days',
  'extension_reason',
  'hold_category',
  'refusal_reason',
  'export_delivery',
  'final_notice_channel',
  'export_prepared_at',
  'overdue_acknowledge_notified_at',
  'overdue_act_notified_at',
  'erased_at',
  'updated_at',
] as const satisfies readonly (keyof DataRequestRow)[];

/** The columns a request's row shows, everything but the (large) prepared export. */
const listColumns = ['building_id', 'resident_id', 'hold_reason', ...residentExportColumns] as const;

export type DataRequestSummary = Pick<DataRequestRow, (typeof listColumns)[number]>;

/** Inserts a request; false when the "one open deletion/export per resident" index refused it. */
export async function insertDataRequest(db: Db, row: DataRequestRow): Promise<boolean> {
  const result = await requestTables(db)
    .insertInto('data_requests')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function insertDataRequestEvent(db: Db, row: DataRequestEventRow): Promise<void> {
  await requestTables(db).insertInto('data_request_events').values(row).execute();
}

export async function getDataRequest(db: Db, id: string): Promise<DataRequestSummary | undefined> {
  return requestTables(db).selectFrom('data_requests').select(listColumns).where('id', '=', id).executeTakeFirst();
}

/** The prepared export of a request, read only when staff download it. */
export async function getPreparedExport(db: Db, id: string): Promise<Pick<DataRequestRow, 'export_json' | 'export_summary' | 'export_prepared_at' | 'export_delivery'> | undefined> {
  return requestTables(db).selectFrom('data_requests').select(['export_json', 'export_summary', 'export_prepared_at', 'export_delivery']).where('id', '=', id).executeTakeFirst();
}

export async function findOpenRequest(db: Db, residentId: string, kind: RequestKind): Promise<DataRequestSummary | undefined> {
  return requestTables(db)
    .selectFrom('data_requests')
    .select(listColumns)
    .where('resident_id', '=', residentId)
    .where('kind', '=', kind)
    .where('status', 'in', openStatuses)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function findRequestByLink(db: Db, kind: RequestKind, linkedId: string): Promise<DataRequestSummary | undefined> {
  return requestTables(db).selectFrom('data_requests').select(listColumns).where('kind', '=', kind).where('linked_id', '=', linkedId).executeTakeFirst();
}

/** A resident's requests, newest first. */
export async function listResidentRequests(db: Db, residentId: string, limit: number): Promise<DataRequestSummary[]> {
  return requestTables(db)
    .selectFrom('data_requests')
    .select(listColumns)
    .where('resident_id', '=', residentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The history of some requests, oldest event first. */
export async function listRequestEvents(db: Db, requestIds: readonly string[]): Promise<DataRequestEventRow[]> {
  if (requestIds.length === 0) return [];
  return requestTables(db).selectFrom('data_request_events').selectAll().where('request_id', 'in', requestIds).orderBy('at').orderBy('id').execute();
}

export type DataRequestChange = Partial<
  Pick<
    DataRequestRow,
    | 'status'
    | 'third_party'
    | 'act_due_at'
    | 'acknowledged_at'
    | 'closed_at'
    | 'extended_days'
    | 'extension_reason'
    | 'hold_category'
    | 'hold_reason'
    | 'refusal_reason'
    | 'updated_at'
  >
>;

/**
 * Changes a request only if it is still in one of `from` (and, for an extension, not yet
 * extended): false when another action got there first.
 */
export async function updateDataRequest(db: Db, id: string, from: readonly RequestStatus[], change: DataRequestChange, opts: { notExtended?: boolean } = {}): Promise<boolean> {
  let query = requestTables(db).updateTable('data_requests').set(change).where('id', '=', id).where('status', 'in', from);
  if (opts.notExtended === true) query = query.where('extended_days', '=', 0);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type StaffRequestFilter = {
  /** Null: every building (the operator's administrators). */
  buildingId: string | null;
  status?: RequestStatus | undefined;
  kind?: RequestKind | undefined;
  overdue?: boolean | undefined;
  residentId?: string | undefined;
  now: string;
  limit: number;
  offset: number;
};

export type StaffRequestListRow = DataRequestSummary & { resident_name: string | null; unit_label: string | null; resident_exists: string | null };

type ReqEb = ExpressionBuilder<Database & RequestTables & { r: DataRequestRow }, 'r'>;

/** Open and past the deadline that applies now: acknowledgement until acknowledged, then action. */
function overdueExpr(eb: ReqEb, now: string): Expression<SqlBool> {
  return eb.and([
    eb('r.status', 'in', openStatuses),
    eb.or([eb.and([eb('r.acknowledged_at', 'is', null), eb('r.acknowledge_due_at', '<', now)]), eb('r.act_due_at', '<', now)]),
  ]);
}

/** The queue: overdue first, then open before closed, then the nearest deadline. */
export async function listStaffRequests(db: Db, filter: StaffRequestFilter): Promise<{ rows: StaffRequestListRow[]; total: number }> {
  const tables = requestTables(db);
  const where = (eb: ReqEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    if (filter.buildingId !== null) parts.push(eb('r.building_id', '=', filter.buildingId));
    if (filter.status !== undefined) parts.push(eb('r.status', '=', filter.status));
    if (filter.kind !== undefined) parts.push(eb('r.kind', '=', filter.kind));
    if (filter.residentId !== undefined) parts.push(eb('r.resident_id', '=', filter.residentId));
    if (filter.overdue === true) parts.push(overdueExpr(eb, filter.now));
    if (filter.overdue === false) parts.push(eb.not(overdueExpr(eb, filter.now)));
    return eb.and(parts);
  };
  const count = await tables.selectFrom('data_requests as r').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow();
  const rows = await tables
    .selectFrom('data_requests as r')
    .leftJoin('residents as p', 'p.id', 'r.resident_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select(listColumns.map((c) => `r.${c}` as const))
    .select(['p.full_name as resident_name', 'u.label as unit_label', 'p.id as resident_exists'])
    .where(where)
    .orderBy((eb) => eb.case().when(overdueExpr(eb, filter.now)).then(0).else(1).end())
    .orderBy((eb) => eb.case().when('r.status', 'in', openStatuses).then(0).else(1).end())
    .orderBy((eb) => eb.case().when('r.acknowledged_at', 'is', null).then(eb.ref('r.acknowledge_due_at')).else(eb.ref('r.act_due_at')).end())
    .orderBy('r.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total: Number(count.n) };
}

/** One request with what the queue shows of its resident. */
export async function getStaffRequest(db: Db, id: string): Promise<StaffRequestListRow | undefined> {
  return requestTables(db)
    .selectFrom('data_requests as r')
    .leftJoin('residents as p', 'p.id', 'r.resident_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select(listColumns.map((c) => `r.${c}` as const))
    .select(['p.full_name as resident_name', 'u.label as unit_label', 'p.id as resident_exists'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
