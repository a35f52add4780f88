/**
 * The `requests` domain of the fake `window.kiot`: a deletion needs code 123456 after a code was
 * sent (five tries), a second open request of a kind returns the first, cancelling closes it.
 */
import type { ChannelName } from '../../../../../shared/channels';
import type { RequestsView } from '../../../../../shared/contract/requests';
import type { KiotApi } from '../../../../../shared/kiot-api';
import { DELETION_DELAY_DAYS } from '../../../../../shared/requests';
import type { MyRequest } from '../../../../../shared/requests';
import type { AppError, Result } from '../../../../../shared/result';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

const DAY_MS = 86_400_000;

/** A request as the hub would list it, received at `createdAt`. */
export function myRequest(partial: Partial<MyRequest> & Pick<MyRequest, 'id' | 'kind'>): MyRequest {
  const createdAt = partial.createdAt ?? '2026-11-25T03:00:00.000Z';
  const at = Date.parse(createdAt);
  return {
    status: 'received',
    createdAt,
    acknowledgeDueAt: new Date(at + 2 * DAY_MS).toISOString(),
    actDueAt: new Date(at + 15 * DAY_MS).toISOString(),
    eraseAt: partial.kind === 'deletion' ? new Date(at + DELETION_DELAY_DAYS * DAY_MS).toISOString() : null,
    acknowledgedAt: null,
    closedAt: null,
    cancellable: true,
    holdCategory: null,
    refusalReason: null,
    extendedDays: 0,
    extensionReason: null,
    exportDelivery: partial.kind === 'export' ? 'email' : null,
    finalNotice: partial.kind === 'deletion' ? 'sms' : null,
    details: null,
    history: [{ at: createdAt, action: 'received', actor: 'resident', reason: null }],
    ...partial,
  };
}

export type FakeRequestsOptions = {
  requests?: MyRequest[];
  emailMasked?: string | null;
  code?: string;
  /** The first code request is refused as too soon, with this many seconds to wait (as right after sign-in). */
  firstSendWaitSeconds?: number;
};

export function createFakeRequests(handle: Handle, signedIn: () => boolean, options: FakeRequestsOptions = {}): KiotApi['requests'] {
  const code = options.code ?? '123456';
  const requests: MyRequest[] = structuredClone(options.requests ?? []);
  const contact: RequestsView['contact'] = { phoneMasked: '09•• ••• 678', emailMasked: options.emailMasked === undefined ? 'l•••@gmail.com' : options.emailMasked };
  const fail = (c: AppError['code'], extra: Partial<AppError> = {}): Result<never> => ({ ok: false, error: { code: c, message: c, ...extra } });
  let attemptsLeft = 0;
  let n = 0;
  let waitOnce = options.firstSendWaitSeconds;
  const open = (kind: MyRequest['kind']): MyRequest | undefined => requests.find((r) => r.kind === kind && r.closedAt === null);

  return {
    list: (request) => handle('requests:list', request, () => (signedIn() ? { ok: true, value: { requests: structuredClone(requests), contact } } : fail('unauthorized'))),
    sendDeletionCode: (request) =>
      handle('requests:sendDeletionCode', request, () => {
        if (!signedIn()) return fail('unauthorized');
        if (waitOnce !== undefined) {
          const retryAfterSeconds = waitOnce;
          waitOnce = undefined;
          return fail('rate_limited', { retryAfterSeconds });
        }
        attemptsLeft = 5;
        return { ok: true, value: { expiresAt: new Date(Date.now() + 300_000).toISOString(), resendAfterSeconds: 60, phoneMasked: contact.phoneMasked } };
      }),
    create: (request) =>
      handle('requests:create', request, (): Result<{ request: MyRequest; created: boolean }> => {
        if (!signedIn()) return fail('unauthorized');
        const existing = open(request.kind);
        if (request.kind === 'deletion') {
          if (attemptsLeft <= 0) return fail('code_expired');
          if (request.code !== code) {
            attemptsLeft -= 1;
            return attemptsLeft > 0 ? fail('wrong_code', { attemptsLeft }) : fail('code_locked');
          }
          attemptsLeft = 0;
        }
        if (existing) return { ok: true, value: { request: structuredClone(existing), created: false } };
        const made = myRequest({
          id: `q${++n}`,
          kind: request.kind,
          createdAt: new Date().toISOString(),
          ...(request.kind === 'deletion' ? { finalNotice: request.finalNotice } : { exportDelivery: contact.emailMasked === null ? 'pickup' : 'email', cancellable: true }),
        });
        requests.unshift(made);
        return { ok: true, value: { request: structuredClone(made), created: true } };
      }),
    cancel: (request) =>
      handle('requests:cancel', request, () => {
        if (!signedIn()) return fail('unauthorized');
        const found = requests.find((r) => r.id === request.requestId);
        if (!found) return fail('not_found');
        if (!found.cancellable) return fail('wrong_state');
        const at = new Date().toISOString();
        Object.assign(found, { status: 'cancelled', cancellable: false, closedAt: at, eraseAt: found.eraseAt, history: [...found.history, { at, action: 'cancelled', actor: 'resident', reason: null }] });
        return { ok: true, value: { request: structuredClone(found) } };
      }),
  };
}
