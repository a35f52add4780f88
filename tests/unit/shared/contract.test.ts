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
