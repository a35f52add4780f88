import { describe, expect, it } from 'vitest';
import { contract, events } from '../../../shared/contract';
import { channelNames, eventMethodName, eventNames } from '../../../shared/channels';
import { buildKiotApi } from '../../../shared/kiot-api';
import { OtpVerifyBody, OtpRequestBody } from '../../../shared/hub-api';

describe('IPC contract', () => {
  it('has a schema for every channel name and every event, and nothing else', () => {
    expect(Object.keys(contract).sort()).toEqual([...channelNames].sort());
    expect(Object.keys(events).sort()).toEqual([...eventNames].sort());
  });

  it('rejects malformed requests', () => {
    expect(contract['auth:requestOtp'].request.safeParse({}).success).toBe(false);
    expect(contract['auth:requestOtp'].request.safeParse({ phone: 912345678 }).success).toBe(false);
    expect(contract['auth:requestOtp'].request.safeParse({ phone: '0912345678', extra: 1 }).success).toBe(false);
    expect(contract['auth:verifyOtp'].request.safeParse({ code: '12345' }).success).toBe(false);
    expect(contract['auth:verifyOtp'].request.safeParse({ code: '12345a' }).success).toBe(false);
    expect(contract['auth:verifyOtp'].request.safeParse({ code: '123456' }).success).toBe(true);
    expect(contract['bills:get'].request.safeParse({ billId: '' }).success).toBe(false);
    expect(contract['session:get'].request.safeParse({ anything: true }).success).toBe(false);
  });

  it('takes no phone number for a resend: the request is empty', () => {
    expect(contract['auth:resendOtp'].request.safeParse({}).success).toBe(true);
    expect(contract['auth:resendOtp'].request.safeParse({ phone: '0912345678' }).success).toBe(false);
    expect(contract['auth:resendOtp'].response.safeParse({ maskedPhone: '+84 *** *** 678', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 }).success).toBe(true);
  });

  it('accepts only the kiosk’s two languages for session:setLocale', () => {
    expect(contract['session:setLocale'].request.safeParse({ locale: 'vi' }).success).toBe(true);
    expect(contract['session:setLocale'].request.safeParse({ locale: 'en' }).success).toBe(true);
    expect(contract['session:setLocale'].request.safeParse({ locale: 'fr' }).success).toBe(false);
    expect(contract['session:setLocale'].request.safeParse({}).success).toBe(false);
  });

  it('bounds what the renderer may write to the log', () => {
    const req = contract['log:rendererError'].request;
    expect(req.safeParse({ message: 'x' }).success).toBe(true);
    expect(req.safeParse({ message: 'x'.repeat(2000), stack: 's'.repeat(8000), source: 'w'.repeat(200) }).success).toBe(true);
    expect(req.safeParse({ message: '' }).success).toBe(false);
    expect(req.safeParse({ message: 'x'.repeat(2001) }).success).toBe(false);
    expect(req.safeParse({ message: 'x', stack: 's'.repeat(8001) }).success).toBe(false);
    expect(req.safeParse({ message: 'x', source: 'w'.repeat(201) }).success).toBe(false);
    expect(req.safeParse({ message: 'x', extra: 1 }).success).toBe(false);
  });

  it('keeps each domain’s channels in that domain’s file', async () => {
    const domains = { app: await import('../../../shared/contract/app'), session: await import('../../../shared/contract/session'), auth: await import('../../../shared/contract/auth'), bills: await import('../../../shared/contract/bills'), log: await import('../../../shared/contract/log') };
    const byFile = { app: domains.app.appContract, session: domains.session.sessionContract, auth: domains.auth.authContract, bills: domains.bills.billsContract, log: domains.log.logContract };
    for (const [domain, channels] of Object.entries(byFile)) {
      expect(Object.keys(channels).sort()).toEqual(channelNames.filter((c) => c.startsWith(`${domain}:`)).sort());
    }
  });

  it('rejects malformed hub bodies', () => {
    expect(OtpRequestBody.safeParse({ phone: '' }).success).toBe(false);
    expect(OtpVerifyBody.safeParse({ requestId: 'r', code: '1234567' }).success).toBe(false);
  });
});

describe('buildKiotApi', () => {
  it('exposes exactly one method per channel and one subscription per event', async () => {
    const calls: [string, unknown][] = [];
    const api = buildKiotApi(
      async (channel, request) => {
        calls.push([channel, request]);
        return { ok: true, value: null };
      },
      () => () => undefined,
    ) as unknown as Record<string, unknown>;

    const methods: string[] = [];
    for (const [key, value] of Object.entries(api)) {
      if (typeof value === 'function') methods.push(key);
      else for (const verb of Object.keys(value as object)) methods.push(`${key}:${verb}`);
    }
    expect(methods.sort()).toEqual([...channelNames, ...eventNames.map(eventMethodName)].sort());

    await (api['auth'] as { requestOtp(r: unknown): Promise<unknown> }).requestOtp({ phone: '0912345678' });
    expect(calls).toEqual([['auth:requestOtp', { phone: '0912345678' }]]);
  });
});
