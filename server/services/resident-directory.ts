/**
 * The console's resident directory. The list shows names and units with masked contacts and
 * is not audited; everything beyond it (the full profile, a correction, a move-out) is one
 * audit event with the staff member's reason, written in the same transaction, so data is
 * not handed over and no change commits without its event. Staff of one building get
 * `not_found` for anything of another building: the same answer as for no such resident.
 */
import { assertNever } from '../../shared/assert-never';
import { formatLocalDate, vietnamDate } from '../../shared/dates';
import type { EditResidentBody, HouseholdResponse, MoveOutBody, OpenProfileBody, ResidentListItem, ResidentProfileDetails, ResidentSearchQuery, ResidentSearchResponse, ResidentUnitRef } from '../../shared/hub-api/residents';
import type { Logger } from '../../shared/logger';
import { normalizeVietnamesePhone } from '../../shared/phone';
import { isValidAddress, isValidName, maskEmail, maskPhoneLocal, normalizeEmail, tidyText } from '../../shared/profile';
import { KiotError } from '../../shared/result';
import { searchTerms } from '../../shared/search-text';
import { phoneChangedNoticeMessage } from '../adapters/sms/messages';
import type { SmsAdapter } from '../adapters/sms/sms-adapter';
import type { HubDb, HubTrx } from '../db/connect';
import { lockKey } from '../db/locks';
import { getDirectoryDetails, getUnit, listHousehold, listUnitLinks, markMovedOut, searchResidents } from '../db/resident-search';
import type { DirectoryDetails, ResidentUnitLink } from '../db/resident-search';
import { phoneTakenByAnother, updateResidentContact } from '../db/residents';
import type { ResidentContactUpdate } from '../db/residents';
import type { AuditService } from './audit';

/** Who is asking: their building (null for operator-wide staff) bounds everything they see. */
export type DirectoryActor = { staffId: string; buildingId: string | null };

export type ResidentDirectoryService = {
  search(actor: DirectoryActor, query: ResidentSearchQuery): Promise<ResidentSearchResponse>;
  open(actor: DirectoryActor, residentId: string, body: OpenProfileBody): Promise<ResidentProfileDetails>;
  edit(actor: DirectoryActor, residentId: string, body: EditResidentBody): Promise<ResidentProfileDetails>;
  moveOut(actor: DirectoryActor, residentId: string, body: MoveOutBody): Promise<ResidentProfileDetails>;
  household(actor: DirectoryActor, unitId: string): Promise<HouseholdResponse>;
};

const VIETNAM_OFFSET = '+07:00';

function unitRefs(links: readonly ResidentUnitLink[], residentId: string): ResidentUnitRef[] {
  return links.filter((l) => l.residentId === residentId).map((l) => ({ unitId: l.unitId, label: l.unitLabel, role: l.role, primary: l.primary }));
}

function inScope(actor: DirectoryActor, buildingId: string): boolean {
  return actor.buildingId === null || actor.buildingId === buildingId;
}

export function createResidentDirectoryService(deps: { db: HubDb; clock: () => Date; audit: AuditService; sms: SmsAdapter; logger: Logger }): ResidentDirectoryService {
  const { db, clock, audit } = deps;

  async function scoped(executor: HubDb | HubTrx, actor: DirectoryActor, residentId: string): Promise<DirectoryDetails> {
    const row = await getDirectoryDetails(executor, residentId);
    if (!row || !inScope(actor, row.buildingId)) throw new KiotError('not_found', 'No such resident');
    return row;
  }

  async function details(executor: HubDb | HubTrx, row: DirectoryDetails): Promise<ResidentProfileDetails> {
    const links = await listUnitLinks(executor, [row.id]);
    return {
      id: row.id,
      buildingId: row.buildingId,
      buildingName: row.buildingName,
      fullName: row.fullName,
      phoneE164: row.phoneE164,
      email: row.email,
      contactAddress: row.contactAddress,
      units: unitRefs(links, row.id),
      movedOutAt: row.movedOutAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  /** The one column an edit writes, validated as the kiosk validates the resident's own input. */
  async function change(trx: HubTrx, row: DirectoryDetails, body: EditResidentBody): Promise<{ set: ResidentContactUpdate; action: 'profile.phone_changed' | 'profile.email_changed' | 'profile.address_changed' | 'profile.name_changed' }> {
    const value = tidyText(body.value);
    switch (body.field) {
      case 'phone': {
        const phone = normalizeVietnamesePhone(value);
        if (phone === null) throw new KiotError('phone_not_vietnamese', 'Not a Vietnamese phone number');
        if (await phoneTakenByAnother(trx, phone, row.id)) throw new KiotError('phone_in_use', 'This number is already in use');
        return { set: { phone_e164: phone }, action: 'profile.phone_changed' };
      }
      case 'email': {
        if (value === '') return { set: { email: null }, action: 'profile.email_changed' };
        const email = normalizeEmail(value);
        if (email === null) throw new KiotError('email_invalid', 'Not an email address');
        return { set: { email }, action: 'profile.email_changed' };
      }
      case 'address':
        if (value === '') return { set: { contact_address: null }, action: 'profile.address_changed' };
        if (!isValidAddress(value)) throw new KiotError('invalid_input', 'An address must be 5 to 300 characters');
        return { set: { contact_address: value }, action: 'profile.address_changed' };
      case 'name':
        if (!isValidName(value)) throw new KiotError('invalid_input', 'A name must be 2 to 100 letters');
        return { set: { full_name: value }, action: 'profile.name_changed' };
      default:
        return assertNever(body.field, 'editable field');
    }
  }

  return {
    async search(actor, query) {
      const terms = searchTerms(query.q);
      const { rows, total } = await searchResidents(db, { buildingId: actor.buildingId, terms, limit: query.limit, offset: query.offset });
      const links = await listUnitLinks(
        db,
        rows.map((r) => r.id),
      );
      const residents: ResidentListItem[] = rows.map((r) => ({
        id: r.id,
        fullName: r.fullName,
        units: unitRefs(links, r.id),
        phoneMasked: maskPhoneLocal(r.phoneE164),
        emailMasked: r.email === null ? null : maskEmail(r.email),
        movedOutAt: r.movedOutAt,
      }));
      return { residents, total, limit: query.limit, offset: query.offset };
    },

    async open(actor, residentId, body) {
      return db.transaction().execute(async (trx) => {
        const row = await scoped(trx, actor, residentId);
        const shown = await details(trx, row);
        await audit.record(trx, {
          buildingId: row.buildingId,
          residentId: row.id,
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'profile.viewed',
          reason: body.reason,
          detail: { purpose: body.purpose },
        });
        return shown;
      });
    },

    async edit(actor, residentId, body) {
      const nowIso = clock().toISOString();
      const result = await db.transaction().execute(async (trx) => {
        // Two edits of one resident at once would each check the phone against the old row.
        await lockKey(trx, `resident:${residentId}`);
        const row = await scoped(trx, actor, residentId);
        const { set, action } = await change(trx, row, body);
        await updateResidentContact(trx, row.id, set, nowIso);
        const updated = await scoped(trx, actor, residentId);
        const shown = await details(trx, updated);
        await audit.record(trx, {
          buildingId: row.buildingId,
          residentId: row.id,
          actor: { kind: 'staff', staffId: actor.staffId },
          action,
          reason: body.reason,
          detail: { field: body.field, by: 'console' },
        });
        return { shown, oldPhone: set.phone_e164 !== undefined && set.phone_e164 !== row.phoneE164 ? row.phoneE164 : null };
      });
      // The old number hears of the change, as when the resident changes it at the kiosk.
      if (result.oldPhone !== null) {
        const text = phoneChangedNoticeMessage(maskPhoneLocal(result.shown.phoneE164), formatLocalDate(vietnamDate(new Date(nowIso))));
        deps.sms.send(result.oldPhone, text).catch((err: unknown) => {
          deps.logger.warn('The notice of a phone change to the old number failed', { residentRef: residentId, error: err instanceof Error ? err.message : String(err) });
        });
      }
      return result.shown;
    },

    async moveOut(actor, residentId, body) {
      const now = clock();
      if (body.date > vietnamDate(now)) throw new KiotError('invalid_input', 'A move-out date cannot be in the future');
      // The start of that day in Vietnam, stored as UTC like every instant.
      const at = new Date(`${body.date}T00:00:00${VIETNAM_OFFSET}`).toISOString();
      return db.transaction().execute(async (trx) => {
        await lockKey(trx, `resident:${residentId}`);
        const row = await scoped(trx, actor, residentId);
        if (row.movedOutAt !== null) throw new KiotError('wrong_state', 'This resident has already moved out');
        if (body.date < vietnamDate(new Date(row.createdAt))) throw new KiotError('invalid_input', 'A move-out date cannot be before the resident was registered');
        await markMovedOut(trx, row.id, at, now.toISOString());
        const shown = await details(trx, (await getDirectoryDetails(trx, row.id)) ?? row);
        await audit.record(trx, {
          buildingId: row.buildingId,
          residentId: row.id,
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'resident.moved_out',
          reason: body.reason,
          detail: { movedOutOn: body.date },
        });
        return shown;
      });
    },

    async household(actor, unitId) {
      const unit = await getUnit(db, unitId);
      if (!unit || !inScope(actor, unit.buildingId)) throw new KiotError('not_found', 'No such unit');
      const members = await listHousehold(db, unitId);
      return {
        unit: { id: unit.id, label: unit.label },
        members: members.map((m) => ({
          residentId: m.residentId,
          fullName: m.fullName,
          role: m.role,
          since: m.since,
          phoneMasked: maskPhoneLocal(m.phoneE164),
          emailMasked: m.email === null ? null : maskEmail(m.email),
          movedOutAt: m.movedOutAt,
        })),
      };
    },
  };
}
