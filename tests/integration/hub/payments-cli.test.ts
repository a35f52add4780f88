/**
 * `npm run hub -- payment-account` and `webhook-secret`, on SQLite and PostgreSQL: what an
 * operator sets from the command line is what a production hub (not in dev mode) then uses —
 * the webhook is accepted only with the new secret, and only transfers to the new account count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { genericSignature } from '../../../server/adapters/payments/generic';
import { runPaymentsCli } from '../../../server/payments-cli';
import type { PaymentCommand } from '../../../server/payments-cli';
import { DEV_WEBHOOK_SECRET } from '../../../server/services/payments';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, T0 } from './helpers';

describe.each(backends)('payment commands on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let demo: DemoInfo;
  let hub: Hub | undefined;
  let tx = 0;

  beforeAll(async () => {
    database = await backend.create();
    const seeding = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} } });
    demo = await seeding.seedDemo();
    await seeding.close();
  });
  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  async function cli(command: PaymentCommand, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runPaymentsCli(command, args, database.url, { out: (l) => out.push(l), err: (l) => err.push(l), env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  async function production(): Promise<string> {
    await hub?.close();
    hub = await createHub({ database: database.url, devMode: false, clock: clock.now, logger: silentLogger, terminal: { print: () => {} } });
    return hub.listen();
  }

  async function webhook(base: string, secret: string, accountNumber: string): Promise<{ status: number; recorded?: string }> {
    const raw = JSON.stringify({ transactionId: `cli-tx-${++tx}`, direction: 'in', amountVnd: 100_000, content: 'CHUYEN TIEN', accountNumber, receivedAt: clock.now().toISOString() });
    const t = Math.floor(clock.now().getTime() / 1000);
    const reply = await call(base, 'POST', '/v1/payments/webhooks/generic', { raw, headers: { 'x-kiot-signature': genericSignature(secret, t, raw) } });
    return reply.status === 200 ? { status: 200, recorded: WebhookResponse.parse(reply.body).recorded } : { status: reply.status };
  }

  it('generates a webhook secret, prints it once, and a production hub accepts only it', async () => {
    const run = await cli('webhook-secret', ['--building', demo.buildingId, '--provider', 'generic']);
    expect(run.code, run.err).toBe(0);
    const secret = /Secret \(shown once\): (\S+)/.exec(run.out)?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(run.err).not.toContain(secret);

    const base = await production();
    expect((await webhook(base, DEV_WEBHOOK_SECRET, '1023456789')).status).toBe(401);
    expect(await webhook(base, secret!, '1023456789')).toEqual({ status: 200, recorded: 'unmatched' });
  });

  it('takes a provider-issued secret from an environment variable without echoing it', async () => {
    const given = 'issued-by-the-provider-2026-abc';
    const run = await cli('webhook-secret', ['--building', demo.buildingId, '--provider', 'generic', '--from-env', 'KIOT_TEST_SECRET'], { KIOT_TEST_SECRET: given });
    expect(run.code, run.err).toBe(0);
    expect(run.out).not.toContain(given);
    const base = await production();
    expect((await webhook(base, given, '1023456789')).status).toBe(200);

    const short = await cli('webhook-secret', ['--building', demo.buildingId, '--provider', 'generic', '--from-env', 'KIOT_TEST_SECRET'], { KIOT_TEST_SECRET: 'short' });
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/shorter than 16 characters/);
  });

  it('sets the receiving account: transfers to the old account no longer count', async () => {
    const run = await cli('payment-account', ['--building', demo.buildingId, '--bin', '970418', '--bank', 'BIDV', '--account', '2150 0012 345', '--name', 'Ban quan tri Song Hong']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('BIDV 21500012345 (BAN QUAN TRI SONG HONG)');
    const secretRun = await cli('webhook-secret', ['--building', demo.buildingId, '--provider', 'generic']);
    const secret = /Secret \(shown once\): (\S+)/.exec(secretRun.out)![1]!;
    const base = await production();
    expect(await webhook(base, secret, '21500012345')).toEqual({ status: 200, recorded: 'unmatched' });
    expect(await webhook(base, secret, '1023456789')).toEqual({ status: 200, recorded: 'ignored' });
  });

  it('refuses bad input with a clear message in both languages and changes nothing', async () => {
    const badBin = await cli('payment-account', ['--building', demo.buildingId, '--bin', '12', '--bank', 'BIDV', '--account', '123456', '--name', 'X']);
    expect(badBin.code).toBe(1);
    expect(badBin.err).toMatch(/Tài khoản không hợp lệ.*Invalid account/);
    const noBuilding = await cli('webhook-secret', ['--building', 'no-such-building', '--provider', 'sepay']);
    expect(noBuilding).toMatchObject({ code: 1, err: expect.stringContaining('No building with that id') });
    const badProvider = await cli('webhook-secret', ['--building', demo.buildingId, '--provider', 'momo']);
    expect(badProvider).toMatchObject({ code: 1, err: expect.stringContaining('Usage') });
    const unknownFlag = await cli('payment-account', ['--building', demo.buildingId, '--iban', 'x']);
    expect(unknownFlag).toMatchObject({ code: 1, err: expect.stringContaining('Usage') });
  });
});
