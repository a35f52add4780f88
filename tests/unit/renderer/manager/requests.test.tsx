// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManagerConsole } from '../../../../renderer/app/ManagerConsole';
import { createQueryClient } from '../../../../renderer/app/query-client';
import { KiotProvider } from '../../../../renderer/components/KiotProvider';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { addConsoleResources } from '../../../../renderer/i18n/console-resources';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';
import type { Locale, StaffRole } from '../../../../shared/domain';
import { createFakeKiot } from '../fake-kiot';
import type { FakeKiot } from '../fake-kiot';
import { teardown } from '../render-app';
import { staffRequest } from './requests-fake';
import type { FakeConsoleRequestsOptions } from './requests-fake';
import { cellUnder } from '../table-cell';

function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('unreadable'));
    reader.readAsText(blob);
  });
}

const NOW = Date.parse('2026-11-25T05:00:00.000Z'); // 12:00 in Hà Nội

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});
afterEach(() => {
  teardown();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The queue's rows, in order, once it has some. */
async function queueRows(): Promise<HTMLElement[]> {
  const table = await screen.findByTestId('requests-table');
  await waitFor(() => expect(table.querySelectorAll('tr[data-row-id]').length).toBeGreaterThan(0));
  return [...table.querySelectorAll<HTMLElement>('tr[data-row-id]')];
}
const rowIds = (): (string | null)[] => [...screen.getByTestId('requests-table').querySelectorAll('tr[data-row-id]')].map((r) => r.getAttribute('data-row-id'));

function renderQueue(consoleRequests: FakeConsoleRequestsOptions, initialPath = '/requests', locale: Locale = 'vi', role: StaffRole = 'manager'): FakeKiot {
  const fake = createFakeKiot({ mode: 'manager', consoleRequests, staff: { staff: { fullName: 'Nguyễn Thị Lan', role, buildingId: 'b-1' } } });
  render(
    <I18nProvider i18n={addConsoleResources(createI18n(locale))}>
      <KiotProvider api={fake.api}>
        <ManagerConsole queryClient={createQueryClient()} initialPath={initialPath} />
      </KiotProvider>
    </I18nProvider>,
  );
  return fake;
}

// Received 21/11 at 10:00 Hà Nội time: its erasure is 26/11 at 10:00, 22 hours from NOW.
const deletion = staffRequest({ id: 'q-del', kind: 'deletion', createdAt: '2026-11-21T03:00:00.000Z', residentName: 'Lê Văn Tám', unitLabels: ['B-0805'] });
const fresh = staffRequest({ id: 'q-obj', kind: 'objection', createdAt: '2026-11-25T02:00:00.000Z', residentName: 'Phạm Thu Hà', details: 'Không nhận tin khảo sát' });
const late = staffRequest({
  id: 'q-late',
  kind: 'export',
  createdAt: '2026-11-18T02:00:00.000Z',
  acknowledgeDueAt: '2026-11-20T16:59:59.999Z',
  overdueAcknowledge: true,
  residentName: 'Trần Minh Khoa',
  unitLabels: ['A-0101', 'A-0102'],
});
const farDeletion = staffRequest({ id: 'q-far', kind: 'deletion', createdAt: '2026-11-25T01:00:00.000Z', residentName: 'Đỗ Quang Vinh' });

describe('the request queue', () => {
  it('lists overdue first, marked with an icon and words, with the deletion countdowns', async () => {
    renderQueue({ requests: [fresh, deletion, late, farDeletion] });
    const rows = await queueRows();
    expect(rows.map((r) => r.getAttribute('data-row-id'))).toEqual(['q-late', 'q-del', 'q-far', 'q-obj']);
    const first = rows[0]!;
    expect(first.className).toContain('request-row-overdue');
    expect(within(first).getByTestId('overdue').textContent).toBe('⚠Quá hạn xác nhận');
    expect(cellUnder(first, 'Căn hộ').textContent).toBe('A-0101, A-0102');
    expect(within(rows[1]!).queryByTestId('overdue')).toBeNull();
    expect(within(rows[1]!).getByTestId('erasure').textContent).toBe('26/11/2026 10:00 · còn 22 giờ 0 phút');
    expect(within(rows[2]!).getByTestId('erasure').textContent).toBe('30/11/2026 08:00 · còn 4 ngày 20 giờ');
    expect(within(rows[3]!).getByTestId('request-status').textContent).toBe('Mới nhận');
    expect(within(rows[3]!).getByTestId('request-resident').textContent).toBe('Phạm Thu Hà');
    expect(screen.getByTestId('requests-total').textContent).toBe('4 yêu cầu');
  });

  it('filters by status, kind and overdue only, asking the core each time', async () => {
    const fake = renderQueue({ requests: [fresh, deletion, late] });
    await queueRows();
    fireEvent.click(screen.getByTestId('filter-overdue'));
    await waitFor(() => expect(rowIds()).toEqual(['q-late']));
    fireEvent.click(screen.getByTestId('filter-overdue'));
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'deletion' } });
    await waitFor(() => expect(rowIds()).toEqual(['q-del']));
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'done' } });
    expect(await screen.findByRole('cell', { name: 'Không có yêu cầu nào khớp bộ lọc.' })).toBeVisible();
    expect(rowIds()).toEqual([]);
    expect(fake.callsTo('consoleRequests:list').map((c) => c.request)).toContainEqual({ overdueOnly: true, limit: 50, offset: 0 });
    expect(fake.callsTo('consoleRequests:list').at(-1)?.request).toEqual({ status: 'done', kind: 'deletion', limit: 50, offset: 0 });
  });

  it('opens a request with its facts, history and only the steps its status allows', async () => {
    renderQueue({ requests: [deletion, fresh] });
    const row = (await queueRows()).find((r) => r.getAttribute('data-row-id') === 'q-del')!;
    fireEvent.click(within(row).getByTestId('request-open'));
    const detail = await screen.findByTestId('request-facts');
    expect(within(detail).getByTestId('fact-resident').textContent).toBe('Lê Văn Tám');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Yêu cầu: Xóa dữ liệu');
    expect(screen.getAllByTestId('history-row')).toHaveLength(1);
    const buttons = within(screen.getByTestId('request-actions'))
      .getAllByRole('button')
      .map((b) => b.getAttribute('data-testid'));
    // A deletion is completed by the erasure job, never by hand; nothing is on hold to release.
    expect(buttons).toEqual(['action-acknowledge', 'action-extend', 'action-hold', 'action-refuse']);
  });

  it('holds a request with a category and a written reason, which the form insists on', async () => {
    const fake = renderQueue({ requests: [deletion] }, '/requests/q-del');
    fireEvent.click(await screen.findByTestId('action-hold'));
    const dialog = screen.getByTestId('action-dialog');
    fireEvent.click(within(dialog).getByTestId('action-confirm'));
    expect((await within(dialog).findByTestId('reason-error')).textContent).toBe('Hãy viết lý do, ít nhất 3 ký tự.');
    expect(fake.callsTo('consoleRequests:hold')).toHaveLength(0);
    fireEvent.change(within(dialog).getByTestId('action-category'), { target: { value: 'dispute' } });
    fireEvent.change(within(dialog).getByTestId('action-reason'), { target: { value: '  Tranh chấp công nợ phí quản lý  ' } });
    fireEvent.click(within(dialog).getByTestId('action-confirm'));
    expect((await screen.findByTestId('action-saved')).textContent).toContain('nhật ký kiểm toán');
    expect(fake.callsTo('consoleRequests:hold').map((c) => c.request)).toEqual([{ requestId: 'q-del', category: 'dispute', reason: 'Tranh chấp công nợ phí quản lý' }]);
    expect(screen.queryByTestId('action-dialog')).toBeNull();
    expect(screen.getByTestId('fact-status').textContent).toBe('Tạm dừng (lưu giữ theo pháp luật)');
    expect(screen.getByTestId('fact-hold-category').textContent).toBe('Đang có tranh chấp');
    expect(screen.getByTestId('fact-hold-reason').textContent).toBe('Tranh chấp công nợ phí quản lý');
    // On hold the erasure waits, and the next step is to release it.
    expect(screen.getByTestId('erasure').textContent).toContain('dừng vì lưu giữ');
    const release = screen.getByTestId<HTMLButtonElement>('action-release');
    expect(release).toBeVisible();
    expect(release.textContent).toBe('Bỏ tạm dừng');
    expect(release.disabled).toBe(false);
    expect(screen.queryByTestId('action-hold')).toBeNull();
  });

  it('acknowledges with a third party involved, and extends once with days and a reason', async () => {
    const fake = renderQueue({ requests: [fresh] }, '/requests/q-obj', 'en');
    fireEvent.click(await screen.findByTestId('action-acknowledge'));
    fireEvent.click(screen.getByLabelText('A processor or third party is involved (20 days to act instead of 15)'));
    fireEvent.click(screen.getByTestId('action-confirm'));
    await screen.findByTestId('action-saved');
    expect(fake.callsTo('consoleRequests:acknowledge').map((c) => c.request)).toEqual([{ requestId: 'q-obj', thirdPartyInvolved: true }]);
    expect(screen.queryByTestId('action-acknowledge')).toBeNull();

    fireEvent.click(screen.getByTestId('action-extend'));
    fireEvent.change(screen.getByTestId('action-days'), { target: { value: '16' } });
    fireEvent.change(screen.getByTestId('action-reason'), { target: { value: 'Waiting for the water company' } });
    fireEvent.click(screen.getByTestId('action-confirm'));
    const outOfRange = await screen.findByText('Between 1 and 15 days.');
    expect(outOfRange).toBeVisible();
    expect(outOfRange.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('action-days').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByTestId('action-days'), { target: { value: '7' } });
    fireEvent.click(screen.getByTestId('action-confirm'));
    await waitFor(() => expect(screen.queryByTestId('action-dialog')).toBeNull());
    expect(fake.callsTo('consoleRequests:extend').map((c) => c.request)).toEqual([{ requestId: 'q-obj', days: 7, reason: 'Waiting for the water company' }]);
    expect(screen.getByTestId('fact-act-due').textContent).toContain('Extended by 7 days: Waiting for the water company');
    // One extension only: the button is gone.
    expect(screen.queryByTestId('action-extend')).toBeNull();
  });

  it('refuses with a usual reason or in the staff member’s own words; a refusal from the hub is shown in words and the dialog stays', async () => {
    const fake = renderQueue({ requests: [fresh] }, '/requests/q-obj');
    fake.failNext('consoleRequests:refuse', { code: 'wrong_state', message: 'Only an open request can be refused' });
    fireEvent.click(await screen.findByTestId('action-refuse'));
    const dialog = screen.getByTestId('action-dialog');
    expect(screen.getByRole('dialog', { name: 'Từ chối yêu cầu' })).toBe(dialog);
    const shownToResident = within(dialog).getByText(/Lý do \(cư dân sẽ đọc được\)/);
    expect(shownToResident).toBeVisible();
    expect(shownToResident.textContent).toBe('Lý do (cư dân sẽ đọc được) · Thao tác này được ghi vào nhật ký kiểm toán cùng lý do.');
    fireEvent.click(within(dialog).getByLabelText('Pháp luật buộc ban quản lý phải giữ dữ liệu này'));
    fireEvent.click(within(dialog).getByTestId('action-dialog-confirm'));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('không cho phép thao tác này ở trạng thái hiện tại');
    fake.failNext('consoleRequests:refuse', { code: 'forbidden', message: 'forbidden' });
    fireEvent.click(within(dialog).getByTestId('action-dialog-confirm'));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toContain('Vai trò của bạn không được làm việc này.'));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('action-dialog')).toBeNull();

    fireEvent.click(screen.getByTestId('action-refuse'));
    const again = screen.getByTestId('action-dialog');
    fireEvent.click(within(again).getAllByRole('radio').at(-1)!);
    fireEvent.change(within(again).getByTestId('action-dialog-other'), { target: { value: 'Đã trả lời trực tiếp tại văn phòng' } });
    fireEvent.click(within(again).getByTestId('action-dialog-confirm'));
    await screen.findByTestId('action-saved');
    expect(fake.callsTo('consoleRequests:refuse').map((c) => c.request)).toEqual([
      { requestId: 'q-obj', reason: 'Pháp luật buộc ban quản lý phải giữ dữ liệu này' },
      { requestId: 'q-obj', reason: 'Pháp luật buộc ban quản lý phải giữ dữ liệu này' },
      { requestId: 'q-obj', reason: 'Đã trả lời trực tiếp tại văn phòng' },
    ]);
    expect(screen.getByTestId('fact-status').textContent).toBe('Đã từ chối');
  });

  it('downloads a prepared export as JSON and shows its summary; says so when it is not prepared', async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:export';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const waiting = staffRequest({ id: 'q-wait', kind: 'export' });
    renderQueue(
      {
        requests: [late, waiting],
        exports: { 'q-late': { preparedAt: '2026-11-19T02:00:00.000Z', delivery: 'pickup', data: { bills: [{ month: '2026-10' }] }, summary: 'Tóm tắt dữ liệu / Summary' } },
      },
      '/requests/q-late',
    );
    fireEvent.click(await screen.findByTestId('action-download'));
    expect((await screen.findByTestId('export-copy')).textContent).toContain('Tóm tắt dữ liệu / Summary');
    expect(click).toHaveBeenCalledTimes(1);
    expect(JSON.parse(await blobText(created[0]!))).toEqual({ bills: [{ month: '2026-10' }] });

    fireEvent.click(screen.getByTestId('request-back'));
    const row = (await queueRows()).find((r) => r.getAttribute('data-row-id') === 'q-wait')!;
    fireEvent.click(within(row).getByTestId('request-open'));
    fireEvent.click(await screen.findByTestId('action-download'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('Bản sao chưa được chuẩn bị xong');
  });
});

describe('roles', () => {
  it('offers care only the steps care may take, and an auditor none, saying why', async () => {
    renderQueue({ requests: [fresh] }, '/requests/q-obj', 'vi', 'care');
    await waitFor(() =>
      expect(
        within(screen.getByTestId('request-actions'))
          .queryAllByRole('button')
          .map((b) => b.getAttribute('data-testid')),
      ).toEqual(['action-acknowledge', 'action-complete']),
    );
    teardown();
    renderQueue({ requests: [fresh] }, '/requests/q-obj', 'vi', 'auditor');
    expect((await screen.findByText('Vai trò của bạn chỉ được xem yêu cầu, không thay đổi được.')).tagName).toBe('P');
    expect(within(screen.getByTestId('request-actions')).queryAllByRole('button')).toEqual([]);
    expect(screen.getByTestId('fact-resident').textContent).toBe('Phạm Thu Hà');
  });
});

describe('the overview', () => {
  it('counts new requests to acknowledge and overdue ones, with a way to the queue', async () => {
    renderQueue({ requests: [fresh, deletion, late, farDeletion, staffRequest({ id: 'q-ack', kind: 'objection', status: 'acknowledged' })] }, '/');
    expect((await screen.findByTestId('summary-pending')).textContent).toBe('4 yêu cầu mới chờ xác nhận');
    expect(screen.getByTestId('summary-overdue').textContent).toBe('⚠1 yêu cầu quá hạn');
    fireEvent.click(screen.getByTestId('summary-open-queue'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Yêu cầu của cư dân' })).toBeVisible();
    expect(screen.getByTestId('requests-page')).toBeVisible();
  });
});
