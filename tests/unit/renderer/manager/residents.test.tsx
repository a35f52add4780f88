// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
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
import { fakeResident } from './residents-fake';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});
afterEach(() => {
  teardown();
  vi.restoreAllMocks();
});

const lan = fakeResident({ id: 'r-a', fullName: 'Nguyễn Văn A', phoneE164: '+84901234567', email: 'vana@example.vn', units: [{ unitId: 'u-1203', label: 'A-1203', role: 'owner', primary: true }] });
const wife = fakeResident({ id: 'r-b', fullName: 'Trần Thị Bình', phoneE164: '+84912345678', units: [{ unitId: 'u-1203', label: 'A-1203', role: 'family', primary: true }] });
const other = fakeResident({ id: 'r-c', fullName: 'Lê Văn Cường', phoneE164: '+84987654321', units: [{ unitId: 'u-0805', label: 'B-0805', role: 'tenant', primary: true }] });

let queryClient = createQueryClient();

function renderDirectory(options: { role?: StaffRole; locale?: Locale; initialPath?: string } = {}): FakeKiot {
  queryClient = createQueryClient();
  const fake = createFakeKiot({
    mode: 'manager',
    consoleResidents: { residents: [lan, wife, other] },
    staff: { staff: { fullName: 'Phạm Quản Lý', role: options.role ?? 'manager', buildingId: 'b-1' } },
  });
  render(
    <I18nProvider i18n={addConsoleResources(createI18n(options.locale ?? 'vi'))}>
      <KiotProvider api={fake.api}>
        <ManagerConsole queryClient={queryClient} initialPath={options.initialPath ?? '/residents'} />
      </KiotProvider>
    </I18nProvider>,
  );
  return fake;
}

const rows = (): HTMLElement[] => [...screen.getByTestId('residents-table').querySelectorAll<HTMLElement>('tr[data-row-id]')];

/** Types into the search box and waits for the hub's answer to that text (not the list shown before). */
async function search(text: string, fake: FakeKiot): Promise<void> {
  fireEvent.change(await screen.findByTestId('residents-search'), { target: { value: text } });
  await waitFor(() => expect(fake.callsTo('consoleResidents:search').at(-1)?.request).toMatchObject({ q: text }));
  await waitFor(() => expect(screen.getByTestId('residents-total').textContent).not.toMatch(/Đang tìm|Searching/));
}

/** Searches, opens the first row and gives the purpose (and detail) in the dialog. */
async function openFirst(fake: FakeKiot, text: string, purpose: string, detail = ''): Promise<void> {
  await search(text, fake);
  fireEvent.click(within(rows()[0]!).getByTestId('resident-open'));
  const dialog = await screen.findByTestId('purpose-dialog');
  fireEvent.click(within(dialog).getByTestId(`purpose-${purpose}`));
  if (detail !== '') fireEvent.change(within(dialog).getByTestId('purpose-detail'), { target: { value: detail } });
  fireEvent.click(within(dialog).getByTestId('purpose-submit'));
  await screen.findByTestId('resident-profile');
  expect(fake.callsTo('consoleResidents:open')).toHaveLength(1);
}

describe('the resident directory', () => {
  it('finds "Nguyễn Văn A" from "nguyen van a" typed without diacritics, with the phone and email masked', async () => {
    const fake = renderDirectory();
    await search('nguyen van a', fake);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const row = rows()[0]!;
    expect((row).textContent).toContain('Nguyễn Văn A');
    expect((row).textContent).toContain('A-1203');
    expect((row).textContent).toContain('Chủ hộ');
    expect((row).textContent).not.toContain('901234567');
    expect((row).textContent).not.toContain('vana@example.vn');
    expect((row).textContent).toContain('v•••@example.vn');
    expect((screen.getByTestId('residents-total')).textContent).toContain('1 cư dân');
    // The box waits for typing to pause: one search for the text, none per key.
    expect(fake.callsTo('consoleResidents:search').map((c) => (c.request as { q: string }).q)).toEqual(['', 'nguyen van a']);
    expect(fake.callsTo('consoleResidents:open')).toHaveLength(0);
  });

  it('says in words when nothing matches', async () => {
    renderDirectory();
    fireEvent.change(await screen.findByTestId('residents-search'), { target: { value: 'không ai' } });
    const none = await screen.findByText('Không có cư dân nào khớp “không ai”.');
    expect(none).toBeVisible();
    expect(screen.getByRole('cell', { name: 'Không có cư dân nào khớp “không ai”.' })).toBe(none);
    expect(screen.getByTestId('residents-table').querySelectorAll('tr[data-row-id]')).toHaveLength(0);
  });

  it('asks for the purpose before a profile opens; cancelling opens nothing', async () => {
    const fake = renderDirectory();
    await search('cuong', fake);
    fireEvent.click(within(rows()[0]!).getByTestId('resident-open'));
    const dialog = await screen.findByTestId('purpose-dialog');
    expect((dialog).textContent).toContain('Mở hồ sơ của Lê Văn Cường');
    expect((dialog).textContent).toContain('Ai đã xem dữ liệu của tôi');
    fireEvent.click(within(dialog).getByTestId('purpose-cancel'));
    await waitFor(() => expect(screen.queryByTestId('purpose-dialog')).toBeNull());
    expect(fake.callsTo('consoleResidents:open')).toHaveLength(0);
    expect(screen.queryByText('+84987654321')).toBeNull();
  });

  it('wants the staff member\'s own words for "other" before asking the hub', async () => {
    const fake = renderDirectory();
    await search('cuong', fake);
    fireEvent.click(within(rows()[0]!).getByTestId('resident-open'));
    const dialog = await screen.findByTestId('purpose-dialog');
    fireEvent.click(within(dialog).getByTestId('purpose-other'));
    fireEvent.click(within(dialog).getByTestId('purpose-submit'));
    expect((await within(dialog).findByTestId('purpose-error')).textContent).toContain('Hãy ghi lý do, ít nhất 3 ký tự.');
    expect(fake.callsTo('consoleResidents:open')).toHaveLength(0);
    fireEvent.change(within(dialog).getByTestId('purpose-detail'), { target: { value: 'Công an phường đề nghị xác minh' } });
    fireEvent.click(within(dialog).getByTestId('purpose-submit'));
    await screen.findByTestId('resident-profile');
    expect(fake.callsTo('consoleResidents:open')[0]!.request).toEqual({ residentId: 'r-c', purpose: 'other', reason: 'Công an phường đề nghị xác minh' });
  });

  it('opens the profile with the purpose in words, then shows the details in full and the household of the unit', async () => {
    const fake = renderDirectory();
    await openFirst(fake, 'nguyen van a', 'billing', 'gọi hỏi hoá đơn tháng 11');
    expect(fake.callsTo('consoleResidents:open')[0]!.request).toEqual({ residentId: 'r-a', purpose: 'billing', reason: 'Hoá đơn, phí dịch vụ: gọi hỏi hoá đơn tháng 11' });
    expect((screen.getByTestId('resident-name')).textContent).toContain('Nguyễn Văn A');
    expect((screen.getByTestId('resident-phone')).textContent).toBe('0901 234 567');
    expect((screen.getByTestId('resident-email')).textContent).toContain('vana@example.vn');
    expect((screen.getByTestId('resident-opened-for')).textContent).toContain('Đã mở vì: Hoá đơn, phí dịch vụ: gọi hỏi hoá đơn tháng 11');
    const household = await screen.findByTestId('resident-household');
    await waitFor(() => expect(within(household).getAllByTestId('household-member')).toHaveLength(2));
    expect((household).textContent).toContain('Hộ gia đình — căn A-1203');
    expect((household).textContent).toContain('Trần Thị Bình');
    expect((household).textContent).toContain('Người nhà');
    expect((household).textContent).not.toContain('912345678');
  });

  it('forgets the profile when the page closes: coming back needs a purpose again', async () => {
    const fake = renderDirectory();
    await openFirst(fake, 'nguyen van a', 'resident_request');
    fireEvent.click(screen.getByTestId('residents-back'));
    // The list comes back as it was left.
    await waitFor(() => expect((screen.getByTestId('residents-search') as HTMLInputElement).value).toBe('nguyen van a'));
    expect(queryClient.getQueryCache().findAll({ queryKey: ['consoleResidents', 'profile'] })).toHaveLength(0);
    expect(document.body.textContent).not.toContain('vana@example.vn');
    fireEvent.click(within((await screen.findByTestId('residents-table')).querySelector<HTMLElement>('tr[data-row-id]')!).getByTestId('resident-open'));
    const dialog = await screen.findByRole('dialog', { name: /^Mở hồ sơ của / });
    expect(dialog).toBeVisible();
    expect(dialog).toBe(screen.getByTestId('purpose-dialog'));
    expect(fake.callsTo('consoleResidents:open')).toHaveLength(1);
  });

  it('shows a profile address opened without a purpose as closed, asking nothing of the hub', async () => {
    const fake = renderDirectory({ initialPath: '/residents/r-a' });
    expect((await screen.findByTestId('resident-closed')).textContent).toContain('Hồ sơ này đã đóng');
    expect(fake.callsTo('consoleResidents:open')).toHaveLength(0);
    expect(screen.queryByText('+84901234567')).toBeNull();
  });

  it('edits one field with a reason, with validation messages before the hub and its refusals in words', async () => {
    const fake = renderDirectory();
    await openFirst(fake, 'nguyen van a', 'resident_request');
    const form = screen.getByTestId('resident-edit');
    fireEvent.change(within(form).getByTestId('edit-value'), { target: { value: '12345' } });
    fireEvent.click(within(form).getByTestId('edit-submit'));
    expect((await within(form).findByTestId('edit-value-error')).textContent).toContain('Số điện thoại Việt Nam chưa đúng');
    expect((within(form).getByTestId('edit-reason-error')).textContent).toContain('Hãy ghi lý do, ít nhất 3 ký tự.');
    expect(fake.callsTo('consoleResidents:edit')).toHaveLength(0);

    // Another resident's number: the hub refuses, the form says why.
    fireEvent.change(within(form).getByTestId('edit-value'), { target: { value: '0987 654 321' } });
    fireEvent.change(within(form).getByTestId('edit-reason'), { target: { value: 'Cư dân báo số mới tại quầy' } });
    fireEvent.click(within(form).getByTestId('edit-submit'));
    const inUse = await within(form).findByText('Số điện thoại này đang thuộc một cư dân khác.');
    expect(inUse).toBeVisible();
    expect(inUse.closest('[role="alert"]')).not.toBeNull();
    expect(within(form).queryByTestId('edit-saved')).toBeNull();

    fireEvent.change(within(form).getByTestId('edit-field'), { target: { value: 'email' } });
    fireEvent.change(within(form).getByTestId('edit-value'), { target: { value: 'nguyenvana@example.vn' } });
    fireEvent.change(within(form).getByTestId('edit-reason'), { target: { value: 'Cư dân đổi email' } });
    fireEvent.click(within(form).getByTestId('edit-submit'));
    const saved = await within(form).findByTestId('edit-saved');
    expect(saved).toBeVisible();
    expect(saved.getAttribute('role')).toBe('status');
    expect(saved.textContent).toBe('Đã lưu. Thay đổi được ghi lại kèm lý do.');
    expect((screen.getByTestId('resident-email')).textContent).toContain('nguyenvana@example.vn');
    expect(fake.callsTo('consoleResidents:edit').at(-1)!.request).toEqual({ residentId: 'r-a', field: 'email', value: 'nguyenvana@example.vn', reason: 'Cư dân đổi email' });
  });

  it('lets a manager record a move-out with a date and a reason; not a date to come', async () => {
    const fake = renderDirectory({ role: 'manager' });
    await openFirst(fake, 'cuong', 'data_request');
    const form = await screen.findByTestId('resident-move-out');
    fireEvent.change(within(form).getByTestId('move-out-date'), { target: { value: '01/01/2999' } });
    fireEvent.change(within(form).getByTestId('move-out-reason'), { target: { value: 'Đã bàn giao căn hộ' } });
    fireEvent.click(within(form).getByTestId('move-out-submit'));
    expect((await within(form).findByTestId('move-out-date-error')).textContent).toContain('không sau hôm nay');
    fireEvent.change(within(form).getByTestId('move-out-date'), { target: { value: '31/02/2026' } });
    fireEvent.click(within(form).getByTestId('move-out-submit'));
    await waitFor(() => expect(within(form).getByTestId('move-out-date-error').textContent).toContain('ngày/tháng/năm'));
    expect(fake.callsTo('consoleResidents:moveOut')).toHaveLength(0);
    fireEvent.change(within(form).getByTestId('move-out-date'), { target: { value: '20/11/2026' } });
    fireEvent.click(within(form).getByTestId('move-out-submit'));
    await waitFor(() => expect((screen.getByTestId('resident-status')).textContent).toContain('Đã chuyển đi 20/11/2026'));
    expect(fake.callsTo('consoleResidents:moveOut')[0]!.request).toEqual({ residentId: 'r-c', date: '2026-11-20', reason: 'Đã bàn giao căn hộ' });
    expect(screen.queryByTestId('resident-move-out')).toBeNull();
  });

  it('does not offer move-out to customer care, who may still correct details', async () => {
    const fake = renderDirectory({ role: 'care' });
    await openFirst(fake, 'cuong', 'resident_request');
    expect(screen.getByRole('form', { name: 'Sửa thông tin' })).toBeVisible();
    expect(screen.getByTestId<HTMLButtonElement>('edit-submit').disabled).toBe(false);
    expect(await screen.findByText('Chỉ quản lý và quản trị viên được ghi nhận chuyển đi.')).toBeVisible();
    expect(screen.queryByTestId('resident-move-out')).toBeNull();
  });

  it('speaks English, and sends the purpose in English when the staff member works in English', async () => {
    const fake = renderDirectory({ locale: 'en' });
    await search('tran thi binh', fake);
    expect((screen.getByTestId('residents-total')).textContent).toContain('1 resident');
    fireEvent.click(within(rows()[0]!).getByTestId('resident-open'));
    const dialog = await screen.findByTestId('purpose-dialog');
    expect((dialog).textContent).toContain("Open Trần Thị Bình's profile");
    fireEvent.click(within(dialog).getByTestId('purpose-maintenance'));
    fireEvent.click(within(dialog).getByTestId('purpose-submit'));
    await screen.findByTestId('resident-profile');
    expect(fake.callsTo('consoleResidents:open')[0]!.request).toEqual({ residentId: 'r-b', purpose: 'maintenance', reason: 'Repairs and maintenance of the unit' });
    expect(screen.getByRole('form', { name: 'Correct a detail' })).toBeVisible();
  });

  it('shows a hub refusal of the opening in words and stays on the list', async () => {
    const fake = renderDirectory();
    await search('cuong', fake);
    fake.failNext('consoleResidents:open', { code: 'not_found', message: 'gone' });
    fireEvent.click(within(rows()[0]!).getByTestId('resident-open'));
    const dialog = await screen.findByTestId('purpose-dialog');
    // No purpose is chosen for the staff member: opening without one is refused before the hub.
    fireEvent.click(within(dialog).getByTestId('purpose-submit'));
    expect((await within(dialog).findByTestId('purpose-missing')).textContent).toBe('Chọn một mục đích.');
    expect(fake.callsTo('consoleResidents:open')).toHaveLength(0);
    fireEvent.click(within(dialog).getByTestId('purpose-security'));
    fireEvent.click(within(dialog).getByTestId('purpose-submit'));
    const notFound = await screen.findByText('Không tìm thấy cư dân này (có thể đã bị xoá hoặc thuộc toà nhà khác).');
    expect(notFound).toBeVisible();
    expect(notFound.closest('[role="alert"]')).not.toBeNull();
    expect(screen.queryByTestId('resident-profile')).toBeNull();
  });

  it('keeps nothing of a resident after the console locks: unlocked, the profile is gone and the search box empty', async () => {
    const fake = renderDirectory();
    await openFirst(fake, 'nguyen van a', 'resident_request');
    act(() => fake.staff.lock('idle'));
    await waitFor(() => expect(screen.queryByTestId('resident-profile')).toBeNull());
    expect(document.body.textContent).not.toContain('Nguyễn Văn A');
    expect(document.body.textContent).not.toContain('0901 234 567');
    fireEvent.change(await screen.findByTestId('staff-unlock-password'), { target: { value: 'demo-password-2026' } });
    fireEvent.click(screen.getByTestId('staff-unlock-submit'));
    fireEvent.click(await screen.findByTestId('nav-residents'));
    await waitFor(() => expect((screen.getByTestId('residents-search') as HTMLInputElement).value).toBe(''));
    expect(document.body.textContent).not.toContain('0901 234 567');
    expect(fake.callsTo('consoleResidents:open')).toHaveLength(1);
  });
});
