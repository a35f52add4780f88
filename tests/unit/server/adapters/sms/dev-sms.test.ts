import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDevTerminal, createHubLogger } from '../../../../../server/log';
import { createOtpService } from '../../../../../server/services/otp';
import type { OtpService } from '../../../../../server/services/otp';
import { createDevSmsAdapter } from '../../../../../server/adapters/sms/dev-sms';
import type { SmsAdapter } from '../../../../../server/adapters/sms/sms-adapter';
import { createUnconfiguredSmsAdapter } from '../../../../../server/adapters/sms/unconfigured-sms';
import { createFixture } from '../../fixtures';
import type { Fixture } from '../../fixtures';

const HMAC_KEY = Buffer.alloc(32, 7);

function capture(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream, text: () => text };
}

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture();
});
afterEach(async () => {
  await fx.db.destroy();
});

/** The hub as `createHub` composes it for one mode: a redacting hub log and a dev terminal. */
function hubParts(devMode: boolean, sms: (parts: { terminal: ReturnType<typeof createDevTerminal>; logger: ReturnType<typeof createHubLogger> }) => SmsAdapter) {
  const log = capture();
  const term = capture();
  const logger = createHubLogger({ devMode, level: 'debug', destination: log.stream });
  const terminal = createDevTerminal({ devMode, destination: term.stream });
  const adapter = sms({ terminal, logger: logger.child('sms') });
  const otp: OtpService = createOtpService({
    db: fx.db,
    clock: fx.clock.now,
    random: (n) => randomBytes(n),
    newId: fx.newId,
    sms: adapter,
    logger: logger.child('otp'),
    hmacKey: HMAC_KEY,
    // The hub sends after its HTTP answer; with none here, at once.
    afterResponse: (task) => task(),
  });
  return { otp, adapter, logText: log.text, terminalText: term.text };
}

const nationalDigits = (e164: string): string => e164.slice(3);

describe('dev SMS', () => {
  it('in dev mode, prints each text with its code on the terminal, and the log gets neither number nor code', async () => {
    const { otp, adapter, logText, terminalText } = hubParts(true, (p) => createDevSmsAdapter({ clock: fx.clock.now, ...p }));
    await otp.requestCode({ phone: '0912 345 678', device: fx.kiosk });
    const sent = outboxOf(adapter);
    expect(sent).toHaveLength(1);
    const code = /\b(\d{6})\b/.exec(sent[0]!.body)![1]!;

    expect(terminalText()).toBe(`SMS to ${fx.residentPhone}: ${sent[0]!.body}\n`);
    expect(terminalText()).toContain(code);
    expect(logText()).toContain('dev SMS kept in the outbox');
    expect(logText()).not.toContain(nationalDigits(fx.residentPhone));
    expect(logText()).not.toContain(code);
  });

  it('outside dev mode, even a dev adapter wired by mistake prints nothing, and nothing sensitive is logged', async () => {
    const { otp, adapter, logText, terminalText } = hubParts(false, (p) => createDevSmsAdapter({ clock: fx.clock.now, ...p }));
    await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const code = /\b(\d{6})\b/.exec(outboxOf(adapter)[0]!.body)![1]!;
    expect(terminalText()).toBe('');
    expect(logText()).not.toContain(nationalDigits(fx.residentPhone));
    expect(logText()).not.toContain(code);
  });

  it('outside dev mode with no gateway, the failure is logged without the number, its tail or the code', async () => {
    const { otp, logText, terminalText } = hubParts(false, (p) => createUnconfiguredSmsAdapter(p.logger));
    await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    await vi.waitFor(() => expect(logText()).toContain('OTP SMS send failed'));
    expect(logText()).toContain('No SMS gateway is configured');
    expect(logText()).not.toMatch(new RegExp(nationalDigits(fx.residentPhone).slice(-3)));
    expect(logText()).not.toMatch(/\b\d{6}\b/);
    expect(terminalText()).toBe('');
  });
});

function outboxOf(adapter: SmsAdapter): { to: string; body: string }[] {
  if (!('messages' in adapter) || typeof adapter.messages !== 'function') throw new Error('not the dev adapter');
  return (adapter as ReturnType<typeof createDevSmsAdapter>).messages();
}
