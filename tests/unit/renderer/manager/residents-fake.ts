/**
 * The `consoleResidents` domain of the fake `window.kiot`: a small resident directory as the
 * hub's staff routes answer it — search that ignores diacritics and case, masked contacts in
 * lists, the full profile only through `open` (the fake keeps each opening, as the hub's audit
 * would), one field per edit, move-out once (`wrong_state` the second time), households.
 */
import type { ChannelName } from '../../../../shared/channels';
import type { KiotApi } from '../../../../shared/kiot-api';
import type { HouseholdRole, ResidentListItem, ResidentProfileDetails, ResidentUnitRef } from '../../../../shared/hub-api/residents';
import type { AppError, Result } from '../../../../shared/result';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

export type FakeConsoleResidentsOptions = { residents?: ResidentProfileDetails[] };

/** What the hub would have audited: one entry per profile opened. */
export type FakeResidentOpening = { residentId: string; purpose: string; reason: string };

export function fakeResident(partial: Partial<ResidentProfileDetails> & Pick<ResidentProfileDetails, 'id' | 'fullName'>): ResidentProfileDetails {
  return {
    buildingId: 'b-1',
    buildingName: 'Chung cư Hoa Sen',
    phoneE164: '+84901234567',
    email: null,
    contactAddress: null,
    units: [{ unitId: 'u-1203', label: 'A-1203', role: 'owner', primary: true }],
    movedOutAt: null,
    createdAt: '2026-01-05T03:00:00.000Z',
    updatedAt: '2026-01-05T03:00:00.000Z',
    ...partial,
  };
}

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

const maskPhone = (e164: string): string => `${e164.slice(0, 3)} ${'•'.repeat(6)}${e164.slice(-3)}`;
const maskEmail = (email: string | null): string | null => {
  if (email === null) return null;
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
};

export function createFakeConsoleResidents(handle: Handle, options: FakeConsoleResidentsOptions = {}, openings: FakeResidentOpening[] = []): KiotApi['consoleResidents'] {
  const residents = new Map((options.residents ?? []).map((r) => [r.id, structuredClone(r)]));
  const fail = (code: AppError['code'], message: string = code): Result<never> => ({ ok: false, error: { code, message } });
  const listItem = (r: ResidentProfileDetails): ResidentListItem => ({
    id: r.id,
    fullName: r.fullName,
    units: structuredClone(r.units),
    phoneMasked: maskPhone(r.phoneE164),
    emailMasked: maskEmail(r.email),
    movedOutAt: r.movedOutAt,
  });
  const change = (id: string, next: (r: ResidentProfileDetails) => Partial<ResidentProfileDetails> | AppError): Result<{ resident: ResidentProfileDetails }> => {
    const found = residents.get(id);
    if (!found) return fail('not_found');
    const changed = next(found);
    if ('code' in changed) return { ok: false, error: changed as AppError };
    const updated = { ...found, ...changed, updatedAt: new Date().toISOString() };
    residents.set(id, updated);
    return { ok: true, value: { resident: structuredClone(updated) } };
  };

  return {
    search: (request) =>
      handle('consoleResidents:search', request, () => {
        const q = fold(request.q);
        const digits = request.q.replace(/\D/g, '');
        const matching = [...residents.values()]
          .filter((r) => q === '' || fold(r.fullName).includes(q) || r.units.some((u) => fold(u.label).includes(q)) || (digits.length >= 3 && `0${r.phoneE164.slice(3)}`.includes(digits)))
          .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
        const limit = request.limit ?? 25;
        const offset = request.offset ?? 0;
        return { ok: true, value: { residents: matching.slice(offset, offset + limit).map(listItem), total: matching.length, limit, offset } };
      }),
    open: (request) =>
      handle('consoleResidents:open', request, () => {
        const found = residents.get(request.residentId);
        if (!found) return fail('not_found');
        openings.push({ residentId: found.id, purpose: request.purpose, reason: request.reason });
        return { ok: true, value: { resident: structuredClone(found) } };
      }),
    edit: (request) =>
      handle('consoleResidents:edit', request, () =>
        change(request.residentId, (): Partial<ResidentProfileDetails> | AppError => {
          const value = request.value.trim();
          switch (request.field) {
            case 'name':
              return value.length === 0 ? { code: 'invalid_input', message: 'name' } : { fullName: value };
            case 'email':
              if (value !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return { code: 'email_invalid', message: 'email' };
              return { email: value === '' ? null : value };
            case 'address':
              return { contactAddress: value === '' ? null : value };
            case 'phone': {
              const local = value.replace(/[\s.-]/g, '');
              if (!/^(0|\+84)[35789]\d{8}$/.test(local)) return { code: 'phone_not_vietnamese', message: 'phone' };
              const e164 = local.startsWith('0') ? `+84${local.slice(1)}` : local;
              if ([...residents.values()].some((r) => r.id !== request.residentId && r.phoneE164 === e164)) return { code: 'phone_in_use', message: 'phone' };
              return { phoneE164: e164 };
            }
          }
        }),
      ),
    moveOut: (request) =>
      handle('consoleResidents:moveOut', request, () =>
        change(request.residentId, (r) => (r.movedOutAt !== null ? { code: 'wrong_state', message: 'already moved out' } : { movedOutAt: `${request.date}T00:00:00.000Z` })),
      ),
    household: (request) =>
      handle('consoleResidents:household', request, () => {
        const members = [...residents.values()].flatMap((r) => {
          const link: ResidentUnitRef | undefined = r.units.find((u) => u.unitId === request.unitId);
          if (!link || r.movedOutAt !== null) return [];
          const role: HouseholdRole = link.role;
          return [{ residentId: r.id, fullName: r.fullName, role, since: r.createdAt, phoneMasked: maskPhone(r.phoneE164), emailMasked: maskEmail(r.email), movedOutAt: r.movedOutAt }];
        });
        const label = [...residents.values()].flatMap((r) => r.units).find((u) => u.unitId === request.unitId)?.label;
        if (label === undefined) return fail('not_found');
        return { ok: true, value: { unit: { id: request.unitId, label }, members } };
      }),
  };
}
