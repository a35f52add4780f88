// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/App';
import { awaitBoot, prefetchBoot } from '../../../../renderer/app/boot';
import type { BootPrefetch } from '../../../../renderer/app/boot';
import { createFakeKiot } from '../fake-kiot';
import type { FakeKiot, FakeKiotOptions } from '../fake-kiot';

afterEach(() => {
  cleanup();
  delete (window as Partial<Window>).kiot;
});

const announcement = {
  id: 'a1',
  publishedAt: '2026-11-20T02:00:00.000Z',
  title: { vi: 'Cắt nước thứ Bảy', en: 'Water off on Saturday' },
  body: { vi: 'Từ 8 giờ đến 11 giờ.', en: 'From 8 to 11 am.' },
};

/** As main.tsx does: the start-up calls go out first, and the app is rendered once they have answered. */
async function bootThenRender(options: FakeKiotOptions = {}, beforeRender?: (fake: FakeKiot) => void): Promise<{ fake: FakeKiot; boot: BootPrefetch }> {
  const fake = createFakeKiot(options);
  window.kiot = fake.api;
  const boot = prefetchBoot(fake.api)!;
  await awaitBoot(boot, 1_000);
  beforeRender?.(fake);
  render(<App boot={boot} />);
  return { fake, boot };
}

describe('start-up calls made before React renders (main.tsx)', () => {
  it('draws the attract screen, announcements included, in the very first render: no loading line, each call made once', async () => {
    const { fake } = await bootThenRender({ building: { announcements: [announcement] } });
    // Synchronously after render: nothing awaited, so this is the first screen drawn.
    expect(screen.getByTestId('attract-start')).toBeVisible();
    expect(screen.getByTestId('attract-announcement').textContent).toContain('Cắt nước thứ Bảy');
    expect(screen.queryByText('Đang khởi động…')).toBeNull();
    await act(async () => {
      await Promise.resolve();
    });
    expect(fake.callsTo('app:info')).toHaveLength(1);
    expect(fake.callsTo('session:get')).toHaveLength(1);
    expect(fake.callsTo('building:public')).toHaveLength(1);
  });

  it("starts in the device's own default language", async () => {
    await bootThenRender({ defaultLocale: 'en' });
    expect(screen.getByTestId('attract-start').textContent).toContain('Touch');
    expect(document.documentElement.lang).toBe('en');
  });

  it('keeps a change the main process pushed after answering (a countdown that began meanwhile)', async () => {
    const { boot } = await bootThenRender({}, (fake) => fake.startCountdown(12));
    expect(boot.latest()?.countdown?.secondsLeft).toBe(12);
    expect(await screen.findByTestId('countdown-overlay')).toBeVisible();
  });

  it('shows the loading line while a slow main process has not answered, then the screen, without asking twice', async () => {
    const fake = createFakeKiot();
    window.kiot = fake.api;
    const release = fake.hold('app:info');
    const boot = prefetchBoot(fake.api)!;
    await awaitBoot(boot, 5);
    render(<App boot={boot} />);
    expect(screen.getByRole('status').textContent).toContain('Đang khởi động');
    act(() => release());
    expect(await screen.findByTestId('attract-start')).toBeVisible();
    expect(fake.callsTo('app:info')).toHaveLength(1);
    expect(fake.callsTo('session:get')).toHaveLength(1);
  });

  it('asks again when the start-up answer was a failure and the resident taps retry', async () => {
    const fake = createFakeKiot();
    window.kiot = fake.api;
    fake.failNext('app:info', { code: 'internal', message: 'core not ready' });
    const boot = prefetchBoot(fake.api)!;
    await awaitBoot(boot, 1_000);
    render(<App boot={boot} />);
    const retry = await screen.findByRole('button', { name: /thử lại/i });
    act(() => retry.click());
    expect(await screen.findByTestId('attract-start')).toBeVisible();
    expect(fake.callsTo('app:info')).toHaveLength(2);
  });
});
