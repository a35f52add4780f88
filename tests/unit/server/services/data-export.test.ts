/**
 * The readable summary of a resident's export: Vietnamese first, then English; instants shown
 * as dd/MM/yyyy in Vietnam's time; money with each language's thousands separator; purposes
 * named as the policy version the consent was given under named them.
 */
import { describe, expect, it } from 'vitest';
import { exportSummary } from '../../../../server/services/data-export';
import type { ExportDocument } from '../../../../server/services/data-export';
import { overdueRequestsMail, exportMail } from '../../../../server/adapters/mail/request-mails';

function document(overrides: Partial<ExportDocument> = {}): ExportDocument {
  return {
    schemaVersion: 1,
    // 23:30 on 30 November in UTC is already 1 December in Vietnam.
    generatedAt: '2026-11-30T17:30:00.000Z',
    profile: {
      residentId: 'r1',
      fullName: 'Lê Văn Bình',
      phone: '+84912345678',
      email: null,
      contactAddress: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      building: { id: 'b1', name: 'Chung cư Sông Hồng', address: '1 Ngõ Trạm' },
      units: [{ id: 'u1', label: 'A-0101', tower: 'A', floor: 1, areaM2: 70, motorbikes: 1, cars: 0 }],
    },
    consents: {
      current: [{ id: 'c2', purposeId: 'surveys', granted: false, policyVersion: 2, channel: 'kiosk', deviceId: null, byStaff: false, recordedAt: '2026-06-01T03:00:00.000Z' }],
      history: [
        { id: 'c1', purposeId: 'surveys', granted: true, policyVersion: 1, channel: 'kiosk', deviceId: null, byStaff: false, recordedAt: '2026-05-01T03:00:00.000Z' },
        { id: 'c2', purposeId: 'surveys', granted: false, policyVersion: 2, channel: 'kiosk', deviceId: null, byStaff: false, recordedAt: '2026-06-01T03:00:00.000Z' },
      ],
      receiptChannel: 'sms',
      policyVersions: [
        { version: 1, effectiveFrom: '2026-01-01', purposes: [{ id: 'surveys', title: { vi: 'Khảo sát cũ', en: 'Old surveys' } }] },
        { version: 2, effectiveFrom: '2026-05-15', purposes: [{ id: 'surveys', title: { vi: 'Khảo sát ý kiến', en: 'Opinion surveys' } }] },
      ],
    },
    accessLog: [{ id: 'a1', at: '2026-07-01T02:00:00.000Z', actor: { kind: 'staff', role: 'manager', displayName: 'Nguyễn Thị Lan' }, action: 'profile.viewed', reason: 'Kiểm tra liên hệ' }],
    contactChanges: [],
    corrections: [],
    requests: [],
    sessions: [],
    codeRequests: [],
    devices: [],
    bills: [
      { id: 'x1', service: 'electricity', month: '2026-10', amount_vnd: 1_234_567, due_date: '2026-11-15', status: 'unpaid', paid_at: null, meter_unit: 'kWh', previous_reading: 1, current_reading: 2 },
      { id: 'x2', service: 'water', month: '2026-09', amount_vnd: 250_000, due_date: '2026-10-15', status: 'paid', paid_at: '2026-10-01T00:00:00.000Z', meter_unit: 'm3', previous_reading: 1, current_reading: 2 },
    ],
    ...overrides,
  };
}

describe('export summary', () => {
  const text = exportSummary(document());

  it('is Vietnamese first, then English', () => {
    expect(text.indexOf('BẢN SAO DỮ LIỆU CỦA BẠN')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('BẢN SAO DỮ LIỆU CỦA BẠN')).toBeLessThan(text.indexOf('A COPY OF YOUR DATA'));
  });

  it('shows instants as dd/MM/yyyy in Vietnam and dates as they are', () => {
    expect(text).toContain('Lập ngày: 01/12/2026 00:30');
    expect(text).toContain('Prepared on: 01/12/2026 00:30');
    expect(text).toContain('hạn 15/11/2026');
    expect(text).not.toContain('2026-11-30');
  });

  it('writes money with thousands separators in each language', () => {
    expect(text).toContain('1.234.567 ₫');
    expect(text).toContain('1,234,567 ₫');
    expect(text).toContain('Đã thanh toán: 1 — 250.000 ₫');
    expect(text).toContain('Paid: 1 — 250,000 ₫');
  });

  it('names a purpose as the policy version of the choice named it, and lists who accessed the data', () => {
    expect(text).toContain('Khảo sát ý kiến: không đồng ý');
    expect(text).toContain('Opinion surveys: not agreed');
    expect(text).not.toContain('Khảo sát cũ');
    expect(text).toContain('Nguyễn Thị Lan (manager): profile.viewed — Kiểm tra liên hệ');
  });

  it('says when there is nothing, instead of leaving a heading empty', () => {
    const empty = exportSummary(document({ accessLog: [], consents: { current: [], history: [], receiptChannel: 'sms', policyVersions: [] } }));
    expect(empty).toContain('Ai đã truy cập dữ liệu của bạn:\n  (không có)');
    expect(empty).toContain('Who accessed your data:\n  (none)');
  });
});

describe('request mails', () => {
  it('attaches the export as a JSON file and puts the summary in the body', () => {
    const mail = exportMail({ to: 'a@example.vn', summary: 'TÓM TẮT', json: '{"schemaVersion":1}', filename: 'kiot-du-lieu-cua-toi.json' });
    expect(mail.text).toContain('TÓM TẮT');
    expect(mail.attachments).toEqual([{ filename: 'kiot-du-lieu-cua-toi.json', contentType: 'application/json; charset=utf-8', content: '{"schemaVersion":1}' }]);
  });

  it('lists overdue requests by id, kind and deadline in both languages', () => {
    const mail = overdueRequestsMail({
      to: 'm@example.vn',
      buildingName: 'Tòa A',
      items: [{ requestId: 'req-1', kind: 'deletion', deadline: 'acknowledge', dueAt: '2026-12-03T17:00:00.000Z' }],
    });
    expect(mail.text).toContain('req-1 (xóa dữ liệu): quá hạn xác nhận đã nhận, hạn 04/12/2026 00:00');
    expect(mail.text).toContain('req-1 (deletion): acknowledgement overdue, was due 04/12/2026 00:00');
  });
});
