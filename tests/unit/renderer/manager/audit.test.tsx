// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditPage } from '../../../../renderer/manager/audit/AuditPage';
import { toFilters } from '../../../../renderer/manager/audit/audit-filters';
import { KiotProvider } from '../../../../renderer/components/KiotProvider';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { addConsoleResources } from '../../../../renderer/i18n/console-resources';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';
import type { Locale } from '../../../../shared/domain';
import { createFakeKiot } from '../fake-kiot';
import type { FakeKiot, FakeKiotOptions } from '../fake-kiot';
import { auditEvent } from './audit-devices-fake';
import { cellUnder } from '../table-cell';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderAudit(options: FakeKiotOptions['consoleAudit'], locale: Locale = 'vi'): FakeKiot {
  const fake = createFakeKiot({ mode: 'manager', consoleAudit: options });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <I18nProvider i18n={addConsoleResources(createI18n(locale))}>
      <KiotProvider api={fake.api}>
        <QueryClientProvider client={client}>
          <AuditPage />
        </QueryClientProvider>
      </KiotProvider>
    </I18nProvider>,
  );
  return fake;
}

const events = Array.from({ length: 60 }, (_, i) =>
  auditEvent({
    seq: i + 1,
    at: new Date(Date.parse('2026-11-20T02:00:00.000Z') + i * 3600_000).toISOString(),
    residentId: i % 2 === 0 ? 'r-1' : 'r-2',
    action: i === 59 ? 'audit.viewed' : 'profile.viewed',
    reason: i === 58 ? '=cmd' : 'Kiểm tra hóa đơn',
  }),
);

describe('the audit log page', () => {
  it('shows the newest events with time in Vietnam, the actor with role, and the intact chain', async () => {
    renderAudit({ events });
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(50);
    expect(rows[0]!.getAttribute('data-seq')).toBe('60');
    // 2026-11-20 02:00 UTC + 59 h = 22/11/2026 13:00 UTC = 20:00 in Hanoi.
    expect(rows[0]).toBeVisible();
    expect(cellUnder(rows[0]!, 'Thời gian').textContent).toBe('22/11/2026 20:00');
    expect(cellUnder(rows[0]!, 'Người thực hiện').textContent).toMatch(/^Nguyễn Thị Thu · Ban quản lý/);
    expect(screen.getByTestId('audit-total').textContent).toBe('60 sự kiện');
    expect((await screen.findByTestId('audit-chain')).getAttribute('data-ok')).toBe('true');
  });

  it('pages with the first page pinned, and filters by resident and time (a Vietnamese day in full)', async () => {
    const fake = renderAudit({ events });
    await screen.findAllByTestId('audit-row');
    fireEvent.click(screen.getByTestId('audit-next'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(10));
    expect(fake.callsTo('consoleAudit:list').at(-1)!.request).toMatchObject({ upToSeq: 60, offset: 50, limit: 50 });

    fireEvent.change(screen.getByTestId('audit-filter-resident'), { target: { value: 'r-2' } });
    fireEvent.change(screen.getByTestId('audit-filter-from'), { target: { value: '2026-11-21' } });
    fireEvent.change(screen.getByTestId('audit-filter-to'), { target: { value: '2026-11-21' } });
    fireEvent.click(screen.getByTestId('audit-apply'));
    await waitFor(() => expect(screen.getByTestId('audit-total').textContent).toBe('12 sự kiện'));
    expect(fake.callsTo('consoleAudit:list').at(-1)!.request).toEqual({ residentId: 'r-2', from: '2026-11-20T17:00:00.000Z', to: '2026-11-21T17:00:00.000Z', limit: 50, offset: 0 });
  });

  it('refuses an end day before the start day', async () => {
    renderAudit({ events });
    await screen.findAllByTestId('audit-row');
    fireEvent.change(screen.getByTestId('audit-filter-from'), { target: { value: '2026-11-22' } });
    fireEvent.change(screen.getByTestId('audit-filter-to'), { target: { value: '2026-11-21' } });
    expect(screen.getByRole('alert').textContent).toBe('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
    expect((screen.getByTestId('audit-apply') as HTMLButtonElement).disabled).toBe(true);
  });

  it('downloads the filtered CSV through a Blob link and says how many rows', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:audit';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const fake = renderAudit({ events }, 'en');
    await screen.findAllByTestId('audit-row');
    fireEvent.change(screen.getByTestId('audit-filter-action'), { target: { value: 'profile.viewed' } });
    fireEvent.click(screen.getByTestId('audit-apply'));
    await waitFor(() => expect(screen.getByTestId('audit-total').textContent).toBe('59 events'));
    fireEvent.click(screen.getByTestId('audit-export'));
    expect(await screen.findByTestId('audit-exported')).toHaveProperty('textContent', 'Exported 59 rows. ');
    expect(fake.callsTo('consoleAudit:export').at(-1)!.request).toEqual({ action: 'profile.viewed' });
    expect(clicks).toEqual(['audit-b-1.csv']);
    // jsdom's Blob has no text(): read it the old way.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]!);
    });
    expect(text).toContain(`"59","profile.viewed","'=cmd"`);
    expect(created[0]!.type).toBe('text/csv;charset=utf-8');
  });

  it('shows the first broken link of the chain', async () => {
    renderAudit({ events, verify: { ok: false, broken: { buildingId: 'b-1', seq: 17, problem: 'hash_mismatch' } } });
    const chain = await screen.findByTestId('audit-chain');
    expect(chain.getAttribute('data-ok')).toBe('false');
    expect(chain.textContent).toContain('sự kiện số 17 (nội dung sự kiện đã bị sửa)');
  });

  it('tells customer care the log is not theirs', async () => {
    renderAudit({ events, role: 'care' });
    const refusal = await screen.findByText('Vai trò của bạn không được xem nhật ký kiểm tra.');
    expect(refusal).toBeVisible();
    expect(refusal.closest('[role="alert"]')).not.toBeNull();
    expect(screen.queryByTestId('audit-row')).toBeNull();
  });
});

describe('audit filters', () => {
  it('sends only what is set, trimmed', () => {
    expect(toFilters({ staffId: ' s-1 ', residentId: '', action: '', from: '', to: '' })).toEqual({ staffId: 's-1' });
  });
});
