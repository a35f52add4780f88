/**
 * Phone and email changes started by the resident at a kiosk. A phone change needs a code
 * sent to the new number AND one sent to the current number (whoever holds the kiosk
 * session alone cannot move the account to their own phone); a resident who lost the old
 * phone proves the new one and the management verifies the rest. Codes follow the login
 * rules: 6 CSPRNG digits, 5 minutes, single use, 5 wrong attempts kill the change, only an
 * HMAC bound to the change and its target is stored, compared in constant time.
 */
import { formatLocalDate, vietnamDate } from '../../shared/dates';
import type { Logger } from '../../shared/logger';
import { normalizeVietnamesePhone } from '../../shared/phone';
import { maskEmail, maskPhoneLocal, normalizeEmail } from '../../shared/profile';
import type { ContactChange } from '../../shared/profile';
import type { ContactChangeResponse, ContactChangeStartBody, ContactChangeVerification } from '../../shared/hub-api/profile';
import { KiotError } from '../../shared/result';
import { contactChangeCodeMessage, phoneChangedNoticeMessage } from '../adapters/sms/messages';
import type { SmsAdapter } from '../adapters/sms/sms-adapter';
import type { MailAdapter } from '../adapters/mail/mail-adapter';
import { digestsEqual, hmacSha256Base64url, newOtpCode } from '../crypto';
import type { IdGenerator, RandomBytes } from '../ids';
import type { HubDb, HubTrx } from '../db/connect';
import { lockKey } from '../db/locks';
import {
  countContactChangesSince,
  findPendingContactChange,
  getContactChange,
  getContactChangeById,
  insertContactChange,
  recordWrongContactCode,
  updateContactChange,
} from '../db/contact-changes';
import type { ContactChangeRow } from '../db/profile-schema';
import { getResidentDetails, phoneTakenByAnother, updateResidentContact } from '../db/residents';
import type { AuthenticatedDevice } from './devices';
import type { ProfileAudit } from './profile-audit';

export type ContactChangeLimits = {
  codeTtlSeconds: number;
  /** Starting the same change again within this returns the pending one without new codes. */
  resendAfterSeconds: number;
  maxAttempts: number;
  /** Changes one resident may start per window. */
  perResident: { windowSeconds: number; max: number };
};

export const defaultContactChangeLimits: ContactChangeLimits = {
  codeTtlSeconds: 5 * 60,
  resendAfterSeconds: 60,
  maxAttempts: 5,
  perResident: { windowSeconds: 15 * 60, max: 3 },
};

export type ContactChangeService = {
  start(residentId: string, device: AuthenticatedDevice, input: ContactChangeStartBody): Promise<ContactChangeResponse>;
  verify(residentId: string, input: ContactChangeVerification): Promise<ContactChangeResponse>;
  /**
   * The management's decision on a phone change the resident could not confirm from the
   * old phone (`awaiting_review`). Approving applies it; rejecting keeps the reason for the resident.
   */
  decide(input: { changeId: string; staffId: string; approve: boolean; reason: string | null }): Promise<ContactChange>;
};

export type ContactChangeDeps = {
  db: HubDb;
  clock: () => Date;
  random: RandomBytes;
  newId: IdGenerator;
  sms: SmsAdapter;
  mail: MailAdapter;
  logger: Logger;
  hmacKey: Buffer;
  audit?: ProfileAudit;
  limits?: Partial<ContactChangeLimits>;
  /** Runs sends once the answer is on its way (default `setImmediate`), as the OTP service does. */
  afterResponse?: (task: () => void) => void;
};

/**
 * A new contact-change row: no codes, attempts or verifications yet, nothing decided; `fields`
 * says what this change is and sets what differs.
 */
function newChangeRow(
  fields: Pick<ContactChangeRow, 'id' | 'resident_id' | 'device_id' | 'kind' | 'new_value' | 'status' | 'created_at' | 'expires_at' | 'closed_at'> &
    Partial<Pick<ContactChangeRow, 'old_code_hmac' | 'new_code_hmac'>>,
): ContactChangeRow {
  return {
    old_code_hmac: null,
    old_attempts: 0,
    old_verified_at: null,
    new_code_hmac: null,
    new_attempts: 0,
    new_verified_at: null,
    codes_sent_at: fields.created_at,
    decided_by: null,
    reason: null,
    ...fields,
  };
}

export function toContactChange(row: ContactChangeRow, now: Date): ContactChange {
  const expired = row.status === 'pending' && Date.parse(row.expires_at) <= now.getTime();
  const masked = row.new_value === null ? null : row.kind === 'phone' ? maskPhoneLocal(row.new_value) : maskEmail(row.new_value);
  return {
    id: row.id,
    kind: row.kind,
    status: expired ? 'expired' : row.status,
    newValueMasked: masked,
    needsOldCode: row.old_code_hmac !== null,
    oldVerified: row.old_verified_at !== null,
    newVerified: row.new_verified_at !== null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    closedAt: row.closed_at,
    reason: row.reason,
  };
}

type Send = { channel: 'sms'; to: string; text: string } | { channel: 'mail'; to: string; subject: string; text: string };

export function createContactChangeService(deps: ContactChangeDeps): ContactChangeService {
  const { db, clock, random, newId, logger } = deps;
  const limits: ContactChangeLimits = { ...defaultContactChangeLimits, ...deps.limits };
  const afterResponse = deps.afterResponse ?? ((task: () => void): void => void setImmediate(task));
  // Domain-separated from login codes: a login code can never verify a change, nor the reverse.
  const codeHmac = (changeId: string, target: 'old' | 'new', code: string): string => hmacSha256Base64url(deps.hmacKey, `contact:${changeId}:${target}:${code}`);
  const minutes = Math.round(limits.codeTtlSeconds / 60);

  /** Hands messages to the adapters after the answer; a failure is logged without address or text. */
  function dispatch(sends: readonly Send[], changeId: string): void {
    if (sends.length === 0) return;
    afterResponse(() => {
      for (const send of sends) {
        const failed = (err: unknown): void =>
          logger.error('Contact change message failed', { changeId, channel: send.channel, error: err instanceof Error ? err.message : String(err) });
        try {
          const sent = send.channel === 'sms' ? deps.sms.send(send.to, send.text) : deps.mail.send({ to: send.to, subject: send.subject, text: send.text });
          sent.catch(failed);
        } catch (err) {
          failed(err);
        }
      }
    });
  }

  function codeSends(kind: ContactChangeRow['kind'], newValue: string, oldPhone: string | null, codes: { new: string; old: string | null }): Send[] {
    if (kind === 'email') {
      return [
        {
          channel: 'mail',
          to: newValue,
          subject: 'Kiot: mã xác nhận email / email confirmation code',
          text:
            `Mã xác nhận địa chỉ email mới của bạn là ${codes.new}, hiệu lực ${minutes} phút. Nhập mã này trên màn hình Kiot ở sảnh. ` +
            `Nếu bạn không yêu cầu, hãy bỏ qua thư này.\n\n` +
            `Your code to confirm your new email address is ${codes.new}, valid for ${minutes} minutes. Enter it on the Kiot screen in the lobby. ` +
            `If you did not ask for it, ignore this message.`,
        },
      ];
    }
    const sends: Send[] = [{ channel: 'sms', to: newValue, text: contactChangeCodeMessage(codes.new, minutes, 'new') }];
    if (oldPhone !== null && codes.old !== null) sends.push({ channel: 'sms', to: oldPhone, text: contactChangeCodeMessage(codes.old, minutes, 'old') });
    return sends;
  }

  async function checkRate(trx: HubTrx, residentId: string, now: Date): Promise<void> {
    const window = limits.perResident;
    const since = new Date(now.getTime() - window.windowSeconds * 1000).toISOString();
    const started = await countContactChangesSince(trx, residentId, since);
    if (started.count >= window.max) {
      const wait = Math.max(1, Math.ceil((Date.parse(started.oldest ?? now.toISOString()) + window.windowSeconds * 1000 - now.getTime()) / 1000));
      throw new KiotError('rate_limited', `Too many contact changes started; try again in ${wait} s`, { retryAfterSeconds: wait });
    }
  }

  /** Applies a fully proven change to the resident, in the transaction that closes it. */
  async function apply(trx: HubTrx, row: ContactChangeRow, fromStatus: ContactChangeRow['status'], nowIso: string, actor: { kind: 'resident' } | { kind: 'staff'; staffId: string }, reason: string | null): Promise<{ notice: Send | null }> {
    const resident = await getResidentDetails(trx, row.resident_id);
    if (!resident) throw new KiotError('not_found', 'Unknown contact change');
    let notice: Send | null = null;
    if (row.kind === 'phone') {
      const phone = row.new_value;
      if (phone === null) throw new KiotError('internal', 'A phone change without a number');
      // Checked again at the end: another resident may have taken the number since the start.
      if (await phoneTakenByAnother(trx, phone, row.resident_id)) throw new KiotError('phone_in_use', 'This number is already in use');
      await updateResidentContact(trx, row.resident_id, { phone_e164: phone }, nowIso);
      notice = { channel: 'sms', to: resident.phoneE164, text: phoneChangedNoticeMessage(maskPhoneLocal(phone), formatLocalDate(vietnamDate(new Date(nowIso)))) };
    } else {
      await updateResidentContact(trx, row.resident_id, { email: row.new_value }, nowIso);
    }
    const closed = await updateContactChange(trx, row.id, fromStatus, {
      status: 'done',
      closed_at: nowIso,
      ...(actor.kind === 'staff' ? { decided_by: actor.staffId, reason } : {}),
    });
    if (!closed) throw new KiotError('wrong_state', 'This change was already closed');
    await deps.audit?.record(trx, {
      buildingId: resident.buildingId,
      residentId: row.resident_id,
      action: row.kind === 'phone' ? 'profile.phone_changed' : 'profile.email_changed',
      actor: actor.kind === 'staff' ? actor : { kind: 'resident', residentId: row.resident_id },
      reason,
    });
    return { notice };
  }

  async function respond(id: string, residentId: string): Promise<ContactChangeResponse> {
    const row = await getContactChange(db, residentId, id);
    if (!row) throw new KiotError('not_found', 'Unknown contact change');
    const now = clock();
    const wait = Math.ceil((Date.parse(row.codes_sent_at) + limits.resendAfterSeconds * 1000 - now.getTime()) / 1000);
    return { change: toContactChange(row, now), resendAfterSeconds: Math.max(0, wait) };
  }

  return {
    async start(residentId, device, input) {
      const now = clock();
      const nowIso = now.toISOString();
      const current = await getResidentDetails(db, residentId);
      if (!current) throw new KiotError('unauthorized', 'Unknown resident');

      // Removing the email needs no code: nobody gains access by it, and it is the resident's right.
      if (input.kind === 'email' && input.newEmail === null) {
        const id = newId();
        await db.transaction().execute(async (trx) => {
          await lockKey(trx, `contact-change:${residentId}`);
          // A pending email change is void once the email is removed.
          const open = await findPendingContactChange(trx, residentId, 'email');
          if (open) await updateContactChange(trx, open.id, 'pending', { status: 'replaced', closed_at: nowIso });
          await insertContactChange(
            trx,
            newChangeRow({ id, resident_id: residentId, device_id: device.id, kind: 'email', new_value: null, status: 'pending', created_at: nowIso, expires_at: nowIso, closed_at: null }),
          );
          const row = await getContactChange(trx, residentId, id);
          if (!row) throw new KiotError('internal', 'The change just written is missing');
          await apply(trx, row, 'pending', nowIso, { kind: 'resident' }, null);
        });
        return respond(id, residentId);
      }

      let newValue: string;
      let oldPhone: string | null = null;
      if (input.kind === 'phone') {
        const phone = normalizeVietnamesePhone(input.newPhone);
        if (phone === null) throw new KiotError('phone_not_vietnamese', 'Not a Vietnamese phone number');
        if (phone === current.phoneE164) throw new KiotError('invalid_input', 'This is already your phone number');
        newValue = phone;
        oldPhone = input.hasOldPhone ? current.phoneE164 : null;
      } else {
        const email = normalizeEmail(input.newEmail ?? '');
        if (email === null) throw new KiotError('email_invalid', 'Not an email address');
        if (email === current.email) throw new KiotError('invalid_input', 'This is already your email address');
        newValue = email;
      }

      const outcome = await db.transaction().execute(async (trx) => {
        await lockKey(trx, `contact-change:${residentId}`);
        const open = await findPendingContactChange(trx, residentId, input.kind);
        const openIsLive = open !== undefined && Date.parse(open.expires_at) > now.getTime();
        const sameAsOpen = openIsLive && open.new_value === newValue && (open.old_code_hmac !== null) === (oldPhone !== null);
        if (sameAsOpen && now.getTime() - Date.parse(open.codes_sent_at) < limits.resendAfterSeconds * 1000) {
          // The same change asked again (a double tap, Back then Next): the pending one, no new codes.
          return { id: open.id, sends: [] as Send[], refused: false };
        }
        if (sameAsOpen) {
          // Asked again after the resend interval: fresh codes for what is still unproven, same change.
          const codes = { new: open.new_verified_at === null ? newOtpCode(random) : null, old: open.old_code_hmac !== null && open.old_verified_at === null ? newOtpCode(random) : null };
          await checkRate(trx, residentId, now);
          const expiresAt = new Date(now.getTime() + limits.codeTtlSeconds * 1000).toISOString();
          await updateContactChange(trx, open.id, 'pending', {
            codes_sent_at: nowIso,
            expires_at: expiresAt,
            ...(codes.new !== null ? { new_code_hmac: codeHmac(open.id, 'new', codes.new), new_attempts: 0 } : {}),
            ...(codes.old !== null ? { old_code_hmac: codeHmac(open.id, 'old', codes.old), old_attempts: 0 } : {}),
          });
          const sends = codes.new !== null ? codeSends(input.kind, newValue, null, { new: codes.new, old: null }) : [];
          if (codes.old !== null && oldPhone !== null) sends.push({ channel: 'sms', to: oldPhone, text: contactChangeCodeMessage(codes.old, minutes, 'old') });
          return { id: open.id, sends, refused: false };
        }
        await checkRate(trx, residentId, now);
        if (input.kind === 'phone' && (await phoneTakenByAnother(trx, newValue, residentId))) {
          // Whose it is stays unsaid: the answer must not turn the kiosk into a directory. The
          // refusal is kept (without the number) and counts against the limit above, so a
          // session cannot be used to test number after number for being a resident's.
          await insertContactChange(
            trx,
            newChangeRow({ id: newId(), resident_id: residentId, device_id: device.id, kind: 'phone', new_value: null, status: 'refused', created_at: nowIso, expires_at: nowIso, closed_at: nowIso }),
          );
          return { id: '', sends: [] as Send[], refused: true };
        }
        // One open change per kind: a different new value replaces the one before.
        if (open) await updateContactChange(trx, open.id, 'pending', { status: openIsLive ? 'replaced' : 'expired', closed_at: nowIso });
        const id = newId();
        const codes = { new: newOtpCode(random), old: oldPhone !== null ? newOtpCode(random) : null };
        await insertContactChange(
          trx,
          newChangeRow({
            id,
            resident_id: residentId,
            device_id: device.id,
            kind: input.kind,
            new_value: newValue,
            status: 'pending',
            old_code_hmac: codes.old !== null ? codeHmac(id, 'old', codes.old) : null,
            new_code_hmac: codeHmac(id, 'new', codes.new),
            created_at: nowIso,
            expires_at: new Date(now.getTime() + limits.codeTtlSeconds * 1000).toISOString(),
            closed_at: null,
          }),
        );
        return { id, sends: codeSends(input.kind, newValue, oldPhone, codes), refused: false };
      });
      // Thrown after the commit, so the refusal stays counted.
      if (outcome.refused) throw new KiotError('phone_in_use', 'This number is already in use');
      dispatch(outcome.sends, outcome.id);
      return respond(outcome.id, residentId);
    },

    async verify(residentId, input) {
      const now = clock();
      const nowIso = now.toISOString();
      const row = await getContactChange(db, residentId, input.changeId);
      // Another resident's change is indistinguishable from one that does not exist.
      if (!row) throw new KiotError('not_found', 'Unknown contact change');
      if (row.status !== 'pending') {
        if (row.status === 'failed') throw new KiotError('code_locked', 'Too many wrong codes; start the change again');
        throw new KiotError('wrong_state', `This change is ${row.status}`);
      }
      if (Date.parse(row.expires_at) <= now.getTime()) throw new KiotError('code_expired', 'The codes have expired; start the change again');
      const digest = input.target === 'old' ? row.old_code_hmac : row.new_code_hmac;
      if (digest === null) throw new KiotError('invalid_input', 'No code was sent to that number for this change');
      const verifiedAt = input.target === 'old' ? row.old_verified_at : row.new_verified_at;
      if (verifiedAt !== null) return respond(row.id, residentId);
      const attempts = input.target === 'old' ? row.old_attempts : row.new_attempts;
      if (attempts >= limits.maxAttempts) throw new KiotError('code_locked', 'Too many wrong codes; start the change again');

      if (!digestsEqual(codeHmac(row.id, input.target, input.code), digest)) {
        const count = await recordWrongContactCode(db, row.id, input.target, limits.maxAttempts);
        if (count === null || count >= limits.maxAttempts) {
          // The fifth wrong code ends the change: both codes are void and nothing was applied.
          await updateContactChange(db, row.id, 'pending', { status: 'failed', closed_at: nowIso });
          throw new KiotError('code_locked', 'Too many wrong codes; start the change again');
        }
        throw new KiotError('wrong_code', 'Wrong code', { attemptsLeft: limits.maxAttempts - count });
      }

      const notice = await db.transaction().execute(async (trx) => {
        await lockKey(trx, `contact-change:${residentId}`);
        const fresh = await getContactChange(trx, residentId, row.id);
        if (!fresh || fresh.status !== 'pending') throw new KiotError('wrong_state', 'This change was already closed');
        // Single use: once a target is verified, its code is never compared again.
        const mark = input.target === 'old' ? { old_verified_at: nowIso } : { new_verified_at: nowIso };
        await updateContactChange(trx, row.id, 'pending', mark);
        const proven = { ...fresh, ...mark };
        const newDone = proven.new_verified_at !== null;
        const oldDone = proven.old_code_hmac === null || proven.old_verified_at !== null;
        if (!newDone || !oldDone) return null;
        if (proven.kind === 'phone' && proven.old_code_hmac === null) {
          // The new number is proven but not the old one: the management must check who this is.
          await updateContactChange(trx, row.id, 'pending', { status: 'awaiting_review' });
          return null;
        }
        return (await apply(trx, proven, 'pending', nowIso, { kind: 'resident' }, null)).notice;
      });
      // After the commit: the old number hears of it only once the change is real.
      if (notice) dispatch([notice], row.id);
      return respond(row.id, residentId);
    },

    async decide({ changeId, staffId, approve, reason }) {
      const now = clock();
      const nowIso = now.toISOString();
      const notice = await db.transaction().execute(async (trx) => {
        const row = await getContactChangeById(trx, changeId);
        if (!row) throw new KiotError('not_found', 'Unknown contact change');
        await lockKey(trx, `contact-change:${row.resident_id}`);
        if (row.status !== 'awaiting_review') throw new KiotError('wrong_state', `This change is ${row.status}`);
        if (approve) return (await apply(trx, row, 'awaiting_review', nowIso, { kind: 'staff', staffId }, reason)).notice;
        if (reason === null || reason.trim() === '') throw new KiotError('invalid_input', 'A rejection needs a reason the resident can read');
        await updateContactChange(trx, row.id, 'awaiting_review', { status: 'rejected', closed_at: nowIso, decided_by: staffId, reason: reason.trim() });
        const resident = await getResidentDetails(trx, row.resident_id);
        if (resident) await deps.audit?.record(trx, { buildingId: resident.buildingId, residentId: row.resident_id, action: 'contact_change.decided', actor: { kind: 'staff', staffId }, reason: reason.trim() });
        return null;
      });
      if (notice) dispatch([notice], changeId);
      const row = await getContactChangeById(db, changeId);
      if (!row) throw new KiotError('not_found', 'Unknown contact change');
      return toContactChange(row, now);
    },
  };
}
