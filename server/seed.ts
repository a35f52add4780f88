/**
 * The demo building: deterministic (seeded PRNG), realistic enough to demo and to test
 * against, and fast to insert (one transaction, multi-row inserts).
 */
import { randomBytes } from 'node:crypto';
import { vietnamDate } from '../shared/dates';
import type { Logger } from '../shared/logger';
import { normalizeVietnamesePhone } from '../shared/phone';
import { serviceKinds } from '../shared/domain';
import type { ServiceKind } from '../shared/domain';
import { insertBills } from './db/bills';
import type { HubDb, HubTrx } from './db/connect';
import { lockKey } from './db/locks';
import { getBuilding, insertBuilding, insertResidents, insertUnits, listResidentsInOrder } from './db/residents';
import type { BillRow, BuildingRow, ResidentRow, UnitRow } from './db/schema';
import { getSetting, putSetting } from './db/settings';
import { createIdGenerator } from './ids';
import { getSyncHead } from './db/sync-changes';
import { findStaffAccountByUsername, getStaffAccount, insertStaffCredential } from './db/staff-auth';
import { listStaffMembers } from './db/staff';
import { createSyncService } from './services/sync';
import { seedDemoConsents } from './services/consents';
import type { SyncService } from './services/sync';
import type { StaffAccessService } from './services/staff-access';
import { familyNames, femaleGivenNames, femaleMiddleNames, maleGivenNames, maleMiddleNames, mobilePrefixes } from './seed-names';
import { getPaymentAccount, putPaymentAccount } from './db/payments';
import type { PaymentAccountRow } from './db/payments';

export type DemoInfo = {
  buildingId: string;
  buildingName: string;
  residents: { fullName: string; phone: string; unitLabel: string }[];
};

export const DEMO_BUILDING_NAME = 'Chung cư Sông Hồng Residence';
export const DEMO_SETTING_KEY = 'demo_building_id';
export const DEMO_SEED = 20_260_101;
export const DEMO_MONTHS = 24;
/** The resident printed by `npm run hub` and used in docs and end-to-end tests. */
export const DEMO_FIRST_RESIDENT = { fullName: 'Nguyễn Thị Mai', phone: '+84901234567', unitLabel: 'A-0101' } as const;

const TOWERS = ['A', 'B'] as const;
const FLOORS = 20;
const UNITS_PER_FLOOR = 5;
const SECOND_RESIDENTS = 100;
const DEMO_INFO_RESIDENTS = 5;

/** EVN residential tiers (VND/kWh before VAT): 0–50, 51–100, 101–200, 201–300, 301–400, 401+. */
const ELECTRICITY_TIERS: readonly [upTo: number, price: number][] = [
  [50, 1_984],
  [100, 2_050],
  [200, 2_380],
  [300, 2_998],
  [400, 3_350],
  [Infinity, 3_460],
];
const ELECTRICITY_VAT = 0.08;
/** Hanoi domestic water (VND/m³ before VAT): 0–10, 10–20, 20–30, 30+. */
const WATER_TIERS: readonly [upTo: number, price: number][] = [
  [10, 8_500],
  [20, 9_900],
  [30, 16_000],
  [Infinity, 27_000],
];
/** 5 % VAT plus the 10 % wastewater environmental fee, both on the pre-tax amount. */
const WATER_SURCHARGE = 0.15;
const MANAGEMENT_VND_PER_M2 = 11_500;
const CLEANING_VND = 60_000;
const SECURITY_VND = 80_000;
const MOTORBIKE_VND = 120_000;
const CAR_VND = 1_500_000;

export type DemoData = { building: BuildingRow; units: UnitRow[]; residents: ResidentRow[]; bills: BillRow[] };

type Rng = {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly [T, number][]): T;
  chance(p: number): boolean;
  bytes(n: number): Buffer;
};

/** mulberry32: tiny, fast, and plenty for demo data (this is not for secrets). */
function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    chance: (p) => next() < p,
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => int(0, 255))),
  };
}

export function tieredAmount(quantity: number, tiers: readonly [number, number][]): number {
  let total = 0;
  let below = 0;
  for (const [upTo, price] of tiers) {
    if (quantity <= below) break;
    total += (Math.min(quantity, upTo) - below) * price;
    below = upTo;
  }
  return total;
}

export function electricityAmount(kwh: number): number {
  return Math.round(tieredAmount(kwh, ELECTRICITY_TIERS) * (1 + ELECTRICITY_VAT));
}

export function waterAmount(m3: number): number {
  return Math.round(tieredAmount(m3, WATER_TIERS) * (1 + WATER_SURCHARGE));
}

/** `2026-11` plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The UTC instant of a wall-clock time in Vietnam (UTC+7, no daylight saving). */
function vietnamInstant(month: string, day: number, hour: number, minute: number): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, day, hour - 7, minute));
}

/** Hanoi: air conditioning in summer drives consumption; winters are mild. */
const ELECTRICITY_SEASON = [0.85, 0.8, 0.85, 1.0, 1.15, 1.35, 1.4, 1.35, 1.2, 1.0, 0.9, 0.85];

function asciiSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function generateDemoData(now: Date, seed: number = DEMO_SEED): DemoData {
  const rng = createRng(seed);
  const newId = createIdGenerator(() => now, rng.bytes);
  const nowIso = now.toISOString();
  const currentMonth = vietnamDate(now).slice(0, 7);
  const months = Array.from({ length: DEMO_MONTHS }, (_, i) => addMonths(currentMonth, i - DEMO_MONTHS + 1));

  const building: BuildingRow = {
    id: newId(),
    name: DEMO_BUILDING_NAME,
    address: 'Số 36 đường Nghi Tàm, phường Tây Hồ, Hà Nội',
    created_at: nowIso,
    updated_at: nowIso,
  };

  type UnitPlan = { row: UnitRow; occupants: number; latePayer: boolean };
  const plans: UnitPlan[] = [];
  for (const tower of TOWERS) {
    for (let floor = 1; floor <= FLOORS; floor += 1) {
      for (let position = 1; position <= UNITS_PER_FLOOR; position += 1) {
        const label = `${tower}-${String(floor).padStart(2, '0')}${String(position).padStart(2, '0')}`;
        const corner = position === 1 || position === UNITS_PER_FLOOR;
        const area = corner ? rng.int(95, 120) : position === 3 ? rng.int(45, 60) : rng.int(65, 85);
        plans.push({
          row: {
            id: newId(),
            building_id: building.id,
            label,
            tower,
            floor,
            area_m2: area,
            motorbikes: rng.weighted([
              [0, 15],
              [1, 35],
              [2, 40],
              [3, 10],
            ]),
            cars: rng.weighted([
              [0, 75],
              [1, 22],
              [2, 3],
            ]),
            created_at: nowIso,
            updated_at: nowIso,
          },
          occupants: Math.max(1, Math.min(6, Math.round(area / 25) + rng.int(-1, 1))),
          // The demo resident's flat owes money, so the kiosk has something to show.
          latePayer: label === DEMO_FIRST_RESIDENT.unitLabel || rng.chance(0.1),
        });
      }
    }
  }

  const usedPhones = new Set<string>([DEMO_FIRST_RESIDENT.phone]);
  const newPhone = (): string => {
    for (;;) {
      const candidate = `+84${rng.pick(mobilePrefixes)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
      if (usedPhones.has(candidate) || normalizeVietnamesePhone(candidate) !== candidate) continue;
      usedPhones.add(candidate);
      return candidate;
    }
  };
  const newName = (): string => {
    const female = rng.chance(0.5);
    const middle = rng.pick(female ? femaleMiddleNames : maleMiddleNames);
    let given = rng.pick(female ? femaleGivenNames : maleGivenNames);
    while (given === middle) given = rng.pick(female ? femaleGivenNames : maleGivenNames);
    return `${rng.weighted(familyNames)} ${middle} ${given}`;
  };
  const newEmail = (fullName: string): string | null => {
    if (!rng.chance(0.45)) return null;
    const parts = asciiSlug(fullName).split(' ');
    // example.com: demo data must never reach a real mailbox.
    return `${parts[parts.length - 1]}.${parts[0]}${rng.int(1, 999)}@example.com`;
  };

  const residents: ResidentRow[] = [];
  const addResident = (unit: UnitRow, fullName: string, phone: string, email: string | null): void => {
    residents.push({ id: newId(), building_id: building.id, unit_id: unit.id, full_name: fullName, phone_e164: phone, email, created_at: nowIso, updated_at: nowIso });
  };
  const secondIndexes = new Set<number>();
  while (secondIndexes.size < SECOND_RESIDENTS) secondIndexes.add(rng.int(0, plans.length - 1));
  plans.forEach((plan, index) => {
    if (plan.row.label === DEMO_FIRST_RESIDENT.unitLabel) {
      addResident(plan.row, DEMO_FIRST_RESIDENT.fullName, DEMO_FIRST_RESIDENT.phone, 'mai.nguyen@example.com');
    } else {
      const name = newName();
      addResident(plan.row, name, newPhone(), newEmail(name));
    }
    if (secondIndexes.has(index)) {
      const name = newName();
      addResident(plan.row, name, newPhone(), newEmail(name));
    }
  });

  const bills: BillRow[] = [];
  for (const { row: unit, occupants, latePayer } of plans) {
    let kwhReading = rng.int(3_000, 25_000);
    let waterReading = rng.int(200, 2_500);
    const usage = 0.7 + occupants * 0.12;
    months.forEach((month, index) => {
      const age = months.length - 1 - index;
      const unpaid = age === 0 || (latePayer && age <= 2);
      const dueDate = `${addMonths(month, 1)}-15`;
      const paidAt = unpaid ? null : paymentTime(rng, addMonths(month, 1), now).toISOString();
      const base = { unit_id: unit.id, month, due_date: dueDate, status: unpaid ? ('unpaid' as const) : ('paid' as const), paid_at: paidAt, created_at: nowIso };
      const flat = (service: ServiceKind, amount: number): void => {
        bills.push({ ...base, id: newId(), service, amount_vnd: amount, meter_unit: null, previous_reading: null, current_reading: null });
      };

      const monthIndex = Number(month.slice(5)) - 1;
      const kwh = Math.max(180, Math.round(unit.area_m2 * 2.6 * usage * ELECTRICITY_SEASON[monthIndex]! * (0.85 + rng.next() * 0.3)));
      bills.push({ ...base, id: newId(), service: 'electricity', amount_vnd: electricityAmount(kwh), meter_unit: 'kWh', previous_reading: kwhReading, current_reading: kwhReading + kwh });
      kwhReading += kwh;

      const m3 = Math.max(3, Math.round(occupants * (3.5 + rng.next()) * (monthIndex >= 4 && monthIndex <= 8 ? 1.15 : 0.95)));
      bills.push({ ...base, id: newId(), service: 'water', amount_vnd: waterAmount(m3), meter_unit: 'm3', previous_reading: waterReading, current_reading: waterReading + m3 });
      waterReading += m3;

      flat('management', unit.area_m2 * MANAGEMENT_VND_PER_M2);
      flat('cleaning', CLEANING_VND);
      flat('security', SECURITY_VND);
      if (unit.motorbikes + unit.cars > 0) flat('parking', unit.motorbikes * MOTORBIKE_VND + unit.cars * CAR_VND);
      if (rng.chance(0.015)) flat('repairs', rng.int(15, 250) * 10_000);
    });
  }

  return { building, units: plans.map((p) => p.row), residents, bills };
}

/** Mostly before the due date (the 15th), sometimes late; never after `now`. */
function paymentTime(rng: Rng, payMonth: string, now: Date): Date {
  const late = rng.chance(0.12);
  const day = late ? rng.int(16, 28) : rng.int(1, 15);
  const candidate = vietnamInstant(payMonth, day, rng.int(7, 21), rng.int(0, 59));
  if (candidate.getTime() < now.getTime()) return candidate;
  const start = vietnamInstant(payMonth, 1, 0, 0).getTime();
  return new Date(start + Math.floor((now.getTime() - start) * rng.next()));
}

/**
 * Seeds the demo building unless this database already has it; returns its info either
 * way. One transaction, so a crash mid-seed leaves nothing half-made.
 */
/**
 * Dev mode only (the hub passes `demoStaffSignIn` only then): the demo staff can sign in to the
 * console with this password and a code from the dev SMS outbox. Never in a production seed.
 */
export const DEMO_STAFF_PASSWORD = 'song-hong-demo-2026';
export const DEMO_STAFF = [
  { fullName: 'Nguyễn Thị Lan', role: 'manager', username: 'lan.nguyen', phone: '+84399000101' },
  { fullName: 'Trần Văn Hùng', role: 'care', username: 'hung.tran', phone: '+84399000102' },
] as const;

/** The demo building's receiving account: a plausible Vietcombank (BIN 970436) account of the management board. */
export function demoPaymentAccount(buildingId: string, now: Date): PaymentAccountRow {
  return { building_id: buildingId, bank_bin: '970436', bank_name: 'Vietcombank', account_number: '1023456789', account_name: 'BAN QUAN TRI CHUNG CU SONG HONG', updated_at: now.toISOString() };
}

export async function seedDemo(
  db: HubDb,
  deps: { clock: () => Date; logger: Logger; sync?: SyncService; staffAccess?: StaffAccessService; demoStaffSignIn?: { hash(password: string): Promise<string> } },
): Promise<DemoInfo> {
  const sync = deps.sync ?? createSyncService({ db, clock: deps.clock, newId: createIdGenerator(deps.clock, (n) => randomBytes(n)) });
  // Set only when this call creates the building: who gets the demo staff's profile view.
  let viewedByStaff: string | null = null;
  const info = await db.transaction().execute(async (trx) => {
    await lockKey(trx, 'kiot:seed-demo');
    const existingId = await getSetting(trx, DEMO_SETTING_KEY);
    const existing = existingId ? await getBuilding(trx, existingId) : undefined;
    if (existing) {
      // A demo building seeded before the change feed existed gets its public data now.
      if (!(await getSyncHead(trx, existing.id))) await publishDemoPublicData(trx, sync, existing, deps.clock());
      // …and one seeded before payments existed gets its receiving account.
      if (!(await getPaymentAccount(trx, existing.id))) await putPaymentAccount(trx, demoPaymentAccount(existing.id, deps.clock()));
      return demoInfo(trx, existing.id, existing.name);
    }

    const started = Date.now();
    const now = deps.clock();
    const data = generateDemoData(now);
    await insertBuilding(trx, data.building);
    await insertUnits(trx, data.units);
    await insertResidents(trx, data.residents);
    await insertBills(trx, data.bills);
    await putPaymentAccount(trx, demoPaymentAccount(data.building.id, now));
    await putSetting(trx, DEMO_SETTING_KEY, data.building.id, now.toISOString());
    // The fifth demo resident (as listed): the others are signed in by tests that must not meet the re-consent review.
    const reviewer = [...data.residents].sort((a, b) => (a.id < b.id ? -1 : 1))[4];
    if (reviewer) await seedDemoConsents(trx, reviewer.id, createIdGenerator(deps.clock, (n) => randomBytes(n)));
    await publishDemoPublicData(trx, sync, data.building, now);
    deps.logger.info('Seeded the demo building', {
      units: data.units.length,
      residents: data.residents.length,
      bills: data.bills.length,
      ms: Date.now() - started,
    });
    viewedByStaff = [...data.residents].sort((a, b) => (a.id < b.id ? -1 : 1))[1]?.id ?? null;
    return demoInfo(trx, data.building.id, data.building.name);
  });
  // After the commit: the staff service opens its own transaction, as it does in the console.
  if (viewedByStaff !== null && deps.staffAccess) await seedDemoStaff(deps.staffAccess, info.buildingId, viewedByStaff);
  if (deps.demoStaffSignIn) await seedDemoStaffSignIn(db, info.buildingId, deps.demoStaffSignIn, deps.clock());
  return info;
}

/** Gives the demo staff members a username, a phone and the dev password, once (a later start leaves them as they are). */
async function seedDemoStaffSignIn(db: HubDb, buildingId: string, passwords: { hash(password: string): Promise<string> }, now: Date): Promise<void> {
  const members = await listStaffMembers(db, buildingId);
  for (const demo of DEMO_STAFF) {
    const member = members.find((m) => m.full_name === demo.fullName && m.role === demo.role);
    if (!member || (await getStaffAccount(db, member.id)) || (await findStaffAccountByUsername(db, demo.username))) continue;
    await insertStaffCredential(db, {
      staff_id: member.id,
      username: demo.username,
      password_hash: await passwords.hash(DEMO_STAFF_PASSWORD),
      must_change_password: 0,
      phone_e164: demo.phone,
      email: null,
      failed_attempts: 0,
      locked_until: null,
      disabled_at: null,
      password_changed_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
  }
}

/**
 * Two demo staff members, and one audited profile view through the real service, so the
 * second demo resident's "who accessed my data" screen has something to show.
 */
async function seedDemoStaff(staffAccess: StaffAccessService, buildingId: string, residentId: string): Promise<void> {
  const manager = await staffAccess.addStaffMember({ buildingId, fullName: 'Nguyễn Thị Lan', role: 'manager' });
  await staffAccess.addStaffMember({ buildingId, fullName: 'Trần Văn Hùng', role: 'care' });
  await staffAccess.viewResidentProfile(manager.id, residentId, 'Kiểm tra thông tin liên hệ trước khi gửi thông báo bảo trì thang máy');
}

async function demoInfo(db: HubTrx, buildingId: string, buildingName: string): Promise<DemoInfo> {
  const rows = await listResidentsInOrder(db, buildingId, DEMO_INFO_RESIDENTS);
  return { buildingId, buildingName, residents: rows.map((r) => ({ fullName: r.fullName, phone: r.phoneE164, unitLabel: r.unitLabel })) };
}

export const DEMO_HOTLINE = '024 3718 6868';
export const DEMO_OFFICE_HOURS = { vi: 'Thứ Hai – Thứ Bảy, 7:30 – 17:30', en: 'Monday – Saturday, 7:30 a.m. – 5:30 p.m.' };

/** Vietnamese and English names of the services bills are for. */
export const DEMO_SERVICE_NAMES: Record<ServiceKind, { vi: string; en: string }> = {
  electricity: { vi: 'Tiền điện', en: 'Electricity' },
  water: { vi: 'Tiền nước', en: 'Water' },
  management: { vi: 'Phí quản lý', en: 'Management fee' },
  cleaning: { vi: 'Phí vệ sinh', en: 'Cleaning' },
  security: { vi: 'Phí an ninh', en: 'Security' },
  parking: { vi: 'Phí gửi xe', en: 'Parking' },
  repairs: { vi: 'Sửa chữa', en: 'Repairs' },
};

/**
 * What every kiosk of the demo building shows before anyone signs in: its settings, the
 * service catalogue and a few announcements, published on the change feed like any change.
 */
async function publishDemoPublicData(trx: HubTrx, sync: SyncService, building: BuildingRow, now: Date): Promise<void> {
  const at = (daysAgo: number): string => new Date(now.getTime() - daysAgo * 24 * 60 * 60 * 1000).toISOString();
  await sync.publish(trx, building.id, {
    type: 'building_settings',
    id: building.id,
    data: { name: building.name, address: building.address, hotline: DEMO_HOTLINE, officeHours: DEMO_OFFICE_HOURS, defaultLocale: 'vi' },
  });
  await sync.publish(trx, building.id, {
    type: 'service_catalogue',
    id: building.id,
    data: { services: serviceKinds.map((kind) => ({ kind, name: DEMO_SERVICE_NAMES[kind] })) },
  });
  const announcements = [
    {
      id: 'demo-announcement-water',
      publishedAt: at(2),
      title: { vi: 'Tạm ngừng cấp nước tòa B', en: 'Water off in tower B' },
      body: {
        vi: 'Từ 8 giờ đến 11 giờ sáng thứ Bảy, tòa B tạm ngừng cấp nước để súc rửa bể chứa. Mong cư dân thông cảm và chủ động trữ nước.',
        en: 'From 8 to 11 a.m. on Saturday, tower B has no water while the tanks are cleaned. Please store some water beforehand.',
      },
    },
    {
      id: 'demo-announcement-fire-drill',
      publishedAt: at(5),
      title: { vi: 'Diễn tập phòng cháy chữa cháy', en: 'Fire drill' },
      body: {
        vi: 'Ban quản lý tổ chức diễn tập phòng cháy chữa cháy lúc 15 giờ Chủ nhật tại sảnh tòa A. Chuông báo cháy sẽ kêu trong khoảng 10 phút.',
        en: 'The management board holds a fire drill at 3 p.m. on Sunday in the tower A lobby. The alarm will sound for about ten minutes.',
      },
    },
    {
      id: 'demo-announcement-fees',
      publishedAt: at(9),
      title: { vi: 'Hạn nộp phí dịch vụ', en: 'Service fees due' },
      body: {
        vi: 'Phí dịch vụ tháng này cần được thanh toán trước ngày 15. Cư dân có thể xem hóa đơn ngay tại ki-ốt ở sảnh.',
        en: "This month's service fees are due by the 15th. Residents can see their bills at the lobby kiosk.",
      },
    },
  ];
  for (const { id, ...data } of announcements) await sync.publish(trx, building.id, { type: 'announcement', id, data });
}
