/** The `profile` domain of the fake `window.kiot`: one resident's details, changes needing code 123456, corrections saved at once. */
import type { ChannelName } from '../../../shared/channels';
import type { CorrectionView, ProfileView } from '../../../shared/contract/profile';
import type { KiotApi } from '../../../shared/kiot-api';
import { maskEmail, maskPhoneLocal, normalizeEmail } from '../../../shared/profile';
import type { ContactChange } from '../../../shared/profile';
import { normalizeVietnamesePhone } from '../../../shared/phone';
import type { AppError, Result } from '../../../shared/result';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

export const demoProfile: ProfileView = {
  details: {
    fullName: 'Nguyễn Thị Lan',
    units: [{ label: 'A-1203' }],
    buildingName: 'Chung cư Sông Hồng',
    phone: '+84912345678',
    email: 'lan.nguyen@gmail.com',
    contactAddress: null,
  },
  contactChanges: [],
  corrections: [],
  fromCache: false,
};

export function createFakeProfile(handle: Handle, signedIn: () => boolean, code = '123456'): KiotApi['profile'] {
  const profile: ProfileView = structuredClone(demoProfile);
  const fail = (c: AppError['code'], extra: Partial<AppError> = {}): Result<never> => ({ ok: false, error: { code: c, message: c, ...extra } });
  let n = 0;
  const attempts = new Map<string, number>();
  const at = '2026-11-25T03:00:00.000Z';
  const result = (change: ContactChange): Result<{ change: ContactChange; resendAfterSeconds: number }> => ({ ok: true, value: { change: structuredClone(change), resendAfterSeconds: 60 } });

  return {
    get: (request) => handle('profile:get', request, () => (signedIn() ? { ok: true, value: structuredClone(profile) } : fail('unauthorized'))),
    startContactChange: (request) =>
      handle('profile:startContactChange', request, () => {
        let masked: string;
        if (request.kind === 'phone') {
          const phone = normalizeVietnamesePhone(request.newPhone);
          if (!phone) return fail('phone_not_vietnamese');
          masked = maskPhoneLocal(phone);
        } else {
          const email = normalizeEmail(request.newEmail);
          if (!email) return fail('email_invalid');
          masked = maskEmail(email);
        }
        const change: ContactChange = {
          id: `c-${(n += 1)}`,
          kind: request.kind,
          status: 'pending',
          newValueMasked: masked,
          needsOldCode: request.kind === 'phone' && request.hasOldPhone,
          oldVerified: false,
          newVerified: false,
          createdAt: at,
          expiresAt: '2026-11-25T03:05:00.000Z',
          closedAt: null,
          reason: null,
        };
        profile.contactChanges.unshift(change);
        return result(change);
      }),
    verifyContactChange: (request) =>
      handle('profile:verifyContactChange', request, () => {
        const change = profile.contactChanges.find((c) => c.id === request.changeId);
        if (!change) return fail('not_found');
        if (request.code !== code) {
          const used = (attempts.get(change.id) ?? 0) + 1;
          attempts.set(change.id, used);
          return used >= 5 ? fail('code_locked') : fail('wrong_code', { attemptsLeft: 5 - used });
        }
        if (request.target === 'old') change.oldVerified = true;
        else change.newVerified = true;
        if (change.newVerified && (!change.needsOldCode || change.oldVerified)) change.status = change.kind === 'phone' && !change.needsOldCode ? 'awaiting_review' : 'done';
        return result(change);
      }),
    removeEmail: (request) =>
      handle('profile:removeEmail', request, () => {
        profile.details.email = null;
        const change: ContactChange = { id: `c-${(n += 1)}`, kind: 'email', status: 'done', newValueMasked: null, needsOldCode: false, oldVerified: false, newVerified: false, createdAt: at, expiresAt: at, closedAt: at, reason: null };
        profile.contactChanges.unshift(change);
        return result(change);
      }),
    requestCorrection: (request) =>
      handle('profile:requestCorrection', request, () => {
        const correction: CorrectionView = { id: `k-${(n += 1)}`, field: request.field, value: request.value, state: 'saved', reason: null, rejectedCode: null, createdAt: at };
        profile.corrections.unshift(correction);
        return { ok: true, value: { correction: structuredClone(correction) } };
      }),
  };
}
