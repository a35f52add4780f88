// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mainProcess, press, renderApp, teardown, toBills } from '../../render-app';
import { myRequest } from './fake-requests';

afterEach(() => {
  vi.useRealTimers();
  teardown();
});

async function openFromPrivacy(entry: 'requests' | 'deletion' | 'export', english = false): Promise<void> {
  await toBills();
  if (english) fireEvent.click(screen.getByTestId('lang-toggle'));
  fireEvent.click(screen.getByTestId('nav-privacy'));
  fireEvent.click(await screen.findByTestId(`privacy-${entry}`));
}

const base = { createdAt: '2026-11-20T03:00:00.000Z', acknowledgeDueAt: '2026-11-24T03:00:00.000Z', actDueAt: '2026-12-07T03:00:00.000Z' };

describe('my requests', () => {
  it('lists each request with its kind, status, deadline in words, hold category and refusal reason, and cancels one', async () => {
    const { fake } = await renderApp({
      requests: {
        requests: [
          myRequest({ ...base, id: 'q3', kind: 'export', status: 'acknowledged' }),
          myRequest({ ...base, id: 'q2', kind: 'deletion', status: 'on_hold', holdCategory: 'legal_obligation', cancellable: false }),
          myRequest({ ...base, id: 'q1', kind: 'objection', status: 'refused', closedAt: '2026-11-22T03:00:00.000Z', cancellable: false, refusalReason: 'Thông báo phí là bắt buộc' }),
        ],
      },
    });
    await openFromPrivacy('requests');
    const cards = await screen.findAllByTestId('request-card');
    expect(cards.map((c) => [within(c).getByTestId('request-status').textContent, within(c).getByTestId('request-deadline').textContent])).toEqual([
      ['Đã xác nhận', 'Chúng tôi sẽ làm xong trước thứ Hai, 07/12/2026'],
      ['Tạm giữ', 'Tạm giữ theo yêu cầu pháp lý'],
      ['Bị từ chối', 'Bị từ chối ngày 22/11/2026'],
    ]);
    expect(within(cards[2]!).getByTestId('request-refusal').textContent).toBe('Lý do từ chối: Thông báo phí là bắt buộc');
    // Only the open, cancellable one offers Cancel.
    expect(cards.map((c) => within(c).queryByTestId('request-cancel') !== null)).toEqual([true, false, false]);

    fireEvent.click(within(cards[0]!).getByTestId('request-history-toggle'));
    expect(within(cards[0]!).getByTestId('request-history').textContent).toBe('20/11/2026 10:00: Đã nhận yêu cầu (bạn)');

    fireEvent.click(within(cards[0]!).getByTestId('request-cancel'));
    fireEvent.click(await screen.findByTestId('request-cancel-yes'));
    expect((await screen.findByTestId('requests-notice')).textContent).toBe('Đã hủy yêu cầu.');
    expect(within(screen.getAllByTestId('request-card')[0]!).getByTestId('request-status').textContent).toBe('Đã hủy');
    expect(fake.callsTo('requests:cancel').map((c) => c.request)).toEqual([{ requestId: 'q3' }]);
  });

  it('says there is none yet, in English', async () => {
    await renderApp();
    await openFromPrivacy('requests', true);
    expect((await screen.findByTestId('requests-empty')).textContent).toBe('You have not sent any requests.');
  });
});

describe('delete my data', () => {
  it('explains, sends a code, says how many tries are left after a wrong one, then shows the erasure date, time and countdown, and cancels it', async () => {
    const { fake } = await renderApp();
    await openFromPrivacy('deletion');
    const intro = await screen.findByTestId('deletion-intro');
    expect(within(intro).getByTestId('deletion-erased').textContent).toContain('Số điện thoại');
    expect(within(intro).getByTestId('deletion-when').textContent).toBe('Việc xóa diễn ra 5 ngày sau khi bạn gửi yêu cầu. Trong thời gian đó bạn có thể hủy tại máy này.');
    expect(screen.getByTestId('deletion-notice-sms').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByTestId('deletion-notice-email'));
    fireEvent.click(screen.getByTestId('deletion-send-code'));
    await screen.findByTestId('deletion-code');

    press('000000');
    expect((await screen.findByTestId('error-message')).textContent).toContain('Mã không đúng. Còn 4 lần thử.');
    press('123456');
    const status = await screen.findByTestId('deletion-status');
    expect(within(status).getByTestId('deletion-erase-at').textContent).toMatch(/^Dữ liệu của bạn sẽ được xóa lúc \d\d:\d\d, (Chủ nhật|thứ \S+), \d\d\/\d\d\/\d{4}\.$/);
    expect(within(status).getByTestId('deletion-countdown').textContent).toMatch(/^Còn lại(4 ngày 23 giờ 59 phút|5 ngày 0 giờ 0 phút)$/);
    expect(within(status).queryByTestId('deletion-already-open')).toBeNull();
    expect(fake.callsTo('requests:create').at(-1)!.request).toEqual({ kind: 'deletion', finalNotice: 'email', code: '123456' });

    fireEvent.click(screen.getByTestId('deletion-cancel'));
    fireEvent.click(await screen.findByTestId('request-cancel-yes'));
    expect((await screen.findByTestId('deletion-cancelled')).textContent).toContain('Đã hủy yêu cầu xóa dữ liệu');
  });

  it('shows a deletion already open instead of starting another', async () => {
    const { fake } = await renderApp({ requests: { requests: [myRequest({ id: 'q1', kind: 'deletion', eraseAt: new Date(Date.now() + 3 * 86_400_000).toISOString() })] } });
    await openFromPrivacy('deletion', true);
    expect((await screen.findByTestId('deletion-already-open')).textContent).toBe('You already have a deletion request waiting. Here it is.');
    expect(screen.getByTestId('deletion-countdown').textContent).toMatch(/^Time left(2 days 23 hours 59 minutes|3 days 0 hours 0 minutes)$/);
    expect(screen.queryByTestId('deletion-send-code')).toBeNull();
    expect(fake.callsTo('requests:sendDeletionCode')).toHaveLength(0);
  });

  it('with the hub unreachable, says to try again and keeps the choice made', async () => {
    const { fake } = await renderApp();
    await openFromPrivacy('deletion');
    await screen.findByTestId('deletion-intro');
    fireEvent.click(screen.getByTestId('deletion-notice-none'));
    await mainProcess(() => fake.setHubDown(true));
    fireEvent.click(screen.getByTestId('deletion-send-code'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('cần kết nối đến hệ thống');
    expect(screen.getByTestId('deletion-notice-none').getAttribute('aria-checked')).toBe('true');
    await mainProcess(() => fake.setHubDown(false));
    fireEvent.click(screen.getByTestId('retry'));
    await screen.findByTestId('deletion-code');
    press('123456');
    await screen.findByTestId('deletion-status');
    expect(fake.callsTo('requests:create').at(-1)!.request).toMatchObject({ finalNotice: 'none' });
  });

  it('right after sign-in, counts down the wait before a code may be sent, with the button held', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await renderApp({ requests: { firstSendWaitSeconds: 3 } });
    await openFromPrivacy('deletion');
    fireEvent.click(await screen.findByTestId('deletion-send-code'));
    expect((await screen.findByTestId('deletion-wait')).textContent).toBe('Để bảo vệ tài khoản, mỗi số điện thoại chỉ nhận một mã mỗi phút. Vui lòng chờ 3 giây rồi bấm “Gửi mã cho tôi”.');
    expect(screen.getByTestId('deletion-send-code').hasAttribute('disabled')).toBe(true);
    expect(screen.queryByTestId('error-message')).toBeNull();
    await act(async () => void (await vi.advanceTimersByTimeAsync(1000)));
    expect(screen.getByTestId('deletion-wait').textContent).toContain('chờ 2 giây');
    await act(async () => void (await vi.advanceTimersByTimeAsync(2500)));
    expect(screen.queryByTestId('deletion-wait')).toBeNull();
    fireEvent.click(screen.getByTestId('deletion-send-code'));
    await screen.findByTestId('deletion-code');
  });

  it('asks for a new code once the code is dead, when the hub allows another', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await renderApp({ requests: { code: '999999' } });
    await openFromPrivacy('deletion');
    fireEvent.click(await screen.findByTestId('deletion-send-code'));
    await screen.findByTestId('deletion-code');
    for (let i = 0; i < 5; i += 1) {
      press('000000');
      await screen.findByTestId('error-message');
    }
    expect(screen.getByTestId('error-message').textContent).toContain('Bạn đã nhập sai quá nhiều lần');
    const resend = screen.getByTestId('deletion-code-resend');
    expect(resend.hasAttribute('disabled')).toBe(true);
    expect(resend.textContent).toMatch(/^Gửi mã mới sau \d+ giây$/);
    await act(async () => void (await vi.advanceTimersByTimeAsync(60_000)));
    expect(resend.textContent).toBe('Gửi mã mới');
    expect(resend.hasAttribute('disabled')).toBe(false);
    fireEvent.click(resend);
    // The new code's step is up once its resend wait starts again (the old step is still on screen until then).
    await waitFor(() => expect(screen.getByTestId('deletion-code-resend').textContent).toMatch(/^Gửi mã mới sau \d+ giây$/));
    press('999999');
    await screen.findByTestId('deletion-status');
  });
});

describe('send me a copy of my data', () => {
  it('says it goes to the masked email, and the request then shows', async () => {
    await renderApp();
    await openFromPrivacy('export', true);
    expect((await screen.findByTestId('export-where')).textContent).toBe('We will send the copy to your email l•••@gmail.com.');
    fireEvent.click(screen.getByTestId('export-confirm'));
    expect((await screen.findByTestId('export-notice')).textContent).toBe('Request received. The copy will be sent to your email.');
    fireEvent.click(screen.getByTestId('export-to-list'));
    const cards = await screen.findAllByTestId('request-card');
    expect(cards.map((c) => c.dataset['kind'])).toEqual(['export']);
  });

  it('without an email, says it will be ready at the office', async () => {
    await renderApp({ requests: { emailMasked: null } });
    await openFromPrivacy('export');
    expect((await screen.findByTestId('export-where')).textContent).toBe('Bạn chưa có email. Bản sao sẽ được chuẩn bị để bạn nhận tại văn phòng ban quản lý.');
    fireEvent.click(screen.getByTestId('export-confirm'));
    expect((await screen.findByTestId('export-notice')).textContent).toBe('Đã nhận yêu cầu. Ban quản lý sẽ báo khi bản sao sẵn sàng tại văn phòng.');
  });
});
