/**
 * `building:public` from what the kiosk pulled: the settings, the announcements newest first,
 * and an emergency broadcast from the moment a pull brings it until its tombstone removes it.
 * Real encrypted kiosk database; pages applied as the hub sends them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskDatabase } from '../../../../../electron/core/db/open';
import { createBuildingService } from '../../../../../electron/core/features/building/service';
import { applyPullPage } from '../../../../../electron/core/sync/pull';
import type { PullChange } from '../../../../../electron/core/sync/transport';
import { tempKioskDb } from '../../sync/fake-sync-hub';

const AT = '2026-11-25T02:35:00.000Z';
let temp: ReturnType<typeof tempKioskDb>;
let db: KioskDatabase;
let seq = 0;

function apply(changes: Omit<PullChange, 'seq'>[], snapshot = false): void {
  applyPullPage(db, { changes: changes.map((c) => ({ ...c, seq: ++seq })), cursor: `c${seq}`, hasMore: false }, snapshot, AT);
}

const settings = { name: 'Chung cư Sông Hồng', address: '12 Đường Thanh Niên', hotline: '024 3718 6868', officeHours: { vi: 'Thứ Hai – Thứ Bảy', en: 'Monday – Saturday' }, defaultLocale: 'vi' };
const notice = (day: string, title: string): { publishedAt: string; title: { vi: string; en: string }; body: { vi: string; en: string } } => ({ publishedAt: `2026-11-${day}T01:00:00.000Z`, title: { vi: title, en: title }, body: { vi: 'Nội dung', en: 'Text' } });
const fire = { id: 'eb-1', startedAt: AT, title: { vi: 'Cháy tầng hầm', en: 'Fire in the basement' }, body: { vi: 'Xuống sân', en: 'Go to the yard' } };

beforeEach(() => {
  temp = tempKioskDb();
  db = temp.db;
});

afterEach(() => temp.cleanup());

describe('building:public', () => {
  it('is empty before the first pull, so the screen falls back to the enrolled name', () => {
    expect(createBuildingService({ db }).publicData()).toEqual({ name: '', address: '', hotline: '', officeHours: null, announcements: [], emergency: null });
  });

  it('reads the settings and the announcements newest first, leaving out what it cannot read', () => {
    apply(
      [
        { type: 'building_settings', id: 'b-1', data: settings },
        { type: 'announcement', id: 'a-old', data: notice('20', 'Cũ') },
        { type: 'announcement', id: 'a-new', data: notice('24', 'Mới') },
        { type: 'announcement', id: 'a-broken', data: { title: 'no body' } },
      ],
      true,
    );
    const data = createBuildingService({ db }).publicData();
    expect(data).toMatchObject({ name: settings.name, address: settings.address, hotline: settings.hotline, officeHours: settings.officeHours, emergency: null });
    expect(data.announcements.map((a) => [a.id, a.title.vi])).toEqual([
      ['a-new', 'Mới'],
      ['a-old', 'Cũ'],
    ]);
  });

  it('shows an emergency broadcast once a pull brings it, and drops it at its tombstone', () => {
    const building = createBuildingService({ db });
    apply([{ type: 'building_settings', id: 'b-1', data: settings }], true);
    apply([{ type: 'emergency_broadcast', id: 'eb-1', data: fire }]);
    expect(building.publicData().emergency).toEqual(fire);
    apply([{ type: 'emergency_broadcast', id: 'eb-1', data: null }]);
    expect(building.publicData().emergency).toBeNull();
    // A fresh snapshot without it (the hub's feed after it ended) leaves none either.
    apply([{ type: 'building_settings', id: 'b-1', data: settings }], true);
    expect(building.publicData()).toMatchObject({ name: settings.name, emergency: null });
  });
});
