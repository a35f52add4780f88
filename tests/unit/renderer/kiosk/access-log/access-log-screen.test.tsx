// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessLogEntry } from '../../../../../shared/audit';
import { renderApp, teardown, toBills } from '../../render-app';

afterEach(teardown);

const entries: AccessLogEntry[] = [
  { id: 'e3', at: '2026-11-24T07:05:00.000Z', actor: { kind: 'staff', role: 'manager', displayName: 'Nguyễn Thị Lan' }, action: 'profile.viewed', reason: 'Cư dân gọi hỏi về hóa đơn' },
  { id: 'e2', at: '2026-11-23T01:30:00.000Z', actor: { kind: 'system', job: 'receipts' }, action: 'consents.viewed', reason: null },
  { id: 'e1', at: '2026-11-22T02:00:00.000Z', actor: { kind: 'system', job: 'a-job-from-a-newer-hub' }, action: 'data.exported', reason: null },
  { id: 'e0', at: '2026-11-21T02:00:00.000Z', actor: { kind: 'staff', role: 'care', displayName: 'Trần Văn Hùng' }, action: 'other', reason: null },
];

async function openAccessLog(): Promise<void> {
  await toBills();
  fireEvent.click(screen.getByTestId('nav-privacy'));
  fireEvent.click(await screen.findByTestId('privacy-accessLog'));
}

describe('who accessed my data', () => {
  it('lists who, what, when (dd/MM/yyyy in Vietnam time) and why, in the order the hub gives, in Vietnamese', async () => {
    await renderApp({ accessLog: entries });
    await openAccessLog();
    const rows = await screen.findAllByTestId('access-log-entry');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Nguyễn Thị Lan (Ban quản lý) đã xem hồ sơ của bạn24/11/2026 14:05Lý do: Cư dân gọi hỏi về hóa đơn',
      'Hệ thống (gửi biên nhận) đã xem các lựa chọn đồng ý của bạn23/11/2026 08:30',
      'Hệ thống đã xuất dữ liệu của bạn22/11/2026 09:00',
      'Trần Văn Hùng (Chăm sóc cư dân) đã truy cập dữ liệu của bạn21/11/2026 09:00Không ghi lý do',
    ]);
  });

  it('says so in English after the language is switched', async () => {
    await renderApp({ accessLog: entries });
    await toBills();
    fireEvent.click(screen.getByTestId('lang-toggle'));
    fireEvent.click(screen.getByTestId('nav-privacy'));
    fireEvent.click(await screen.findByTestId('privacy-accessLog'));
    const first = (await screen.findAllByTestId('access-log-entry'))[0]!;
    expect(within(first).getByText('Nguyễn Thị Lan (Management board) viewed your profile')).toBeVisible();
    expect(within(first).getByText('Reason: Cư dân gọi hỏi về hóa đơn')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Who accessed my data' })).toBeVisible();
  });

  it('shows an empty state when nobody accessed the data', async () => {
    await renderApp();
    await openAccessLog();
    expect((await screen.findByTestId('access-log-empty')).textContent).toBe('Chưa có nhân viên hay hệ thống nào xem hoặc thay đổi dữ liệu của bạn.');
    expect(screen.queryByTestId('access-log-list')).toBeNull();
  });

  it('offers Retry when the hub cannot be reached, and shows the list once it answers', async () => {
    const { fake } = await renderApp({ accessLog: entries });
    await toBills();
    fake.failNext('accessLog:list', { code: 'hub_unavailable', message: 'down' });
    fireEvent.click(screen.getByTestId('nav-privacy'));
    fireEvent.click(await screen.findByTestId('privacy-accessLog'));
    // Announced (role alert) and in words, not just a non-empty box.
    const alert = await screen.findByRole('alert');
    expect(alert).toBeVisible();
    expect(within(alert).getByTestId('error-message').textContent).toBe('!Dịch vụ tạm thời không khả dụng, vui lòng thử lại.');
    expect(screen.queryByTestId('access-log-entry')).toBeNull();
    fireEvent.click(screen.getByTestId('retry'));
    expect(await screen.findAllByTestId('access-log-entry')).toHaveLength(4);
    expect(screen.queryByTestId('error-message')).toBeNull();
    expect(fake.callsTo('accessLog:list')).toHaveLength(2);
  });

  it('goes back to the privacy menu', async () => {
    await renderApp({ accessLog: entries });
    await openAccessLog();
    await screen.findAllByTestId('access-log-entry');
    fireEvent.click(screen.getByTestId('access-log-back'));
    expect(await screen.findByTestId('privacy-accessLog')).toBeVisible();
    expect(screen.queryByTestId('access-log-list')).toBeNull();
  });
});
