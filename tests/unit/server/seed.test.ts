import { describe, expect, it } from 'vitest';
import { serviceKinds } from '../../../shared/domain';
import { normalizeVietnamesePhone } from '../../../shared/phone';
import { addMonths, DEMO_FIRST_RESIDENT, electricityAmount, generateDemoData, waterAmount } from '../../../server/seed';

const T0 = new Date('2026-11-25T02:35:00.000Z');

describe('demo data', () => {
  const data = generateDemoData(T0);

  it('is deterministic for a given clock', () => {
    const again = generateDemoData(T0);
    expect(again.bills).toHaveLength(data.bills.length);
    expect(again.residents.map((r) => [r.full_name, r.phone_e164])).toEqual(data.residents.map((r) => [r.full_name, r.phone_e164]));
    expect(again.bills.map((b) => b.amount_vnd).join(',')).toBe(data.bills.map((b) => b.amount_vnd).join(','));
  });

  it('has ~200 units in towers A and B and ~300 residents, the demo resident first', () => {
    expect(data.units).toHaveLength(200);
    expect(new Set(data.units.map((u) => u.tower))).toEqual(new Set(['A', 'B']));
    expect(data.units[0]!.label).toBe('A-0101');
    expect(data.residents).toHaveLength(300);
    expect(data.residents[0]).toMatchObject({ full_name: DEMO_FIRST_RESIDENT.fullName, phone_e164: DEMO_FIRST_RESIDENT.phone, unit_id: data.units[0]!.id });
  });

  it('gives residents Vietnamese names with diacritics and unique valid mobile numbers', () => {
    const phones = data.residents.map((r) => r.phone_e164);
    expect(new Set(phones).size).toBe(phones.length);
    for (const phone of phones) expect(normalizeVietnamesePhone(phone)).toBe(phone);
    for (const r of data.residents) expect(r.full_name.split(' ')).toHaveLength(3);
    expect(data.residents.filter((r) => /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i.test(r.full_name)).length).toBeGreaterThan(250);
    const nguyen = data.residents.filter((r) => r.full_name.startsWith('Nguyễn ')).length;
    expect(nguyen).toBeGreaterThan(60);
  });

  it('bills 24 months ending this month for at least six services, in whole đồng', () => {
    const months = [...new Set(data.bills.map((b) => b.month))].sort();
    expect(months).toHaveLength(24);
    expect(months.at(-1)).toBe('2026-11');
    expect(months[0]).toBe(addMonths('2026-11', -23));
    const services = new Set(data.bills.map((b) => b.service));
    expect(services.size).toBeGreaterThanOrEqual(6);
    for (const s of services) expect(serviceKinds).toContain(s);
    // Collect offenders and compare once: 28k individual expects would dominate the run time.
    expect(data.bills.filter((b) => !Number.isSafeInteger(b.amount_vnd) || b.amount_vnd <= 0)).toEqual([]);
    expect(data.bills.filter((b) => b.due_date !== `${addMonths(b.month, 1)}-15`)).toEqual([]);
  });

  it('prices realistically: tiered electricity and water with readings, management by area', () => {
    const electricity = data.bills.filter((b) => b.service === 'electricity');
    expect(Math.min(...electricity.map((b) => b.amount_vnd))).toBeGreaterThanOrEqual(400_000);
    expect(Math.max(...electricity.map((b) => b.amount_vnd))).toBeLessThanOrEqual(2_500_000);
    expect(electricity.filter((b) => b.meter_unit !== 'kWh' || electricityAmount(b.current_reading! - b.previous_reading!) !== b.amount_vnd)).toEqual([]);
    const water = data.bills.filter((x) => x.service === 'water');
    expect(water.filter((b) => b.meter_unit !== 'm3' || waterAmount(b.current_reading! - b.previous_reading!) !== b.amount_vnd)).toEqual([]);
    // 100 kWh = 50 × 1,984 + 50 × 2,050 before 8 % VAT.
    expect(electricityAmount(100)).toBe(Math.round(201_700 * 1.08));
    const units = new Map(data.units.map((u) => [u.id, u]));
    const management = data.bills.filter((x) => x.service === 'management');
    expect(management.filter((b) => !(b.amount_vnd / units.get(b.unit_id)!.area_m2 >= 8_000 && b.amount_vnd / units.get(b.unit_id)!.area_m2 <= 15_000))).toEqual([]);
    // Parking only for units that have vehicles.
    const parked = new Set(data.bills.filter((b) => b.service === 'parking').map((b) => b.unit_id));
    for (const u of data.units) expect(parked.has(u.id)).toBe(u.motorbikes + u.cars > 0);
  });

  it('leaves this month unpaid, some older bills overdue, and the rest paid before now', () => {
    const current = data.bills.filter((b) => b.month === '2026-11');
    expect(current.every((b) => b.status === 'unpaid' && b.paid_at === null)).toBe(true);
    const older = data.bills.filter((b) => b.month !== '2026-11');
    const unpaidOlder = older.filter((b) => b.status === 'unpaid');
    expect(unpaidOlder.length).toBeGreaterThan(0);
    expect(unpaidOlder.some((b) => b.due_date < '2026-11-25')).toBe(true);
    expect(unpaidOlder.length).toBeLessThan(older.length * 0.05);
    const badPayments = older.filter((b) => b.status === 'paid' && !(b.paid_at! < T0.toISOString() && b.paid_at! >= `${addMonths(b.month, 1)}-01`));
    expect(badPayments).toEqual([]);
    // The demo resident's flat owes something overdue, so the kiosk has something to show.
    const demoUnit = data.units[0]!.id;
    expect(data.bills.some((b) => b.unit_id === demoUnit && b.status === 'unpaid' && b.due_date < '2026-11-25')).toBe(true);
  });

  it('knows month arithmetic across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-11', -23)).toBe('2024-12');
  });
});
