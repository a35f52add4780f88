import { describe, expect, it } from 'vitest';
import { purposeChanged } from '../../../shared/consents';
import type { PurposeDefinition } from '../../../shared/consents';

const base: PurposeDefinition = {
  id: 'delivery_partners',
  necessary: false,
  title: { vi: 'Chia sẻ', en: 'Sharing' },
  data: { vi: 'Họ tên', en: 'Name' },
  use: { vi: 'Giao hàng', en: 'Delivery' },
  recipients: { vi: 'Đối tác A', en: 'Partner A' },
};

describe('purposeChanged', () => {
  it('asks again when the use or the recipients change, in either language', () => {
    expect(purposeChanged(base, { ...base, recipients: { ...base.recipients, vi: 'Đối tác A và B' } })).toBe(true);
    expect(purposeChanged(base, { ...base, recipients: { ...base.recipients, en: 'Partners A and B' } })).toBe(true);
    expect(purposeChanged(base, { ...base, use: { ...base.use, en: 'Delivery and marketing' } })).toBe(true);
  });

  it('does not ask again for a reworded title or data list', () => {
    expect(purposeChanged(base, base)).toBe(false);
    expect(purposeChanged(base, { ...base, title: { vi: 'Chia sẻ liên hệ', en: 'Sharing contacts' }, data: { vi: 'Họ tên, căn hộ', en: 'Name, apartment' } })).toBe(false);
  });
});
