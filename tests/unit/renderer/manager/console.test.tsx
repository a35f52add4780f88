// @vitest-environment jsdom
import type { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../renderer/app/App';
import { ManagerConsole } from '../../../../renderer/app/ManagerConsole';
import { createQueryClient } from '../../../../renderer/app/query-client';
import { KiotProvider } from '../../../../renderer/components/KiotProvider';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { addConsoleResources } from '../../../../renderer/i18n/console-resources';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';
import { createFakeKiot } from '../fake-kiot';
import type { FakeKiot } from '../fake-kiot';
import { mainProcess, teardown } from '../render-app';

// The router scrolls the window to the top on navigation; jsdom has no layout to scroll.
beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});
afterEach(() => {
  teardown();
  vi.restoreAllMocks();
});

function renderConsole(initialPath: string): { fake: FakeKiot; queryClient: QueryClient } {
  const fake = createFakeKiot({ mode: 'manager', buildingName: 'Chung cư Hoa Sen', version: '1.2.3' });
  const queryClient = createQueryClient();
  render(
    <I18nProvider i18n={addConsoleResources(createI18n('vi'))}>
      <KiotProvider api={fake.api}>
        <ManagerConsole queryClient={queryClient} initialPath={initialPath} />
      </KiotProvider>
    </I18nProvider>,
  );
  return { fake, queryClient };
}

function renderManagerApp(): { fake: FakeKiot; queryClient: QueryClient } {
  const fake = createFakeKiot({ mode: 'manager', buildingName: 'Chung cư Hoa Sen', version: '1.2.3' });
  window.kiot = fake.api;
  const queryClient = createQueryClient();
  render(<App queryClient={queryClient} />);
  return { fake, queryClient };
}

describe('manager console', () => {
  it('shows the building, and what the device knows loaded from app:info', async () => {
    const { fake } = renderManagerApp();
    const facts = await screen.findByTestId('device-facts');
    expect(within(facts).getByTestId('fact-building').textContent).toBe('Chung cư Hoa Sen');
    expect(within(facts).getByTestId('fact-version').textContent).toBe('1.2.3');
    expect(within(facts).getByTestId('fact-mode').textContent).toBe('Máy quản lý');
    expect(screen.getByTestId('console-building').textContent).toBe('Chung cư Hoa Sen');
    expect(within(screen.getByRole('navigation', { name: 'Điều hướng' })).getByTestId('nav-overview').getAttribute('aria-current')).toBe('page');
    expect(screen.queryByTestId('attract-start')).toBeNull();
    // The layout and the page share one cached query: the console asked once, after startup's own call.
    expect(fake.callsTo('app:info')).toHaveLength(2);
  });

  it('switches language like the kiosk does', async () => {
    const { fake } = renderManagerApp();
    await screen.findByTestId('device-facts');
    fireEvent.click(screen.getByTestId('lang-toggle'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Overview');
    expect(screen.getByTestId('fact-mode').textContent).toBe('Manager workstation');
    await waitFor(() => expect(fake.callsTo('session:setLocale').map((c) => c.request)).toEqual([{ locale: 'en' }]));
  });

  it('routes an unknown address to the not-found page, and back to the overview', async () => {
    renderConsole('/no-such-page');
    const notFound = await screen.findByTestId('not-found');
    expect(within(notFound).getByRole('heading', { level: 1 }).textContent).toBe('Không tìm thấy trang');
    expect(screen.queryByTestId('overview')).toBeNull();
    // The frame stays: the building and the nav are still there.
    expect(screen.getByTestId('nav-overview').getAttribute('aria-current')).toBeNull();

    fireEvent.click(within(notFound).getByRole('link', { name: 'Về trang tổng quan' }));
    // Presence is the point here (findByTestId throws when the overview never comes); the lines below say the rest.
    await screen.findByTestId('overview');
    expect(screen.queryByTestId('not-found')).toBeNull();
    expect(screen.getByTestId('nav-overview').getAttribute('aria-current')).toBe('page');
  });

  it('shows a failed query with a Retry that loads it', async () => {
    const fake = createFakeKiot({ mode: 'manager' });
    fake.failNext('app:info', { code: 'hub_unavailable', message: 'down' });
    render(
      <I18nProvider i18n={addConsoleResources(createI18n('vi'))}>
        <KiotProvider api={fake.api}>
          <ManagerConsole queryClient={createQueryClient()} />
        </KiotProvider>
      </I18nProvider>,
    );
    expect((await screen.findByTestId('error-message')).textContent).toContain('Dịch vụ tạm thời không khả dụng');
    fireEvent.click(screen.getByTestId('retry'));
    expect(within(await screen.findByTestId('device-facts')).getByTestId('fact-mode').textContent).toBe('Máy quản lý');
    expect(screen.queryByTestId('error-message')).toBeNull();
  });

  it('empties the query cache on every lock: nothing loaded before it is kept', async () => {
    const { fake, queryClient } = renderManagerApp();
    await screen.findByTestId('device-facts');
    queryClient.setQueryData(['staff', 'secret'], { name: 'Trần Văn Bình' });
    expect(queryClient.getQueryCache().getAll().length).toBeGreaterThanOrEqual(2);

    const release = fake.hold('app:info');
    await mainProcess(() => fake.lock('idle'));
    expect(queryClient.getQueryData(['staff', 'secret'])).toBeUndefined();
    // The console started over and asks again; until the answer comes, no data at all is cached.
    expect(queryClient.getQueryCache().getAll().every((query) => query.state.data === undefined)).toBe(true);
    expect(screen.queryByTestId('device-facts')).toBeNull();

    await act(async () => release());
    expect(within(await screen.findByTestId('device-facts')).getByTestId('fact-building').textContent).toBe('Chung cư Hoa Sen');
  });
});
