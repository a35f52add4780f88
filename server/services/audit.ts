/**
 * The tamper-evident audit trail: every read or change of a resident's personal data by
 * staff, the system's jobs (and the resident's own changes) is an event in its building's
 * hash chain. Each event stores the previous event's hash and its own:
 * hash = base64url(SHA-256(prev_hash + "\n" + canonical JSON of every other stored field)).
 * Changing any stored field, deleting or reordering an event, or cutting the tail off
 * (the head row keeps the last seq and hash) is found by `verify`.
 */
import { assertNever } from '../../shared/assert-never';
import type { AccessLogEntry, AuditAction } from '../../shared/audit';
import { AccessLogAction } from '../../shared/audit';
import { AuditAction as AuditActionSchema } from '../../shared/audit';
import type { StaffRole } from '../../shared/domain';
import type { AuditBreakProblem } from '../../shared/hub-api';
import { StaffRole as StaffRoleSchema } from '../../shared/domain';
import { KiotError } from '../../shared/result';
import { digestsEqual, sha256Base64url } from '../crypto';
import type { HubDb, HubTrx } from '../db/connect';
import {
  ensureAuditHead,
  getAuditHead,
  insertAuditEvent,
  listAccessEventsForResident,
  listAuditBuildings,
  listAuditEventsAfter,
  setAuditHeadHash,
  takeNextAuditSeq,
} from '../db/audit';
import type { AuditEventFilter, AuditEventRow } from '../db/audit';
import { countAuditEvents, listAuditEvents } from '../db/audit';
import type { AuditEventView } from '../../shared/hub-api';
import { getStaffMember } from '../db/staff';
import type { IdGenerator } from '../ids';

export type AuditActor = { kind: 'staff'; staffId: string } | { kind: 'system'; job: string } | { kind: 'resident'; residentId: string };

export type AuditInput = {
  buildingId: string;
  residentId: string | null;
  actor: AuditActor;
  action: AuditAction;
  /** Why staff did it; required for staff reads by their own services, null otherwise. */
  reason: string | null;
  /** Small, non-personal facts (which field, which purpose); never a phone number, email or name. */
  detail?: Record<string, string>;
};

export type AuditBreak = {
  buildingId: string;
  /** The first seq whose link does not hold (for a cut tail: the seq the head expects). */
  seq: number;
  problem: AuditBreakProblem;
};

export type AuditVerifyReport = { ok: true; buildings: { buildingId: string; events: number }[] } | { ok: false; broken: AuditBreak };

export type AuditService = {
  /**
   * Appends an event. Pass the caller's transaction so the change and its event commit
   * together (or neither does); with the plain database it opens its own. It locks the
   * building's chain head until that transaction ends, so make it the last write of the
   * transaction to keep the lock short.
   */
  record(executor: HubDb | HubTrx, input: AuditInput): Promise<void>;
  /** Checks one building's chain, or every chain; reports the first broken link. */
  verify(buildingId?: string): Promise<AuditVerifyReport>;
  /** A resident's events by staff and the system, newest first. */
  accessLog(buildingId: string, residentId: string): Promise<AccessLogEntry[]>;
  /** One building's events matching the filter, newest first, with the count and the chain's current seq (not audited here: the caller records the reading). */
  list(buildingId: string, filter: AuditEventFilter, page: { limit: number; offset: number }): Promise<{ events: AuditEventView[]; total: number; headSeq: number }>;
};

/** What the first event links to: 32 zero bytes, base64url like every hash of the chain. */
export const GENESIS_HASH = 'A'.repeat(43);
const ACCESS_LOG_LIMIT = 500;
const VERIFY_PAGE = 1000;
const REASON_MAX = 500;

export function createAuditService(deps: { db: HubDb; clock: () => Date; newId: IdGenerator }): AuditService {
  const { db, clock, newId } = deps;

  async function append(trx: HubTrx, input: AuditInput): Promise<void> {
    const action = AuditActionSchema.parse(input.action);
    const reason = input.reason === null ? null : input.reason.trim();
    if (reason !== null && (reason.length === 0 || reason.length > REASON_MAX)) throw new KiotError('invalid_input', 'An audit reason must be 1 to 500 characters');
    const actor = await resolveActor(trx, input);
    const at = clock().toISOString();
    await ensureAuditHead(trx, { building_id: input.buildingId, seq: 0, hash: GENESIS_HASH, updated_at: at });
    const { seq, prevHash } = await takeNextAuditSeq(trx, input.buildingId);
    const unhashed: Omit<AuditEventRow, 'hash'> = {
      building_id: input.buildingId,
      seq,
      id: newId(),
      resident_id: input.residentId,
      ...actor,
      action,
      reason,
      detail: input.detail === undefined ? null : canonicalJson(input.detail),
      at,
      prev_hash: prevHash,
    };
    const hash = auditEventHash(unhashed);
    await insertAuditEvent(trx, { ...unhashed, hash });
    await setAuditHeadHash(trx, input.buildingId, hash, at);
  }

  async function resolveActor(trx: HubTrx, input: AuditInput): Promise<Pick<AuditEventRow, 'actor_kind' | 'actor_id' | 'actor_role' | 'actor_name'>> {
    const actor = input.actor;
    switch (actor.kind) {
      case 'staff': {
        // The role and name are copied as they are now: a later rename must not rewrite history.
        const staff = await getStaffMember(trx, actor.staffId);
        if (!staff || (staff.building_id !== null && staff.building_id !== input.buildingId)) throw new KiotError('not_found', 'No such staff member in this building');
        return { actor_kind: 'staff', actor_id: staff.id, actor_role: staff.role, actor_name: staff.full_name };
      }
      case 'system':
        if (actor.job.trim().length === 0) throw new KiotError('invalid_input', 'A system actor needs its job name');
        return { actor_kind: 'system', actor_id: actor.job, actor_role: null, actor_name: null };
      case 'resident':
        return { actor_kind: 'resident', actor_id: actor.residentId, actor_role: null, actor_name: null };
      default:
        return assertNever(actor, 'audit actor');
    }
  }

  async function verifyBuilding(buildingId: string): Promise<{ ok: true; events: number } | { ok: false; broken: AuditBreak }> {
    // The head is read first, so a writer committing meanwhile cannot look like a cut tail.
    let head = await getAuditHead(db, buildingId);
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const page = await listAuditEventsAfter(db, buildingId, expectedSeq - 1, VERIFY_PAGE);
      for (const row of page) {
        if (head && row.seq > head.seq) {
          // A writer committed after the head was read, or a row was slipped in behind the
          // chain's back. An event and its head update commit together, so a fresh head
          // covers every real event already read; a row it does not cover is forged.
          head = await getAuditHead(db, buildingId);
          if (!head || row.seq > head.seq) return broken(buildingId, row.seq, 'head_mismatch');
        }
        if (row.seq !== expectedSeq) return broken(buildingId, expectedSeq, 'seq_gap');
        if (!digestsEqual(row.prev_hash, prevHash)) return broken(buildingId, row.seq, 'prev_hash_mismatch');
        const { hash, ...unhashed } = row;
        if (!digestsEqual(auditEventHash(unhashed), hash)) return broken(buildingId, row.seq, 'hash_mismatch');
        prevHash = hash;
        expectedSeq += 1;
      }
      if (page.length < VERIFY_PAGE) break;
    }
    const last = expectedSeq - 1;
    if (!head) return last === 0 ? { ok: true, events: 0 } : broken(buildingId, 1, 'head_missing');
    // A cut tail: the head remembers more events (or another last hash) than are left.
    if (head.seq !== last || !digestsEqual(head.hash, prevHash)) return broken(buildingId, head.seq === last ? last : last + 1, 'head_mismatch');
    return { ok: true, events: last };
  }

  return {
    async record(executor, input) {
      if (executor.isTransaction) await append(executor as HubTrx, input);
      else await executor.transaction().execute((trx) => append(trx, input));
    },

    async verify(buildingId) {
      const buildings = buildingId === undefined ? await listAuditBuildings(db) : [buildingId];
      const checked: { buildingId: string; events: number }[] = [];
      for (const id of buildings) {
        const result = await verifyBuilding(id);
        if (!result.ok) return result;
        checked.push({ buildingId: id, events: result.events });
      }
      return { ok: true, buildings: checked };
    },

    async accessLog(buildingId, residentId) {
      const rows = await listAccessEventsForResident(db, buildingId, residentId, ACCESS_LOG_LIMIT);
      return rows.flatMap((row) => {
        const entry = toAccessLogEntry(row);
        return entry ? [entry] : [];
      });
    },

    async list(buildingId, filter, page) {
      // Pinned to the head read first: events written meanwhile are neither counted nor listed.
      const headSeq = filter.upToSeq ?? (await getAuditHead(db, buildingId))?.seq ?? 0;
      const pinned = { ...filter, upToSeq: headSeq };
      const [rows, total] = await Promise.all([listAuditEvents(db, buildingId, pinned, page), countAuditEvents(db, buildingId, pinned)]);
      return { events: rows.map(toEventView), total, headSeq };
    },
  };
}

function toEventView(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, role: row.actor_role, name: row.actor_name },
    action: row.action,
    residentId: row.resident_id,
    reason: row.reason,
    detail: parseDetail(row.detail),
  };
}

function parseDetail(detail: string | null): Record<string, string> | null {
  if (detail === null) return null;
  try {
    const parsed: unknown = JSON.parse(detail);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  } catch {
    return null;
  }
}

function broken(buildingId: string, seq: number, problem: AuditBreak['problem']): { ok: false; broken: AuditBreak } {
  return { ok: false, broken: { buildingId, seq, problem } };
}

/** Every stored field but the hash, in a fixed order, with the field names, as JSON. */
export function auditEventHash(row: Omit<AuditEventRow, 'hash'>): string {
  const canonical = JSON.stringify([
    ['v', 1],
    ['building_id', row.building_id],
    ['seq', row.seq],
    ['id', row.id],
    ['resident_id', row.resident_id],
    ['actor_kind', row.actor_kind],
    ['actor_id', row.actor_id],
    ['actor_role', row.actor_role],
    ['actor_name', row.actor_name],
    ['action', row.action],
    ['reason', row.reason],
    ['detail', row.detail],
    ['at', row.at],
  ]);
  return sha256Base64url(`${row.prev_hash}\n${canonical}`);
}

/** JSON with keys sorted, so the same detail always hashes the same. */
function canonicalJson(detail: Record<string, string>): string {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(detail).sort()) sorted[key] = detail[key]!;
  return JSON.stringify(sorted);
}

/**
 * Whether the resident may read the event's reason. A legal hold's written reason stays with
 * the management (the resident sees the hold's category on the request): such events carry
 * `reasonPrivate: 'true'` in their detail.
 */
function reasonShown(row: AuditEventRow): boolean {
  if (row.detail === null) return true;
  try {
    return (JSON.parse(row.detail) as Record<string, unknown>)['reasonPrivate'] !== 'true';
  } catch {
    return true;
  }
}

function toAccessLogEntry(row: AuditEventRow): AccessLogEntry | null {
  const base = { id: row.id, at: row.at, action: AccessLogAction.parse(row.action), reason: reasonShown(row) ? row.reason : null };
  if (row.actor_kind === 'system') return { ...base, actor: { kind: 'system', job: row.actor_id } };
  if (row.actor_kind === 'staff') {
    const role: StaffRole | undefined = StaffRoleSchema.safeParse(row.actor_role).data;
    if (role === undefined || row.actor_name === null) return null;
    return { ...base, actor: { kind: 'staff', role, displayName: row.actor_name } };
  }
  return null;
}
