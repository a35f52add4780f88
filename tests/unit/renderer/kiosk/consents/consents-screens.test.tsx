// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentView, ConsentsView } from '../../../../../shared/contract/consents';
import type { PolicyView } from '../../../../../shared/contract/policy';
import { defaultPolicyVersions } from '../../../../../resources/policy/default-policy';
import { press, renderApp, teardown, toBills, toCode } from '../../render-app';

afterEach(teardown);

// jsdom lays nothing out and has no scrollIntoView; the policy screen scrolls an opened version into view.
beforeAll(() => {
  Element.prototype.scrollIntoView = function scrollIntoView(): void {};
});

const [v1, v2] = defaultPolicyVersions;
const purpose = (id: string): ConsentView => {
  const def = v2!.purposes.find((p) => p.id === id)!;
  return { ...def, granted: def.necessary, since: null, choiceVersion: null, needsReview: false, change: null };
};

const consents = (overrides: Partial<Record<string, Partial<ConsentView>>> = {}): ConsentsView => ({
  policyVersion: 2,
  purposes: ['service_notices', 'bill_reminders_sms', 'delivery_partners'].map((id) => ({ ...purpose(id), ...overrides[id] })),
  receiptChannel: 'sms',
  hasEmail: false,
  offline: false,
});

const policy: PolicyView = {
  current: 2,
  versions: [v2!, v1!].map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, text: v.text, changes: v.changes, purposes: [...v.purposes] })),
  storedAt: null,
};

async function openConsents(): Promise<void> {
  fireEvent.click(screen.getByTestId('nav-privacy'));
  fireEvent.click(await screen.findByTestId('privacy-consents'));
  await screen.findByTestId('consent-list');
}

describe('my consents', () => {
  it('shows each purpose with what, why and who; a switch only for optional ones, never on unless chosen', async () => {
    await renderApp({ consents: consents({ bill_reminders_sms: { granted: true, since: '2026-11-20T03:00:00.000Z', choiceVersion: 2 } }) });
    await toBills();
    await openConsents();
    const notices = screen.getByTestId('consent-service_notices');
    expect(within(notices).queryByTestId('consent-switch')).toBeNull();
    expect(within(notices).getByTestId('consent-necessary').textContent).toContain('luôn bật');
    const sms = screen.getByTestId('consent-bill_reminders_sms');
    expect(within(sms).getByTestId('consent-switch').getAttribute('aria-checked')).toBe('true');
    expect(within(sms).getByTestId('consent-since').textContent).toBe('Từ 20/11/2026 · chính sách phiên bản 2');
    const delivery = screen.getByTestId('consent-delivery_partners');
    expect(within(delivery).getByTestId('consent-switch').getAttribute('aria-checked')).toBe('false');
    expect(within(delivery).getByText('Đối tác giao hàng: Giao Hàng Tiết Kiệm và Ahamove.')).toBeVisible();
  });

  it('a tap records the change and says it is saved on this kiosk until sent', async () => {
    const { fake } = await renderApp({ consents: consents() });
    await toBills();
    await openConsents();
    fireEvent.click(within(screen.getByTestId('consent-delivery_partners')).getByTestId('consent-switch'));
    const state = await screen.findByTestId('consent-state');
    expect(state.textContent).toBe('Đã lưu trên máy này, sẽ gửi khi có mạng');
    expect(fake.callsTo('consents:set').map((c) => c.request)).toEqual([{ purposeId: 'delivery_partners', granted: true }]);
    expect(within(screen.getByTestId('consent-delivery_partners')).getByTestId('consent-switch').getAttribute('aria-checked')).toBe('true');
  });
});

describe('the re-consent review', () => {
  it('holds the screens back until each changed purpose is answered, with nothing chosen for the resident', async () => {
    const { fake } = await renderApp({ consents: consents({ delivery_partners: { granted: true, since: '2026-03-16T02:30:00.000Z', choiceVersion: 1, needsReview: true } }), policy });
    await toCode();
    press('123456');
    const gate = await screen.findByTestId('reconsent');
    expect(screen.queryByTestId('bills-list')).toBeNull();
    expect((await screen.findByTestId('reconsent-changes')).textContent).toContain('Ahamove');
    const continueButton = screen.getByTestId('reconsent-continue') as HTMLButtonElement;
    expect(continueButton.disabled).toBe(true);
    expect(within(gate).getByTestId('consent-agree').getAttribute('aria-pressed')).toBe('false');
    expect(within(gate).getByTestId('consent-decline').getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(within(gate).getByTestId('consent-decline'));
    expect(fake.callsTo('consents:set').map((c) => c.request)).toEqual([{ purposeId: 'delivery_partners', granted: false }]);
    await expect.poll(() => (screen.getByTestId('reconsent-continue') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('reconsent-continue'));
    expect(await screen.findByTestId('home')).toBeVisible();
    expect(screen.queryByTestId('reconsent')).toBeNull();
  });

  it('shows nothing of the signed-in screens while the hub is asked whether a review is needed', async () => {
    let release = (): void => {};
    await renderApp({ consents: consents({ delivery_partners: { granted: true, since: '2026-03-16T02:30:00.000Z', choiceVersion: 1, needsReview: true } }), policy }, (fake) => {
      release = fake.hold('consents:list');
    });
    await toCode();
    press('123456');
    const checking = await screen.findByTestId('reconsent-checking');
    expect(checking).toBeVisible();
    expect(checking.getAttribute('role')).toBe('status');
    expect(checking.textContent).toBe('Đang tải…');
    expect(screen.queryByTestId('bills-list')).toBeNull();
    release();
    expect(within(await screen.findByTestId('reconsent')).getByRole('heading', { name: 'Chính sách bảo mật đã thay đổi' })).toBeVisible();
    expect(screen.queryByTestId('reconsent-checking')).toBeNull();
    expect(screen.queryByTestId('bills-list')).toBeNull();
  });

  it('does not stop a resident with nothing to review', async () => {
    await renderApp({ consents: consents() });
    await toBills();
    expect(screen.queryByTestId('reconsent')).toBeNull();
  });
});

describe('the privacy policy screen', () => {
  it('shows the version in effect and opens an earlier one, in English after switching', async () => {
    await renderApp({ policy });
    await toBills();
    fireEvent.click(screen.getByTestId('lang-toggle'));
    fireEvent.click(screen.getByTestId('nav-privacy'));
    fireEvent.click(await screen.findByTestId('privacy-policy'));
    expect((await screen.findByTestId('policy-effective')).textContent).toBe('In effect from 01/07/2026');
    expect(screen.getByTestId('policy-text').textContent).toContain('We never sell, rent or trade your data.');
    fireEvent.click(screen.getByTestId('policy-open-1'));
    expect((await screen.findByTestId('policy-version')).getAttribute('data-version')).toBe('1');
    expect(screen.getByTestId('policy-effective').textContent).toBe('In effect from 01/01/2026');
    expect(screen.queryByTestId('policy-changes')).toBeNull();
  });

  it('says when it shows the copy stored on the kiosk', async () => {
    await renderApp({ policy: { ...policy, storedAt: '2026-11-25T02:00:00.000Z' } });
    await toBills();
    fireEvent.click(screen.getByTestId('nav-privacy'));
    fireEvent.click(await screen.findByTestId('privacy-policy'));
    expect((await screen.findByTestId('policy-stored')).textContent).toBe('Không kết nối được máy chủ. Đây là bản đã lưu trên máy lúc 25/11/2026 09:00.');
  });
});
