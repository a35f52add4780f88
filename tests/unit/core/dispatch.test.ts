import { describe, expect, it, vi } from 'vitest';
import type { CallerContext, Handlers, SessionView } from '../../../shared/contract';
import { createLogger } from '../../../shared/logger';
import type { LogSink } from '../../../shared/logger';
import { KiotError } from '../../../shared/result';
import { createDispatcher } from '../../../electron/core/dispatch';
import type { DispatcherDeps } from '../../../electron/core/dispatch';

let calls = 0;
const context = (): CallerContext => ({
  requestId: `req-${++calls}`,
  device: { deviceId: 'dev_1', buildingId: 'bld_1', mode: 'kiosk' },
  actor: { kind: 'anonymous' },
  locale: 'vi',
});
const deps: DispatcherDeps = { context };

const view: SessionView = { state: 'attract', countdown: null, maskedPhone: null, resident: null, lastLock: null };
const bill = {
  id: 'b1',
  unitLabel: 'A-1203',
  service: 'water' as const,
  month: '2026-10',
  amountVnd: 125_000,
  dueDate: '2026-11-15',
  status: 'unpaid' as const,
  paidVnd: 0,
  paidAt: null,
  consumption: { unit: 'm3' as const, previousReading: 100, currentReading: 112, quantity: 12 },
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const notCalled = async (): Promise<never> => {
    throw new Error('not expected in this test');
  };
  return {
    'app:info': async () => ({ mode: 'kiosk', version: '1.0.0', buildingName: 'Tòa A', defaultLocale: 'vi', idleSeconds: 60, countdownSeconds: 15 }),
    'session:get': async () => view,
    'session:start': notCalled,
    'session:activity': async () => ({}),
    'session:continue': notCalled,
    'session:end': notCalled,
    'session:setLocale': async () => ({}),
    'auth:requestOtp': async () => ({ maskedPhone: '+84 *** *** 678', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 }),
    'auth:resendOtp': notCalled,
    'auth:verifyOtp': notCalled,
    'bills:list': async () => ({ bills: [bill] }),
    'bills:get': notCalled,
    'profile:get': notCalled,
    'profile:startContactChange': notCalled,
    'profile:verifyContactChange': notCalled,
    'profile:removeEmail': notCalled,
    'profile:requestCorrection': notCalled,
    'accessLog:list': notCalled,
    'consents:list': notCalled,
    'consents:set': notCalled,
    'consents:setReceipts': notCalled,
    'consents:changeStatus': notCalled,
    'policy:get': notCalled,
    'building:public': notCalled,
    'requests:list': notCalled,
    'requests:sendDeletionCode': notCalled,
    'requests:create': notCalled,
    'requests:cancel': notCalled,
    'payments:create': notCalled,
    'payments:wait': notCalled,
    'payments:cancel': notCalled,
    'consoleRequests:list': notCalled,
    'consoleRequests:get': notCalled,
    'consoleRequests:acknowledge': notCalled,
    'consoleRequests:extend': notCalled,
    'consoleRequests:hold': notCalled,
    'consoleRequests:release': notCalled,
    'consoleRequests:refuse': notCalled,
    'consoleRequests:complete': notCalled,
    'consoleRequests:export': notCalled,
    'consoleResidents:search': notCalled,
    'consoleResidents:open': notCalled,
    'consoleResidents:edit': notCalled,
    'consoleResidents:moveOut': notCalled,
    'consoleResidents:household': notCalled,
    'consoleIncidents:list': notCalled,
    'consoleIncidents:get': notCalled,
    'consoleIncidents:register': notCalled,
    'consoleIncidents:link': notCalled,
    'consoleIncidents:drafts': notCalled,
    'consoleIncidents:notify': notCalled,
    'consoleIncidents:authorityNotified': notCalled,
    'consoleIncidents:close': notCalled,
    'consoleAudit:list': notCalled,
    'consoleAudit:verify': notCalled,
    'consoleAudit:export': notCalled,
    'consoleDevices:list': notCalled,
    'consoleDevices:issueCode': notCalled,
    'consoleDevices:revoke': notCalled,
    'consoleBroadcast:live': notCalled,
    'consoleBroadcast:start': notCalled,
    'consoleBroadcast:end': notCalled,
    'consolePayments:transfers': notCalled,
    'consolePayments:matchTransfer': notCalled,
    'consolePayments:ignoreTransfer': notCalled,
    'consolePayments:bills': notCalled,
    'consolePayments:payCash': notCalled,
    'consolePayments:exportBills': notCalled,
    'consolePayments:importStatement': notCalled,
    'consolePayments:importBills': notCalled,
    'consolePayments:intents': notCalled,
    'log:rendererError': async () => ({}),
    'staff:get': notCalled,
    'staff:signIn': notCalled,
    'staff:verify': notCalled,
    'staff:cancel': notCalled,
    'staff:changePassword': notCalled,
    'staff:unlock': notCalled,
    'staff:signOut': notCalled,
    'staff:activity': notCalled,
    ...overrides,
  };
}

describe('createDispatcher', () => {
  it('runs the handler and wraps its value', async () => {
    const dispatch = createDispatcher(handlers(), deps);
    await expect(dispatch('session:get', {})).resolves.toEqual({ ok: true, value: view });
    await expect(dispatch('bills:list', {})).resolves.toEqual({ ok: true, value: { bills: [bill] } });
  });

  it('treats a missing request as an empty one', async () => {
    const dispatch = createDispatcher(handlers(), deps);
    await expect(dispatch('session:activity', undefined)).resolves.toEqual({ ok: true, value: {} });
  });

  it.each(['nope', 'session:get ', '__proto__', 'constructor', 'toString', 42, null])('rejects unknown channel %j', async (channel) => {
    const dispatch = createDispatcher(handlers(), deps);
    const result = await dispatch(channel as string, {});
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Unknown channel') } });
  });

  it.each([
    ['auth:requestOtp', {}, 'phone'],
    ['auth:requestOtp', { phone: 912345678 }, 'phone'],
    ['auth:requestOtp', { phone: '1'.repeat(40) }, 'phone'],
    ['auth:verifyOtp', { code: '12a456' }, 'code'],
    ['bills:get', { billId: '' }, 'billId'],
    ['session:get', { extra: true }, 'request'],
    ['session:get', 'a string', 'request'],
  ])('rejects malformed %s request %j naming the field', async (channel, request, field) => {
    const handler = vi.fn();
    const dispatch = createDispatcher(
      handlers({ 'auth:requestOtp': handler, 'auth:verifyOtp': handler, 'bills:get': handler, 'session:get': handler }),
      deps,
    );
    const result = await dispatch(channel, request);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message.startsWith(field)).toBe(true);
    expect(result.error.message.length).toBeLessThan(200);
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes the parsed (trimmed) request to the handler', async () => {
    const handler = vi.fn(handlers()['auth:requestOtp']);
    const dispatch = createDispatcher(handlers({ 'auth:requestOtp': handler }), deps);
    await dispatch('auth:requestOtp', { phone: '  0912 345 678 ' });
    expect(handler).toHaveBeenCalledWith({ phone: '0912 345 678' }, expect.objectContaining({ actor: { kind: 'anonymous' } }));
  });

  it('returns a KiotError as its AppError', async () => {
    const dispatch = createDispatcher(
      handlers({
        'auth:verifyOtp': async () => {
          throw new KiotError('wrong_code', 'Wrong code', { attemptsLeft: 3 });
        },
      }),
      deps,
    );
    await expect(dispatch('auth:verifyOtp', { code: '123456' })).resolves.toEqual({
      ok: false,
      error: { code: 'wrong_code', message: 'Wrong code', attemptsLeft: 3 },
    });
  });

  it('turns any other throw into internal, logged but not leaked', async () => {
    const entries: Parameters<LogSink>[0][] = [];
    const logger = createLogger('test', (e) => entries.push(e));
    const dispatch = createDispatcher(
      handlers({
        'bills:list': async () => {
          throw new Error('SQLITE_IOERR at /home/kiosk/.config/kiot/kiosk.db');
        },
        'session:get': () => {
          throw new TypeError('sync throw');
        },
      }),
      { context, logger },
    );
    const result = await dispatch('bills:list', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error' } });
    expect(JSON.stringify(result)).not.toContain('SQLITE');
    expect(entries).toEqual([expect.objectContaining({ level: 'error', data: expect.objectContaining({ channel: 'bills:list', requestId: expect.stringMatching(/^req-\d+$/) }) })]);
    await expect(dispatch('session:get', {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error' } });
  });

  it('builds a fresh caller context for every call and hands it to the handler', async () => {
    const seen: CallerContext[] = [];
    const dispatch = createDispatcher(
      handlers({
        'session:activity': async (_request, ctx) => {
          seen.push(ctx);
          return {};
        },
      }),
      deps,
    );
    await dispatch('session:activity', {});
    await dispatch('session:activity', {});
    expect(seen).toHaveLength(2);
    expect(seen[0]!.requestId).not.toBe(seen[1]!.requestId);
    expect(seen[0]).toMatchObject({ device: { deviceId: 'dev_1', buildingId: 'bld_1', mode: 'kiosk' }, actor: { kind: 'anonymous' }, locale: 'vi' });
  });

  it('builds no context and runs nothing for a request it refuses', async () => {
    let built = 0;
    const dispatch = createDispatcher(handlers(), {
      context: () => {
        built += 1;
        return context();
      },
    });
    await dispatch('session:setLocale', { locale: 'de' });
    await dispatch('nope', {});
    expect(built).toBe(0);
  });

  it('strips fields outside the response schema and refuses responses that break it', async () => {
    const dispatch = createDispatcher(
      handlers({
        'session:get': async () => ({ ...view, token: 'secret' }) as SessionView,
        'bills:list': async () => ({ bills: [{ ...bill, amountVnd: -1 }] }),
      }),
      deps,
    );
    const got = await dispatch('session:get', {});
    expect(got).toEqual({ ok: true, value: view });
    await expect(dispatch('bills:list', {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error' } });
  });
});
