// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManagerConsole } from '../../../../renderer/app/ManagerConsole';
import { createQueryClient } from '../../../../renderer/app/query-client';
import { KiotProvider } from '../../../../renderer/components/KiotProvider';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { addConsoleResources } from '../../../../renderer/i18n/console-resources';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';
import { clockText } from '../../../../renderer/manager/incidents/incident-text';
import { fromVietnamLocalInput, vietnamLocalInput } from '../../../../renderer/manager/incidents/RegisterIncidentForm';
import type { Locale, StaffRole } from '../../../../shared/domain';
import { createFakeKiot } from '../fake-kiot';
import type { FakeKiot } from '../fake-kiot';
import { teardown } from '../render-app';
import { fakeIncident } from './incidents-fake';
import type { FakeConsoleIncidentsOptions } from './incidents-fake';
import { fakeResident } from './residents-fake';
import type { FakeConsoleResidentsOptions } from './residents-fake';
import { cellUnder } from '../table-cell';

const NOW = Date.parse('2026-11-25T05:00:00.000Z'); // 12:00 in Hà Nội
const HOUR = 3600_000;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});
afterEach(() => {
  teardown();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function renderRegister(consoleIncidents: FakeConsoleIncidentsOptions, initialPath = '/incidents', locale: Locale = 'vi', role: StaffRole = 'manager', consoleResidents?: FakeConsoleResidentsOptions): FakeKiot {
  const fake = createFakeKiot({
    mode: 'manager',
    ...(consoleResidents ? { consoleResidents } : {}),
    consoleIncidents: { now: () => new Date(Date.now()), ...consoleIncidents },
    staff: { staff: { fullName: 'Phạm Thị Lan', role, buildingId: 'b-1' } },
  });
  render(
    <I18nProvider i18n={addConsoleResources(createI18n(locale))}>
      <KiotProvider api={fake.api}>
        <ManagerConsole queryClient={createQueryClient()} initialPath={initialPath} />
      </KiotProvider>
    </I18nProvider>,
  );
  return fake;
}

const detail = (hoursAgo: number, id: string, title: string) => ({
  incident: fakeIncident({ id, title, detectedAt: new Date(NOW - hoursAgo * HOUR).toISOString() }),
  residents: [],
  timeline: [],
});

describe('the 72-hour clock in words', () => {
  const vi18n = addConsoleResources(createI18n('vi'));
  const en18n = addConsoleResources(createI18n('en'));
  const deadlineAt = new Date(NOW + 41 * HOUR + 12 * 60_000).toISOString();
  it('time left and time past, in Vietnamese and English', () => {
    expect(clockText(vi18n.t, { deadlineAt, authorityNotifiedAt: null }, NOW)).toBe('còn 41 giờ 12 phút');
    expect(clockText(en18n.t, { deadlineAt, authorityNotifiedAt: null }, NOW)).toBe('41 h 12 min left');
    const passed = new Date(NOW - 3 * HOUR).toISOString();
    expect(clockText(vi18n.t, { deadlineAt: passed, authorityNotifiedAt: null }, NOW)).toBe('quá hạn 3 giờ 0 phút');
    expect(clockText(en18n.t, { deadlineAt: passed, authorityNotifiedAt: null }, NOW)).toBe('3 h 0 min overdue');
  });
  it('once the authority is told: in time or late', () => {
    expect(clockText(en18n.t, { deadlineAt, authorityNotifiedAt: new Date(NOW).toISOString() }, NOW)).toBe('Notified in time');
    expect(clockText(vi18n.t, { deadlineAt: new Date(NOW - HOUR).toISOString(), authorityNotifiedAt: new Date(NOW).toISOString() }, NOW)).toBe('Đã thông báo trễ hạn');
  });
  it('the detection field reads as Vietnam time whatever the workstation zone', () => {
    expect(vietnamLocalInput(NOW)).toBe('2026-11-25T12:00');
    expect(fromVietnamLocalInput('2026-11-25T12:00')).toBe('2026-11-25T05:00:00.000Z');
  });
});

describe('incident pages', () => {
  it('lists incidents with the overdue one marked in words and with an icon', async () => {
    renderRegister({ incidents: [detail(80, 'inc-late', 'Lộ danh sách cư dân'), detail(10, 'inc-new', 'Email gửi nhầm')] });
    const rows = await screen.findAllByTestId('incident-row');
    const late = rows.find((r) => r.textContent?.includes('Lộ danh sách cư dân'))!;
    expect(within(late).getByTestId('incident-overdue').textContent).toContain('Quá hạn');
    expect(late.textContent).toContain('quá hạn 8 giờ 0 phút');
    const fresh = rows.find((r) => r.textContent?.includes('Email gửi nhầm'))!;
    expect(within(fresh).queryByTestId('incident-overdue')).toBeNull();
    expect(fresh.textContent).toContain('còn 62 giờ 0 phút');
  });

  it('registers an incident through the form, refusing what is missing first', async () => {
    const fake = renderRegister({});
    fireEvent.click(await screen.findByTestId('incident-register'));
    fireEvent.click(screen.getByTestId('incident-submit'));
    const titleError = await screen.findByText('Nhập tên sự cố (ít nhất 3 ký tự).');
    const categoriesError = screen.getByText('Chọn ít nhất một loại dữ liệu.');
    for (const error of [titleError, categoriesError]) {
      expect(error).toBeVisible();
      expect(error.getAttribute('role')).toBe('alert');
    }
    expect(fake.callsTo('consoleIncidents:register')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('incident-title'), { target: { value: 'Gửi nhầm danh sách cư dân' } });
    fireEvent.change(screen.getByTestId('incident-description'), { target: { value: 'Bảng tính có số điện thoại bị gửi nhầm tới nhà thầu.' } });
    fireEvent.change(screen.getByTestId('incident-detected'), { target: { value: '2026-11-25T09:30' } });
    fireEvent.click(screen.getByTestId('category-contact'));
    fireEvent.change(screen.getByTestId('incident-estimated'), { target: { value: '40' } });
    fireEvent.click(screen.getByTestId('incident-submit'));
    await waitFor(() => expect(fake.callsTo('consoleIncidents:register')).toHaveLength(1));
    expect(fake.callsTo('consoleIncidents:register')[0]!.request).toMatchObject({ detectedAt: '2026-11-25T02:30:00.000Z', categories: ['contact'], estimatedAffected: 40 });
    // Detected 02:30 UTC, now 05:00 UTC: 69 h 30 min left, on the detail page it opens.
    expect((await screen.findByTestId('incident-clock')).textContent).toContain('còn 69 giờ 30 phút');
  });

  it('links a resident by phone, sends the edited SMS draft, and shows who was notified', async () => {
    const fake = renderRegister(
      { incidents: [detail(2, 'inc-1', 'Lộ danh sách cư dân')], residents: [{ residentId: 'r-1', phone: '0901234567', name: 'Nguyễn Thị Mai', unitLabel: 'A-0101', email: null }] },
      '/incidents/inc-1',
      'en',
    );
    fireEvent.change(await screen.findByTestId('link-phones'), { target: { value: '0901234567\n0999999999' } });
    fireEvent.click(screen.getByTestId('link-submit'));
    expect((await screen.findByTestId('link-result')).textContent).toBe('1 linked, 0 already linked. Not found: 0999999999');
    const linked = (): HTMLElement[] => within(screen.getByTestId('incident-residents')).getAllByTestId('incident-resident');
    expect(linked()).toHaveLength(1);
    expect(cellUnder(linked()[0]!, 'Resident').textContent).toBe('Nguyễn Thị Mai');
    expect(cellUnder(linked()[0]!, 'Apartment').textContent).toBe('A-0101');
    expect(cellUnder(linked()[0]!, 'Notices sent').textContent).toBe('Not yet');
    const text = screen.getByTestId<HTMLTextAreaElement>('notice-text');
    await waitFor(() => expect(text.value).toContain('Sự cố dữ liệu inc-1'));
    fireEvent.change(text, { target: { value: 'Sự cố dữ liệu: vui lòng liên hệ Ban quản lý, phòng 101.' } });
    fireEvent.click(screen.getByTestId('notice-send'));
    expect((await screen.findByTestId('notice-result')).textContent).toContain('1 sent');
    expect(fake.callsTo('consoleIncidents:notify')[0]!.request).toEqual({ incidentId: 'inc-1', notice: { channel: 'sms', text: 'Sự cố dữ liệu: vui lòng liên hệ Ban quản lý, phòng 101.' } });
    expect(cellUnder(linked()[0]!, 'Notices sent').textContent).toMatch(/^SMS 25\/11\/2026 12:00 /);
  });

  it('finds a resident through the directory search, typed without diacritics, and links them by id', async () => {
    const fake = renderRegister(
      { incidents: [detail(2, 'inc-s', 'Lộ danh sách cư dân')], residents: [{ residentId: 'r-7', phone: '0912000007', name: 'Nguyễn Văn Bảy', unitLabel: 'B-0707', email: null }] },
      '/incidents/inc-s',
      'vi',
      'manager',
      { residents: [fakeResident({ id: 'r-7', fullName: 'Nguyễn Văn Bảy' })] },
    );
    fireEvent.change(await screen.findByTestId('link-search'), { target: { value: 'nguyen van bay' } });
    fireEvent.click(screen.getByTestId('link-search-submit'));
    const results = await screen.findByTestId('link-search-results');
    expect(results.textContent).toContain('Nguyễn Văn Bảy');
    fireEvent.click(within(results).getByTestId('link-search-add'));
    expect((await screen.findByTestId('link-result')).textContent).toBe('Đã liên kết 1, đã có trước 0.');
    expect(fake.callsTo('consoleIncidents:link')[0]!.request).toEqual({ incidentId: 'inc-s', residentIds: ['r-7'] });
  });

  it('an auditor reads an incident but is offered nothing to change', async () => {
    renderRegister({ incidents: [detail(2, 'inc-a', 'Lộ danh sách cư dân')] }, '/incidents/inc-a', 'vi', 'auditor');
    expect((await screen.findByTestId('incident-clock')).textContent).toContain('còn 70 giờ 0 phút');
    await waitFor(() => expect(screen.queryByTestId('link-phones')).toBeNull());
    expect(screen.queryByTestId('notice-send')).toBeNull();
    expect(screen.queryByTestId('authority-record')).toBeNull();
    expect(screen.queryByTestId('close-submit')).toBeNull();
  });

  it('the printable report has the facts, the clock result and counts, and prints', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderRegister({ incidents: [detail(80, 'inc-9', 'Lộ danh sách cư dân')] }, '/incidents/inc-9/report');
    expect((await screen.findByTestId('report-clock')).textContent).toBe('⚠ quá hạn 8 giờ 0 phút');
    expect(screen.getByTestId('incident-report').textContent).toContain('Lộ danh sách cư dân');
    fireEvent.click(screen.getByTestId('report-print'));
    expect(print).toHaveBeenCalledTimes(1);
  });
});
