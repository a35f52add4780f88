// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { JSX } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createI18n } from '../../../../../renderer/i18n/i18n';
import { addConsoleResources } from '../../../../../renderer/i18n/console-resources';
import { I18nProvider } from '../../../../../renderer/i18n/I18nProvider';
import { DataTable } from '../../../../../renderer/manager/components/DataTable';
import type { DataColumn } from '../../../../../renderer/manager/components/DataTable';
import { FormError, TextField, textField, useZodForm } from '../../../../../renderer/manager/components/form';
import { ReasonDialog } from '../../../../../renderer/manager/components/ReasonDialog';

afterEach(cleanup);

type Person = { id: string; name: string; unit: string; owed: number | null };
const people: Person[] = [
  { id: '1', name: 'Đỗ Văn Bình', unit: 'A-1203', owed: 500_000 },
  { id: '2', name: 'An Thị Hoa', unit: 'B-0101', owed: null },
  { id: '3', name: 'Dương Minh', unit: 'A-0905', owed: 20_000 },
];
const columns: DataColumn<Person>[] = [
  { id: 'name', header: 'Họ tên', cell: (p) => p.name, sortValue: (p) => p.name },
  { id: 'unit', header: 'Căn hộ', cell: (p) => p.unit },
  { id: 'owed', header: 'Còn nợ', cell: (p) => String(p.owed ?? '—'), sortValue: (p) => p.owed, align: 'end' },
];

function wrap(ui: JSX.Element, locale: 'vi' | 'en' = 'vi'): void {
  render(<I18nProvider i18n={addConsoleResources(createI18n(locale))}>{ui}</I18nProvider>);
}
const names = (): string[] => screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0]!.textContent ?? '');

describe('DataTable', () => {
  it('sorts by a header (Vietnamese order, empty values last) and opens a row with Enter', () => {
    const open = vi.fn();
    wrap(<DataTable label="Cư dân" rows={people} columns={columns} rowKey={(p) => p.id} emptyText="Không có" onOpenRow={open} />);
    expect(names()).toEqual(['Đỗ Văn Bình', 'An Thị Hoa', 'Dương Minh']);
    fireEvent.click(screen.getByRole('button', { name: /Họ tên/ }));
    expect(names()).toEqual(['An Thị Hoa', 'Dương Minh', 'Đỗ Văn Bình']);
    expect(screen.getByRole('columnheader', { name: /Họ tên/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /Còn nợ/ }));
    expect(names()).toEqual(['Dương Minh', 'Đỗ Văn Bình', 'An Thị Hoa']);
    // The unit column has no sort value: a plain header, no button.
    expect(screen.queryByRole('button', { name: /Căn hộ/ })).toBeNull();
    fireEvent.keyDown(screen.getAllByRole('row')[1]!, { key: 'Enter' });
    expect(open).toHaveBeenCalledWith(people[2]);
  });

  it('pages by itself, and says which rows are shown', () => {
    const many = Array.from({ length: 7 }, (_, i): Person => ({ id: String(i), name: `Cư dân ${i + 1}`, unit: 'A', owed: i }));
    wrap(<DataTable label="Cư dân" rows={many} columns={columns} rowKey={(p) => p.id} emptyText="Không có" pageSize={3} testId="t" />);
    expect(names()).toEqual(['Cư dân 1', 'Cư dân 2', 'Cư dân 3']);
    expect(screen.getByTestId('t-range').textContent).toBe('1–3 trong 7');
    fireEvent.click(screen.getByRole('button', { name: 'Sau ›' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sau ›' }));
    expect(names()).toEqual(['Cư dân 7']);
    expect(screen.getByRole('button', { name: 'Sau ›' })).toHaveProperty('disabled', true);
  });

  it('asks the hub for another page when the hub pages', () => {
    const onPageChange = vi.fn();
    wrap(<DataTable label="Cư dân" rows={people} columns={columns} rowKey={(p) => p.id} emptyText="—" serverPaging={{ total: 40, pageIndex: 1, pageSize: 3, onPageChange }} testId="t" />, 'en');
    expect(screen.getByTestId('t-range').textContent).toBe('4–6 of 40');
    fireEvent.click(screen.getByRole('button', { name: 'Next ›' }));
    expect(onPageChange).toHaveBeenCalledWith(2);
    expect(screen.queryByRole('button', { name: /Name|Họ tên/ })).toBeNull();
  });

  it('says so when there are no rows', () => {
    wrap(<DataTable label="Cư dân" rows={[]} columns={columns} rowKey={(p) => p.id} emptyText="Không tìm thấy cư dân" />);
    // One row across every column, in words, under the headers.
    const empty = screen.getByRole('cell', { name: 'Không tìm thấy cư dân' });
    expect(empty).toBeVisible();
    expect(empty.getAttribute('colspan')).toBe(String(columns.length));
    expect(screen.getAllByRole('row')).toHaveLength(2);
  });
});

describe('ReasonDialog', () => {
  it('confirms a picked reason with its words, and a typed one', () => {
    const confirm = vi.fn();
    wrap(<ReasonDialog title="Mở hồ sơ" choices={[{ id: 'call', label: 'Cư dân gọi điện hỏi' }]} onConfirm={confirm} onCancel={() => undefined} />);
    fireEvent.click(screen.getByTestId('reason-dialog-confirm'));
    expect(screen.getByRole('alert').textContent).toBe('Vui lòng chọn hoặc nhập lý do.');
    fireEvent.click(screen.getByLabelText('Cư dân gọi điện hỏi'));
    fireEvent.click(screen.getByTestId('reason-dialog-confirm'));
    expect(confirm).toHaveBeenLastCalledWith({ reason: 'Cư dân gọi điện hỏi', choiceId: 'call' });
    fireEvent.click(screen.getByLabelText('Lý do khác'));
    fireEvent.change(screen.getByTestId('reason-dialog-other'), { target: { value: 'ab' } });
    fireEvent.keyDown(screen.getByTestId('reason-dialog-other'), { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toBe('Cần ít nhất 3 ký tự.');
    fireEvent.change(screen.getByTestId('reason-dialog-other'), { target: { value: '  Kiểm tra khiếu nại số 12  ' } });
    fireEvent.keyDown(screen.getByTestId('reason-dialog-other'), { key: 'Enter' });
    expect(confirm).toHaveBeenLastCalledWith({ reason: 'Kiểm tra khiếu nại số 12', choiceId: null });
  });

  it('is a modal that Esc closes, with focus inside', () => {
    const cancel = vi.fn();
    wrap(<ReasonDialog title="Hold" choices={[{ id: 'a', label: 'A dispute' }]} onConfirm={() => undefined} onCancel={cancel} />, 'en');
    const dialog = screen.getByRole('dialog', { name: 'Hold' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});

describe('form helpers', () => {
  const schema = z.object({ name: textField({ min: 3, max: 10 }) });
  function Demo({ onValid }: { onValid(v: { name: string }): void }): JSX.Element {
    const form = useZodForm(schema, { name: '' });
    return (
      <form onSubmit={(e) => void form.handleSubmit(onValid)(e)}>
        <TextField label="Tên" registration={form.register('name')} error={form.formState.errors.name} />
        <FormError text={null} />
        <button type="submit">OK</button>
      </form>
    );
  }

  it('shows validation messages in the console language and passes trimmed values', async () => {
    const valid = vi.fn();
    wrap(<Demo onValid={valid} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'OK' })));
    expect(screen.getByRole('alert').textContent).toBe('Vui lòng nhập mục này.');
    expect(screen.getByLabelText('Tên').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByLabelText('Tên'), { target: { value: 'ab' } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Cần ít nhất 3 ký tự.'));
    fireEvent.change(screen.getByLabelText('Tên'), { target: { value: '  Lan  ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'OK' })));
    expect(valid).toHaveBeenCalledWith({ name: 'Lan' }, expect.anything());
  });
});
