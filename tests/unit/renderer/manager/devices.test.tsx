// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DevicesPage } from '../../../../renderer/manager/devices/DevicesPage';
import { KiotProvider } from '../../../../renderer/components/KiotProvider';
import { StaffProvider } from '../../../../renderer/manager/console/staff-context';
import type { StaffRole } from '../../../../shared/domain';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { addConsoleResources } from '../../../../renderer/i18n/console-resources';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';
import type { Locale } from '../../../../shared/domain';
import { createFakeKiot } from '../fake-kiot';
import type { FakeKiot, FakeKiotOptions } from '../fake-kiot';
import { fleetDevice } from './audit-devices-fake';
import { cellUnder } from '../table-cell';

afterEach(() => cleanup());

function renderDevices(options: FakeKiotOptions['consoleDevices'], locale: Locale = 'vi', signedIn?: StaffRole): FakeKiot {
  const fake = createFakeKiot({ mode: 'manager', consoleDevices: options });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <I18nProvider i18n={addConsoleResources(createI18n(locale))}>
      <KiotProvider api={fake.api}>
        <QueryClientProvider client={client}>
          {signedIn ? (
            <StaffProvider staff={{ fullName: 'Lê Văn Tâm', role: signedIn, buildingId: 'b-1' }}>
              <DevicesPage />
            </StaffProvider>
          ) : (
            <DevicesPage />
          )}
        </QueryClientProvider>
      </KiotProvider>
    </I18nProvider>,
  );
  return fake;
}

const devices = [
  fleetDevice({ id: 'k1', name: 'Sảnh tòa A', outboxDepth: 4, oldestPendingSeconds: 750, lastError: 'hub_unavailable' }),
  fleetDevice({ id: 'k2', name: 'Sảnh tòa B', stale: true, lastSeenAt: '2026-11-25T02:00:00.000Z' }),
  fleetDevice({ id: 'm1', name: 'Văn phòng', mode: 'manager', lastSeenAt: null, version: null, outboxDepth: null }),
];

const row = (id: string): HTMLElement => screen.getAllByTestId('device-row').find((r) => r.getAttribute('data-device-id') === id)!;
const cell = (id: string, column: string): HTMLTableCellElement => cellUnder(row(id), column);

describe('the device fleet page', () => {
  it('lists each device with its health, and warns in words and an icon about a kiosk not seen for 10 minutes', async () => {
    renderDevices({ devices });
    await screen.findByTestId('devices-table');
    expect(row('k1')).toBeVisible();
    expect(cell('k1', 'Chờ gửi').textContent).toBe('4');
    expect(cell('k1', 'Chờ lâu nhất').textContent).toBe('12 phút');
    expect(cell('k1', 'Lỗi gần nhất').textContent).toBe('hub_unavailable');
    expect(cell('k1', 'Tình trạng').textContent).toBe('Hoạt động');
    const stale = within(row('k2')).getByTestId('device-stale');
    expect(stale.textContent).toBe('⚠ Không thấy quá 10 phút');
    expect(cell('k2', 'Tình trạng')).toBe(stale.closest('td'));
    expect(cell('k2', 'Lần cuối thấy').textContent).toBe('25/11/2026 09:00');
    expect(cell('m1', 'Lần cuối thấy').textContent).toBe('Chưa báo lần nào');
    expect(cell('m1', 'Loại').textContent).toBe('Máy văn phòng');
    expect(cell('m1', 'Phiên bản').textContent).toBe('—');
  });

  it('issues a code and shows it as text and as a QR image', async () => {
    const fake = renderDevices({ devices }, 'en');
    fireEvent.change(screen.getByTestId('issue-mode'), { target: { value: 'manager' } });
    fireEvent.click(screen.getByTestId('issue-submit'));
    expect((await screen.findByTestId('issued-code')).textContent).toBe('K7Q2-M9X1');
    expect(fake.callsTo('consoleDevices:issueCode')[0]!.request).toEqual({ mode: 'manager' });
    const qr = await screen.findByTestId('enrollment-qr');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    expect(decodeURIComponent(qr.getAttribute('src')!)).toContain('<svg');
    expect(qr.getAttribute('alt')).toBe('QR code of enrollment code K7Q2-M9X1');
  });

  it('revokes with a reason, refusing an empty one, and shows the device revoked', async () => {
    const fake = renderDevices({ devices });
    await screen.findByTestId('devices-table');
    fireEvent.click(within(row('k2')).getByTestId('device-revoke'));
    fireEvent.change(screen.getByTestId('revoke-reason'), { target: { value: ' x ' } });
    fireEvent.click(screen.getByTestId('revoke-confirm'));
    expect(screen.getByRole('alert').textContent).toBe('Hãy ghi lý do (ít nhất 3 ký tự).');
    expect(fake.callsTo('consoleDevices:revoke')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('revoke-reason'), { target: { value: 'Máy bị mất ở sảnh' } });
    fireEvent.click(screen.getByTestId('revoke-confirm'));
    expect((await screen.findByTestId('revoke-done')).textContent).toBe('Đã thu hồi “Sảnh tòa B”.');
    expect(fake.callsTo('consoleDevices:revoke')[0]!.request).toEqual({ deviceId: 'k2', reason: 'Máy bị mất ở sảnh' });
    await waitFor(() => expect(cell('k2', 'Tình trạng').textContent).toMatch(/^Đã thu hồi \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/));
    expect(within(row('k2')).queryByTestId('device-revoke')).toBeNull();
  });

  it('tells a manager that codes and revocation are for administrators', async () => {
    renderDevices({ devices, role: 'manager' });
    await screen.findByTestId('devices-table');
    fireEvent.click(screen.getByTestId('issue-submit'));
    const refusal = await screen.findByRole('alert');
    expect(refusal).toBeVisible();
    expect(within(refusal).getByTestId('error-message').textContent).toBe('!Chỉ quản trị viên mới được cấp mã và thu hồi thiết bị.');
    expect(screen.queryByTestId('issued-code')).toBeNull();
  });

  it("shows a signed-in manager the fleet without the administrators' code and revoke controls", async () => {
    renderDevices({ devices, role: 'manager' }, 'vi', 'manager');
    await screen.findByTestId('devices-table');
    expect(screen.queryByTestId('issue-code')).toBeNull();
    expect(screen.queryAllByTestId('device-revoke')).toHaveLength(0);
    renderDevices({ devices }, 'vi', 'admin');
    expect(await screen.findByTestId('issue-code')).toBeVisible();
    expect(screen.getByTestId<HTMLButtonElement>('issue-submit').disabled).toBe(false);
  });
});
