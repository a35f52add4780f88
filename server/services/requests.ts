/**
 * Data-subject requests (POLICY.md): what a resident asked for, tracked against the law's
 * clock (acknowledge within 2 working days, act within 15 days or 20 with a processor or
 * third party, one extension of up to 15 days), with a history of who did what and why.
 * Deletions run 5 days after they are asked (the erasure executor carries them out) and
 * need a fresh code; exports are prepared by the export job. Corrections and consent
 * withdrawals from the privacy centre are tracked here too, in the transaction that records them.
 */
import type {
  CreateRequestBody,
  CreateRequestResponse,
  RequestOtpResponse,
  StaffExportResponse,
  StaffExtendBody,
  StaffHoldBody,
  StaffRequest,
  StaffRequestListQuery,
  StaffRequestListResponse,
} from '../../shared/hub-api';
import { vietnamDate } from '../../shared/dates';
import type { Logger } from '../../shared/logger';
import { maskPhoneLocal } from '../../shared/profile';
import type { CorrectionField } from '../../shared/profile';
import { closedRequestStatuses } from '../../shared/requests';
import type { MyRequest, RequestEvent, RequestEventAction, RequestKind, RequestStatus } from '../../shared/requests';
import { ACKNOWLEDGE_WORKING_DAYS, ACT_DAYS, ACT_DAYS_WITH_THIRD_PARTY, DELETION_DELAY_DAYS } from '../../shared/requests';
import { KiotError } from '../../shared/result';
import { deletionCodeMessage } from '../adapters/sms/messages';
import type { HubDb, HubTrx } from '../db/connect';
import {
  findOpenRequest,
  findRequestByLink,
  getDataRequest,
  getPreparedExport,
  getStaffRequest,
  insertDataRequest,
  insertDataRequestEvent,
  listRequestEvents,
  listResidentRequests,
  listStaffRequests,
  openStatuses,
  updateDataRequest,
} from '../db/requests';
import type { DataRequestChange, DataRequestEventRow, DataRequestRow, DataRequestSummary, StaffRequestListRow } from '../db/requests';
import { getResidentDetails } from '../db/residents';
import type { IdGenerator } from '../ids';
import type { AuditService } from './audit';
import type { AuthenticatedDevice } from './devices';
import type { OtpService } from './otp';
import { addDays, createWorkingDays, endOfVietnamDay } from './working-days';
import type { WorkingDays } from './working-days';

/** Who works the queue: a staff member, scoped to their building (null: every building). */
export type StaffActor = { staffId: string; buildingId: string | null };

export type RequestService = {
  // ——— the resident ———
  /** A fresh code to the resident's current phone, to confirm a deletion. */
  sendDeletionCode(input: { residentId: string; device: AuthenticatedDevice }): Promise<RequestOtpResponse>;
  create(input: { residentId: string; device: AuthenticatedDevice; body: CreateRequestBody }): Promise<CreateRequestResponse>;
  /** Newest first, with history. */
  listMine(residentId: string): Promise<MyRequest[]>;
  cancel(residentId: string, requestId: string): Promise<MyRequest>;

  // ——— the console's queue ———
  list(staff: StaffActor, query: StaffRequestListQuery): Promise<StaffRequestListResponse>;
  get(staff: StaffActor, requestId: string): Promise<StaffRequest>;
  acknowledge(staff: StaffActor, requestId: string, input: { thirdPartyInvolved?: boolean | undefined }): Promise<StaffRequest>;
  extend(staff: StaffActor, requestId: string, input: StaffExtendBody): Promise<StaffRequest>;
  hold(staff: StaffActor, requestId: string, input: StaffHoldBody): Promise<StaffRequest>;
  release(staff: StaffActor, requestId: string, input: { reason: string }): Promise<StaffRequest>;
  refuse(staff: StaffActor, requestId: string, input: { reason: string }): Promise<StaffRequest>;
  complete(staff: StaffActor, requestId: string, input: { note?: string | undefined }): Promise<StaffRequest>;
  /** The prepared export, for the office to hand over (audited as `data.exported`). */
  downloadExport(staff: StaffActor, requestId: string): Promise<StaffExportResponse>;

  // ——— other flows that make tracked requests, inside their own transaction ———
  trackCorrectionIn(trx: HubTrx, input: { correctionId: string; residentId: string; deviceId: string | null; field: CorrectionField; at: string }): Promise<void>;
  decideCorrectionIn(trx: HubTrx, input: { correctionId: string; staffId: string; approve: boolean; reason: string | null; at: string }): Promise<void>;
  /** A withdrawn consent: acted on at once, so the request is recorded done. */
  trackConsentWithdrawalIn(trx: HubTrx, input: { residentId: string; buildingId: string; deviceId: string | null; purposeId: string; purposeTitle: string; at: string }): Promise<void>;
};

export type RequestDeps = {
  db: HubDb;
  clock: () => Date;
  newId: IdGenerator;
  otp: Pick<OtpService, 'requestActionCode' | 'verifyActionCode'>;
  audit: Pick<AuditService, 'record'>;
  workingDays: WorkingDays;
  /**
   * The calendar read inside a caller's transaction (SQLite has one connection: the shared
   * service would wait for the transaction that waits for it). By default a fresh service on it.
   */
  workingDaysIn?: (trx: HubTrx) => WorkingDays;
  logger: Logger;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const RESIDENT_LIST_LIMIT = 200;
/** What the resident reads in their access log when the office downloads their export. */
const EXPORT_DOWNLOAD_REASON = 'Bản sao dữ liệu bạn yêu cầu, chuẩn bị để bàn giao / The copy of your data you asked for, prepared for hand-over';

/** The end (23:59:59.999 Vietnam time) of the Vietnam calendar day `days` after the day of `from`. */
export function endOfVietnamDayAfter(from: Date, days: number): Date {
  return endOfVietnamDay(addDays(vietnamDate(from), days));
}

function actDueAt(createdAt: string, thirdParty: boolean, extendedDays: number): string {
  const days = (thirdParty ? ACT_DAYS_WITH_THIRD_PARTY : ACT_DAYS) + extendedDays;
  return endOfVietnamDayAfter(new Date(createdAt), days).toISOString();
}

const isOpen = (status: RequestStatus): boolean => (openStatuses as readonly RequestStatus[]).includes(status);
const isClosed = (status: RequestStatus): boolean => (closedRequestStatuses as readonly RequestStatus[]).includes(status);

/** The kinds a resident can withdraw; corrections and consent withdrawals have their own flows. */
const cancellableKinds: readonly RequestKind[] = ['deletion', 'export', 'objection', 'restriction'];

function cancellable(row: DataRequestSummary): boolean {
  return isOpen(row.status) && cancellableKinds.includes(row.kind) && row.erased_at === null;
}

/**
 * What the resident sees of an event: the reasons of refusals and extensions (the law wants
 * them told), a completion's note and a start's code (an export `ready_for_pickup`); a hold's
 * written reason, and its release's, stay with the office.
 */
function residentEvent(e: DataRequestEventRow): RequestEvent {
  const shown = e.action === 'refused' || e.action === 'extended' || e.action === 'completed' || e.action === 'started';
  return { at: e.at, action: e.action, actor: e.actor_kind, reason: shown ? e.reason : null };
}

function staffEvent(e: DataRequestEventRow): RequestEvent {
  return { at: e.at, action: e.action, actor: e.actor_kind, reason: e.reason };
}

function toMyRequest(row: DataRequestSummary, events: readonly DataRequestEventRow[], toEvent: (e: DataRequestEventRow) => RequestEvent = residentEvent): MyRequest {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    createdAt: row.created_at,
    acknowledgeDueAt: row.acknowledge_due_at,
    actDueAt: row.act_due_at,
    eraseAt: row.erase_at,
    acknowledgedAt: row.acknowledged_at,
    closedAt: row.closed_at,
    cancellable: cancellable(row),
    holdCategory: row.status === 'on_hold' ? row.hold_category : null,
    refusalReason: row.status === 'refused' ? row.refusal_reason : null,
    extendedDays: row.extended_days,
    extensionReason: row.extension_reason,
    exportDelivery: row.export_delivery,
    finalNotice: row.final_notice_channel,
    details: row.details,
    history: events.map(toEvent),
  };
}

function groupEvents(events: readonly DataRequestEventRow[]): Map<string, DataRequestEventRow[]> {
  const byRequest = new Map<string, DataRequestEventRow[]>();
  for (const e of events) {
    const list = byRequest.get(e.request_id);
    if (list) list.push(e);
    else byRequest.set(e.request_id, [e]);
  }
  return byRequest;
}

const correctionSummary: Readonly<Record<CorrectionField, string>> = {
  name: 'Sửa họ tên / Name correction',
  address: 'Sửa địa chỉ liên hệ / Contact address correction',
};

export function createRequestService(deps: RequestDeps): RequestService {
  const { db, clock, newId, otp, audit, workingDays, logger } = deps;
  const workingDaysIn = deps.workingDaysIn ?? ((trx: HubTrx): WorkingDays => createWorkingDays({ db: trx }));

  async function newRow(
    calendar: WorkingDays,
    input: Pick<DataRequestRow, 'building_id' | 'resident_id' | 'kind' | 'status' | 'details' | 'linked_id' | 'device_id' | 'created_at'> & Partial<DataRequestRow>,
  ): Promise<DataRequestRow> {
    const created = new Date(input.created_at);
    return {
      third_party: 0,
      acknowledge_due_at: (await calendar.endOfWorkingDaysAfter(created, ACKNOWLEDGE_WORKING_DAYS)).toISOString(),
      act_due_at: actDueAt(input.created_at, false, 0),
      erase_at: input.kind === 'deletion' ? new Date(created.getTime() + DELETION_DELAY_DAYS * DAY_MS).toISOString() : null,
      acknowledged_at: null,
      closed_at: null,
      extended_days: 0,
      extension_reason: null,
      hold_category: null,
      hold_reason: null,
      refusal_reason: null,
      export_delivery: null,
      final_notice_channel: null,
      export_json: null,
      export_summary: null,
      export_prepared_at: null,
      overdue_acknowledge_notified_at: null,
      overdue_act_notified_at: null,
      erased_at: null,
      updated_at: input.created_at,
      ...input,
      id: input.id ?? newId(),
    };
  }

  const event = (requestId: string, at: string, action: RequestEventAction, actor: { kind: 'resident' | 'staff' | 'system'; id: string | null }, reason: string | null): DataRequestEventRow => ({
    id: newId(),
    request_id: requestId,
    at,
    action,
    actor_kind: actor.kind,
    actor_id: actor.id,
    reason,
  });

  async function mine(executor: HubDb | HubTrx, row: DataRequestSummary): Promise<MyRequest> {
    return toMyRequest(row, await listRequestEvents(executor, [row.id]));
  }

  function toStaffRequest(row: StaffRequestListRow, events: readonly DataRequestEventRow[], now: Date): StaffRequest {
    const nowIso = now.toISOString();
    const open = isOpen(row.status);
    const linked = row.erased_at === null && row.resident_exists !== null;
    return {
      ...toMyRequest(row, events, staffEvent),
      buildingId: row.building_id,
      residentId: linked ? row.resident_id : null,
      residentName: linked ? row.resident_name : null,
      unitLabels: linked && row.unit_label !== null ? [row.unit_label] : [],
      overdueAcknowledge: open && row.acknowledged_at === null && row.acknowledge_due_at < nowIso,
      overdueAct: open && row.act_due_at < nowIso,
      holdReason: row.status === 'on_hold' ? row.hold_reason : null,
      thirdPartyInvolved: row.third_party === 1,
    };
  }

  /** The request if the staff member's building may see it; one answer for "none" and "not yours". */
  async function scoped(executor: HubDb | HubTrx, staff: StaffActor, requestId: string): Promise<DataRequestSummary> {
    const row = await getDataRequest(executor, requestId);
    if (!row || (staff.buildingId !== null && row.building_id !== staff.buildingId)) throw new KiotError('not_found', 'No such request');
    return row;
  }

  async function staffView(staff: StaffActor, requestId: string): Promise<StaffRequest> {
    const row = await getStaffRequest(db, requestId);
    if (!row || (staff.buildingId !== null && row.building_id !== staff.buildingId)) throw new KiotError('not_found', 'No such request');
    return toStaffRequest(row, await listRequestEvents(db, [row.id]), clock());
  }

  type StaffStep = {
    action: RequestEventAction;
    /** Statuses the action may start from. */
    from: readonly RequestStatus[];
    /** What is wrong when the request is in another status. */
    refusal: string;
    change: (row: DataRequestSummary, at: string) => DataRequestChange;
    /** Checks beyond the status (throws wrong_state). */
    check?: (row: DataRequestSummary) => void;
    /** Kept in the request's history and the audit event. */
    reason: string | null;
    /** What the audit trail says was done (no personal data). */
    step: string;
    /** The reason stays with the management: the resident's access log shows the event without it. */
    reasonPrivate?: boolean;
    notExtended?: boolean;
  };

  async function staffAction(staff: StaffActor, requestId: string, step: StaffStep): Promise<StaffRequest> {
    const at = clock().toISOString();
    await db.transaction().execute(async (trx) => {
      const row = await scoped(trx, staff, requestId);
      if (!step.from.includes(row.status)) throw new KiotError('wrong_state', `${step.refusal} (the request is ${row.status.replace('_', ' ')})`);
      step.check?.(row);
      const changed = await updateDataRequest(trx, requestId, step.from, { ...step.change(row, at), updated_at: at }, step.notExtended === true ? { notExtended: true } : {});
      // Another action got there first: the caller reads the request again and decides.
      if (!changed) throw new KiotError('wrong_state', `${step.refusal} (the request changed meanwhile)`);
      await insertDataRequestEvent(trx, event(requestId, at, step.action, { kind: 'staff', id: staff.staffId }, step.reason));
      // The audit event is the last write: its chain head stays locked until the commit.
      await audit.record(trx, {
        buildingId: row.building_id,
        residentId: row.resident_id,
        actor: { kind: 'staff', staffId: staff.staffId },
        action: 'request.handled',
        reason: step.reason,
        detail: { requestId, requestKind: row.kind, step: step.step, ...(step.reasonPrivate === true ? { reasonPrivate: 'true' } : {}) },
      });
    });
    return staffView(staff, requestId);
  }

  const tidy = (text: string): string => text.trim().replace(/\s+/g, ' ');

  return {
    async sendDeletionCode({ residentId, device }) {
      const resident = await getResidentDetails(db, residentId);
      if (!resident) throw new KiotError('unauthorized', 'Sign in again');
      const sent = await otp.requestActionCode({ residentId, phone: resident.phoneE164, device, purpose: 'deletion', text: deletionCodeMessage });
      return { ...sent, phoneMasked: maskPhoneLocal(resident.phoneE164) };
    },

    async create({ residentId, device, body }) {
      const resident = await getResidentDetails(db, residentId);
      if (!resident) throw new KiotError('unauthorized', 'Sign in again');
      const kind = body.kind;
      // A second ask while one is pending shows the first and changes nothing: no code is
      // needed to be told that.
      if (kind === 'deletion' || kind === 'export') {
        const open = await findOpenRequest(db, residentId, kind);
        if (open) return { request: await mine(db, open), created: false };
      }
      let details: string | null = null;
      if (kind === 'objection' || kind === 'restriction') {
        details = body.details === undefined ? '' : body.details.trim();
        if (details.length === 0) throw new KiotError('invalid_input', 'Say what you object to or want restricted');
      }
      const finalNotice = kind === 'deletion' ? (body.finalNotice ?? 'sms') : null;
      if (finalNotice === 'email' && resident.email === null) throw new KiotError('invalid_input', 'There is no email address to send the final notice to; choose SMS');
      if (kind === 'deletion') {
        const { otpChallengeId: challengeId, code } = body;
        if (challengeId === undefined || typeof code !== 'string') throw new KiotError('invalid_input', 'A deletion needs the code sent to your phone');
        await otp.verifyActionCode({ challengeId, code, residentId, device, purpose: 'deletion' });
      }

      const createdAt = clock().toISOString();
      const row = await newRow(workingDays, {
        building_id: resident.buildingId,
        resident_id: residentId,
        kind,
        status: 'received',
        details,
        linked_id: null,
        device_id: device.id,
        created_at: createdAt,
        final_notice_channel: finalNotice,
        export_delivery: kind === 'export' ? (resident.email !== null ? 'email' : 'pickup') : null,
      });
      const outcome = await db.transaction().execute(async (trx) => {
        if (!(await insertDataRequest(trx, row))) {
          // Asked twice at once: the other one was first.
          const open = await findOpenRequest(trx, residentId, kind);
          if (!open) throw new KiotError('internal', 'The pending request that refused this one is missing');
          return { id: open.id, created: false };
        }
        await insertDataRequestEvent(trx, event(row.id, createdAt, 'received', { kind: 'resident', id: null }, null));
        return { id: row.id, created: true };
      });
      const saved = await getDataRequest(db, outcome.id);
      if (!saved) throw new KiotError('internal', 'The request just written is missing');
      if (outcome.created) logger.info('Data request received', { requestId: saved.id, requestKind: kind });
      return { request: await mine(db, saved), created: outcome.created };
    },

    async listMine(residentId) {
      const rows = await listResidentRequests(db, residentId, RESIDENT_LIST_LIMIT);
      const events = groupEvents(await listRequestEvents(db, rows.map((r) => r.id)));
      return rows.map((r) => toMyRequest(r, events.get(r.id) ?? []));
    },

    async cancel(residentId, requestId) {
      const at = clock().toISOString();
      await db.transaction().execute(async (trx) => {
        const row = await getDataRequest(trx, requestId);
        // Someone else's request is not there at all, as far as this resident can tell.
        if (!row || row.resident_id !== residentId) throw new KiotError('not_found', 'No such request');
        if (!cancellable(row)) {
          const why = isClosed(row.status) ? 'This request is already closed' : 'This request cannot be cancelled here';
          throw new KiotError('wrong_state', why);
        }
        const changed = await updateDataRequest(trx, requestId, openStatuses, { status: 'cancelled', closed_at: at, updated_at: at });
        if (!changed) throw new KiotError('wrong_state', 'This request changed meanwhile; look at it again');
        await insertDataRequestEvent(trx, event(requestId, at, 'cancelled', { kind: 'resident', id: null }, null));
      });
      const row = await getDataRequest(db, requestId);
      if (!row) throw new KiotError('not_found', 'No such request');
      return mine(db, row);
    },

    async list(staff, query) {
      const now = clock();
      const { rows, total } = await listStaffRequests(db, {
        buildingId: staff.buildingId,
        status: query.status,
        kind: query.kind,
        overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
        residentId: query.residentId,
        now: now.toISOString(),
        limit: query.limit,
        offset: query.offset,
      });
      const events = groupEvents(await listRequestEvents(db, rows.map((r) => r.id)));
      return { requests: rows.map((r) => toStaffRequest(r, events.get(r.id) ?? [], now)), total };
    },

    get: staffView,

    acknowledge(staff, requestId, input) {
      const thirdParty = input.thirdPartyInvolved === true;
      return staffAction(staff, requestId, {
        action: 'acknowledged',
        from: ['received'],
        refusal: 'Only a request just received can be acknowledged',
        change: (row, at) => ({
          status: 'acknowledged',
          acknowledged_at: at,
          third_party: thirdParty ? 1 : 0,
          act_due_at: actDueAt(row.created_at, thirdParty, row.extended_days),
        }),
        reason: null,
        step: thirdParty ? 'acknowledged_third_party' : 'acknowledged',
      });
    },

    extend(staff, requestId, input) {
      const reason = tidy(input.reason);
      return staffAction(staff, requestId, {
        action: 'extended',
        from: openStatuses,
        refusal: 'Only an open request can be extended',
        check: (row) => {
          if (row.extended_days > 0) throw new KiotError('wrong_state', 'This request was already extended once; the law allows one extension');
        },
        change: (row) => ({
          extended_days: input.days,
          extension_reason: reason,
          act_due_at: actDueAt(row.created_at, row.third_party === 1, input.days),
        }),
        reason,
        step: `extended_${input.days}_days`,
        notExtended: true,
      });
    },

    hold(staff, requestId, input) {
      const reason = tidy(input.reason);
      return staffAction(staff, requestId, {
        action: 'held',
        from: ['received', 'acknowledged', 'in_progress'],
        refusal: 'Only an open request that is not on hold can be put on hold',
        change: () => ({ status: 'on_hold', hold_category: input.category, hold_reason: reason }),
        reason,
        step: `held_${input.category}`,
        reasonPrivate: true,
      });
    },

    release(staff, requestId, input) {
      const reason = tidy(input.reason);
      return staffAction(staff, requestId, {
        action: 'released',
        from: ['on_hold'],
        refusal: 'Only a request on hold can be released',
        change: (row) => ({ status: row.acknowledged_at !== null ? 'acknowledged' : 'received', hold_category: null, hold_reason: null }),
        reason,
        step: 'released',
        reasonPrivate: true,
      });
    },

    refuse(staff, requestId, input) {
      const reason = tidy(input.reason);
      return staffAction(staff, requestId, {
        action: 'refused',
        from: openStatuses,
        refusal: 'Only an open request can be refused',
        change: (_row, at) => ({ status: 'refused', refusal_reason: reason, closed_at: at, hold_category: null, hold_reason: null }),
        reason,
        step: 'refused',
      });
    },

    complete(staff, requestId, input) {
      const note = input.note === undefined ? '' : tidy(input.note);
      return staffAction(staff, requestId, {
        action: 'completed',
        from: ['received', 'acknowledged', 'in_progress'],
        refusal: 'Only an open request that is not on hold can be completed',
        check: (row) => {
          if (row.kind === 'deletion') throw new KiotError('wrong_state', 'A deletion is completed by the erasure job when it runs, not by hand');
          if (row.kind === 'export' && row.export_prepared_at === null) throw new KiotError('wrong_state', 'The export is not prepared yet');
        },
        change: (row, at) => ({ status: 'done', closed_at: at, acknowledged_at: row.acknowledged_at ?? at }),
        reason: note.length > 0 ? note : null,
        step: 'completed',
      });
    },

    async downloadExport(staff, requestId) {
      return db.transaction().execute(async (trx) => {
        const row = await scoped(trx, staff, requestId);
        if (row.kind !== 'export') throw new KiotError('wrong_state', 'Only an export request has an export to download');
        const prepared = await getPreparedExport(trx, requestId);
        if (!prepared || prepared.export_prepared_at === null || prepared.export_json === null) throw new KiotError('wrong_state', 'The export is not prepared yet');
        // Handed over only if its audit event is written, in the same transaction.
        await audit.record(trx, {
          buildingId: row.building_id,
          residentId: row.resident_id,
          actor: { kind: 'staff', staffId: staff.staffId },
          action: 'data.exported',
          reason: EXPORT_DOWNLOAD_REASON,
          detail: { requestId, step: 'downloaded' },
        });
        return {
          requestId,
          preparedAt: prepared.export_prepared_at,
          delivery: prepared.export_delivery ?? 'pickup',
          data: JSON.parse(prepared.export_json) as StaffExportResponse['data'],
          summary: prepared.export_summary ?? '',
        };
      });
    },

    async trackCorrectionIn(trx, input) {
      const resident = await getResidentDetails(trx, input.residentId);
      if (!resident) throw new KiotError('not_found', 'Unknown resident');
      const row = await newRow(workingDaysIn(trx), {
        building_id: resident.buildingId,
        resident_id: input.residentId,
        kind: 'correction',
        status: 'received',
        details: correctionSummary[input.field],
        linked_id: input.correctionId,
        device_id: input.deviceId,
        created_at: input.at,
      });
      await insertDataRequest(trx, row);
      await insertDataRequestEvent(trx, event(row.id, input.at, 'received', { kind: 'resident', id: null }, null));
    },

    async decideCorrectionIn(trx, input) {
      const row = await findRequestByLink(trx, 'correction', input.correctionId);
      // Corrections asked before requests were tracked have no request to close.
      if (!row || !isOpen(row.status)) return;
      const change: DataRequestChange = input.approve
        ? { status: 'done', closed_at: input.at, acknowledged_at: row.acknowledged_at ?? input.at, hold_category: null, hold_reason: null, updated_at: input.at }
        : {
            status: 'refused',
            closed_at: input.at,
            acknowledged_at: row.acknowledged_at ?? input.at,
            refusal_reason: input.reason ?? '',
            hold_category: null,
            hold_reason: null,
            updated_at: input.at,
          };
      if (!(await updateDataRequest(trx, row.id, openStatuses, change))) return;
      await insertDataRequestEvent(trx, event(row.id, input.at, input.approve ? 'completed' : 'refused', { kind: 'staff', id: input.staffId }, input.reason));
    },

    async trackConsentWithdrawalIn(trx, input) {
      const row = await newRow(workingDaysIn(trx), {
        building_id: input.buildingId,
        resident_id: input.residentId,
        kind: 'consent_withdrawal',
        status: 'done',
        details: input.purposeTitle,
        linked_id: input.purposeId,
        device_id: input.deviceId,
        created_at: input.at,
        acknowledged_at: input.at,
        closed_at: input.at,
      });
      await insertDataRequest(trx, row);
      await insertDataRequestEvent(trx, event(row.id, input.at, 'received', { kind: 'resident', id: null }, null));
      await insertDataRequestEvent(trx, event(row.id, input.at, 'completed', { kind: 'system', id: 'consents' }, null));
    },
  };
}
