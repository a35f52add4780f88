import { describe, expect, it } from 'vitest';
import { NOTICE_SMS_MAX } from '../../../../shared/incidents';
import { incidentDrafts, incidentReference } from '../../../../server/adapters/incident-notices';

const facts = {
  incidentId: '019a7b2c-1d2e-7f00-8abc-0123456789ab',
  buildingName: 'Chung cư Sông Hồng Residence',
  title: 'Gửi nhầm danh sách cư dân',
  description: 'Bảng tính có họ tên và số điện thoại bị gửi nhầm tới nhà thầu.',
  detectedAt: '2026-11-25T02:35:00.000Z',
  categories: ['contact', 'identity'] as const,
  estimatedAffected: 120,
};

describe('breach notice drafts', () => {
  const drafts = incidentDrafts(facts);
  const ref = incidentReference(facts.incidentId);

  it('address the authority generically, in Vietnamese and English, with the facts of the register', () => {
    expect(drafts.authority.vi.text).toContain('Cơ quan chuyên trách bảo vệ dữ liệu cá nhân');
    expect(drafts.authority.en.text).toContain('competent authority for personal data protection');
    for (const d of [drafts.authority.vi, drafts.authority.en]) {
      expect(d.subject).toContain(ref);
      expect(d.text).toContain(facts.title);
      expect(d.text).toContain('120');
      // Vietnam time, dd/MM/yyyy HH:mm.
      expect(d.text).toContain('25/11/2026 09:35');
    }
    expect(drafts.authority.vi.text).toContain('thông tin liên lạc');
    expect(drafts.authority.en.text).toContain('contact details');
  });

  it('tell residents what may be affected and where to ask, without the incident description', () => {
    for (const text of [drafts.residentSms.vi, drafts.residentSms.en, drafts.residentMail.vi.text, drafts.residentMail.en.text]) {
      expect(text).toContain(ref);
      expect(text).toContain('25/11/2026 09:35');
      expect(text).not.toContain(facts.description);
    }
    expect(drafts.residentSms.vi.length).toBeLessThanOrEqual(NOTICE_SMS_MAX);
    expect(drafts.residentSms.en.length).toBeLessThanOrEqual(NOTICE_SMS_MAX);
  });

  it('a short reference the office can read out', () => {
    expect(ref).toBe('SC-456789AB');
  });
});
