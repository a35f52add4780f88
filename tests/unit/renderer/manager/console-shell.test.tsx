// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManagerConsole } from '../../../../renderer/app/ManagerConsole';
import { createQueryClient } from '../../../../renderer/app/query-client';
import { KiotProvider } from '../../../../renderer/components/KiotProvider';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { addConsoleResources } from '../../../../renderer/i18n/console-resources';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';
import { createFakeKiot } from '../fake-kiot';
import type { FakeKiotOptions } from '../fake-kiot';
import { teardown } from '../render-app';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});
afterEach(() => {
  teardown();
  vi.restoreAllMocks();
});

function renderShell(staff: FakeKiotOptions['staff'], locale: 'vi' | 'en' = 'vi') {
  const fake = createFakeKiot({ mode: 'manager', buildingName: 'Chung cư Hoa Sen', staff });
  const queryClient = createQueryClient();
  render(
    <I18nProvider i18n={addConsoleResources(createI18n(locale))}>
      <KiotProvider api={fake.api}>
        <ManagerConsole queryClient={queryClient} />
      </KiotProvider>
    </I18nProvider>,
  );
  return { fake, queryClient };
}

const type = (testId: string, value: string): void => {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
};

describe('console shell', () => {
  it('signs in with username, password and the SMS code, then shows the console with who is signed in', async () => {
    const { fake } = renderShell({ state: 'signedOut' });
    await screen.findByTestId('staff-sign-in');
    expect(screen.queryByTestId('console-building')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('staff-sign-in-submit')));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['Vui lòng nhập mục này.', 'Vui lòng nhập mục này.']);
    type('staff-username', 'lan.nguyen');
    type('staff-password', 'wrong one');
    await act(async () => fireEvent.click(screen.getByTestId('staff-sign-in-submit')));
    expect((await screen.findByTestId('staff-error')).textContent).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    type('staff-password', 'demo-password-2026');
    await act(async () => fireEvent.click(screen.getByTestId('staff-sign-in-submit')));
    await screen.findByTestId('staff-code');
    type('staff-code-input', '12345');
    await act(async () => fireEvent.click(screen.getByTestId('staff-code-submit')));
    expect(screen.getByRole('alert').textContent).toBe('Mã gồm 6 chữ số.');
    type('staff-code-input', '000000');
    await act(async () => fireEvent.click(screen.getByTestId('staff-code-submit')));
    expect((await screen.findByTestId('staff-error')).textContent).toBe('Mã chưa đúng. Còn 4 lần thử.');
    type('staff-code-input', '123 456');
    await act(async () => fireEvent.click(screen.getByTestId('staff-code-submit')));
    await screen.findByTestId('overview');
    expect(screen.getByTestId('console-user').textContent).toContain('Nguyễn Thị Lan');
    expect(screen.getByTestId('console-role').textContent).toBe('Quản lý tòa nhà');
    expect(fake.callsTo('staff:verify').at(-1)?.request).toEqual({ code: '123456' });
  });

  it('asks for a new password first after a one-time password, with the rules shown', async () => {
    renderShell({ state: 'signedOut', mustChangePassword: true }, 'en');
    await screen.findByTestId('staff-sign-in');
    type('staff-username', 'lan.nguyen');
    type('staff-password', 'demo-password-2026');
    await act(async () => fireEvent.click(screen.getByTestId('staff-sign-in-submit')));
    type('staff-code-input', '123456');
    await act(async () => fireEvent.click(screen.getByTestId('staff-code-submit')));
    const screenEl = await screen.findByTestId('staff-change-password');
    expect(screenEl.textContent).toContain('have at least 12 characters');
    type('staff-current-password', 'demo-password-2026');
    type('staff-new-password', 'lan.nguyen-2026-x');
    type('staff-repeat-password', 'lan.nguyen-2026-y');
    await act(async () => fireEvent.click(screen.getByTestId('staff-password-submit')));
    expect(screen.getByRole('alert').textContent).toBe('The two new passwords differ.');
    type('staff-repeat-password', 'lan.nguyen-2026-x');
    await act(async () => fireEvent.click(screen.getByTestId('staff-password-submit')));
    expect((await screen.findByTestId('staff-error')).textContent).toBe('The new password does not meet the rules above. Choose a longer, harder to guess one.');
    type('staff-new-password', 'river-lantern-quiet-47');
    type('staff-repeat-password', 'river-lantern-quiet-47');
    await act(async () => fireEvent.click(screen.getByTestId('staff-password-submit')));
    await screen.findByTestId('overview');
  });

  it('on lock: pages unmount and the query cache empties; unlock needs the password and starts at the overview', async () => {
    const { fake, queryClient } = renderShell({});
    await screen.findByTestId('overview');
    queryClient.setQueryData(['resident', 'r-1'], { fullName: 'Phạm Văn Resident' });
    act(() => fake.staff.lock('idle'));
    const lock = await screen.findByTestId('staff-locked');
    expect(lock.textContent).toContain('Nguyễn Thị Lan, màn hình đã khóa');
    expect(lock.textContent).toContain('Khóa sau 10 phút không sử dụng.');
    expect(screen.queryByTestId('overview')).toBeNull();
    expect(queryClient.getQueryData(['resident', 'r-1'])).toBeUndefined();
    type('staff-unlock-password', 'nope');
    await act(async () => fireEvent.click(screen.getByTestId('staff-unlock-submit')));
    expect((await screen.findByTestId('staff-error')).textContent).toBe('Mật khẩu không đúng.');
    type('staff-unlock-password', 'demo-password-2026');
    await act(async () => fireEvent.click(screen.getByTestId('staff-unlock-submit')));
    await screen.findByTestId('overview');
  });

  it('signs out from the header, and says so after an expired session', async () => {
    const { fake } = renderShell({});
    await screen.findByTestId('overview');
    await act(async () => fireEvent.click(screen.getByTestId('console-sign-out')));
    await screen.findByTestId('staff-sign-in');
    expect(fake.callsTo('staff:signOut')).toHaveLength(1);
    act(() => fake.staff.set({ state: 'signedIn', staff: { fullName: 'Nguyễn Thị Lan', role: 'manager', buildingId: 'b-1' } }));
    await screen.findByTestId('overview');
    act(() => fake.staff.expire());
    expect((await screen.findByTestId('staff-sign-in')).textContent).toContain('Phiên làm việc đã kết thúc.');
  });

  it.each([
    ['care', ['nav-overview', 'nav-residents', 'nav-requests', 'nav-payments', 'nav-broadcast']],
    ['auditor', ['nav-overview', 'nav-requests', 'nav-incidents', 'nav-audit', 'nav-payments']],
    ['manager', ['nav-overview', 'nav-residents', 'nav-requests', 'nav-incidents', 'nav-audit', 'nav-devices', 'nav-payments', 'nav-broadcast']],
  ] as const)('shows %s only the sections the role may use', async (role, expected) => {
    renderShell({ staff: { fullName: 'Trần Văn Hùng', role, buildingId: 'b-1' } });
    await screen.findByTestId('overview');
    const nav = screen.getByRole('navigation', { name: 'Điều hướng' });
    expect(within(nav).getAllByRole('link').map((l) => l.getAttribute('data-testid'))).toEqual(expected);
    if (role === 'auditor') expect(screen.getByTestId('console-role').textContent).toBe('Kiểm toán · Chỉ xem');
  });

  it('sends a throttled activity heartbeat while signed in', async () => {
    const { fake } = renderShell({});
    await screen.findByTestId('overview');
    fireEvent.keyDown(window, { key: 'a' });
    fireEvent.pointerDown(window);
    await waitFor(() => expect(fake.callsTo('staff:activity')).toHaveLength(1));
  });
});
