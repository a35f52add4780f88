// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BuildingAnnouncement } from '../../../../../shared/contract/building';
import { ANNOUNCEMENT_ROTATE_MS } from '../../../../../renderer/kiosk/attract/AttractScreen';
import { BUILDING_REFRESH_MS } from '../../../../../renderer/kiosk/broadcast/use-building';
import { mainProcess, renderApp, teardown, toHome } from '../../render-app';

const notice = (id: string, title: string, day: string): BuildingAnnouncement => ({
  id,
  publishedAt: `2026-11-${day}T01:00:00.000Z`,
  title: { vi: title, en: `${title} (en)` },
  body: { vi: 'Nội dung', en: 'Text' },
});
const announcements = [notice('a-1', 'Cắt nước tòa B', '24'), notice('a-2', 'Diễn tập cháy', '22'), notice('a-3', 'Phí gửi xe', '20')];
const fire = { id: 'eb-1', startedAt: '2026-11-25T02:40:00.000Z', title: { vi: 'Cháy tầng hầm', en: 'Fire in the basement' }, body: { vi: 'Xuống sân trước', en: 'Go to the front yard' } };

beforeEach(() => {
  // 23:59:50 in Hà Nội on Tuesday 24/11/2026; time still flows so the screens load.
  vi.useFakeTimers({ now: new Date('2026-11-24T16:59:50.000Z'), shouldAdvanceTime: true });
});

afterEach(() => {
  teardown();
  vi.useRealTimers();
});

async function advance(ms: number): Promise<void> {
  await act(async () => {
    vi.advanceTimersByTime(ms);
    await Promise.resolve();
  });
}

describe('attract screen', () => {
  it('shows the Vietnam time and date, turning over at midnight', async () => {
    await renderApp({ building: { name: 'Chung cư Sông Hồng', announcements } });
    expect((await screen.findByTestId('attract-time')).textContent).toBe('23:59');
    expect(screen.getByTestId('attract-date').textContent).toBe('Thứ Ba, 24/11/2026');
    expect(screen.getByTestId('attract-clock').getAttribute('aria-label')).toBe('Bây giờ là 23:59, Thứ Ba 24/11/2026');
    await advance(11_000);
    expect(screen.getByTestId('attract-time').textContent).toBe('00:00');
    expect(screen.getByTestId('attract-date').textContent).toBe('Thứ Tư, 25/11/2026');
  });

  it('turns the announcements every 8 s, newest first, and holds one when touched', async () => {
    await renderApp({ building: { name: 'Chung cư Sông Hồng', announcements } });
    const title = async (): Promise<string | null> => (await screen.findByTestId('attract-announcement')).querySelector('h3')!.textContent;
    expect(await title()).toBe('Cắt nước tòa B');
    expect(screen.getByTestId('attract-dot-0').getAttribute('aria-current')).toBe('true');
    // Choosing a dot holds it; resuming starts a full 8 s from now.
    fireEvent.click(screen.getByTestId('attract-dot-0'));
    fireEvent.click(screen.getByTestId('attract-news-pause'));
    await advance(ANNOUNCEMENT_ROTATE_MS - 100);
    expect(await title()).toBe('Cắt nước tòa B');
    await advance(100);
    expect(await title()).toBe('Diễn tập cháy');
    await advance(ANNOUNCEMENT_ROTATE_MS * 2);
    // Round again after the last.
    expect(await title()).toBe('Cắt nước tòa B');
    fireEvent.click(screen.getByTestId('attract-announcement'));
    await advance(ANNOUNCEMENT_ROTATE_MS * 3);
    expect(await title()).toBe('Cắt nước tòa B');
    expect(screen.getByTestId('attract-news-pause').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('attract-dot-2'));
    expect(await title()).toBe('Phí gửi xe');
    expect(screen.getByTestId('attract-dot-2').getAttribute('aria-current')).toBe('true');
  });
});

describe('emergency takeover', () => {
  it('covers the screen in both languages and signs the resident out; ending it returns to attract', async () => {
    const { fake } = await renderApp({ building: { name: 'Chung cư Sông Hồng', announcements } });
    await toHome();
    await mainProcess(() => fake.setBuilding({ emergency: fire }));
    await advance(BUILDING_REFRESH_MS);
    const takeover = await screen.findByTestId('emergency');
    expect(screen.getByTestId('emergency-title-vi').textContent).toBe('Cháy tầng hầm');
    expect(screen.getByTestId('emergency-title-en').textContent).toBe('Fire in the basement');
    expect(takeover.querySelector('button')).toBeNull();
    expect(fake.callsTo('session:end')).toHaveLength(1);
    expect(fake.view().state).toBe('attract');
    expect(screen.queryByTestId('home')).toBeNull();
    await mainProcess(() => fake.setBuilding({ emergency: null }));
    await advance(BUILDING_REFRESH_MS);
    expect(screen.queryByTestId('emergency')).toBeNull();
    const start = screen.getByTestId('attract-start');
    expect(start).toBeVisible();
    expect(start.textContent).toContain('Chạm để bắt đầu');
  });
});
