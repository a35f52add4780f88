/**
 * 10,000 guesses at a resident's login code from a kiosk, with the hub's default limits. The
 * attacker is given more than any real one has: after five wrong guesses at each code, their
 * sixth guess is the code itself (read from the dev SMS outbox, as if the phone were in their
 * hand). The limits must still win: five wrong guesses kill a code, a number gets three codes
 * per 15 minutes and ten a day, so the hub evaluates at most a few dozen guesses and none
 * succeeds. Remove the attempt limit or the send limits and this fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../server/app';
import type { DemoInfo, Hub } from '../../server/app';
import { defaultOtpLimits } from '../../server/services/otp';
import { ErrorBody, OtpRequestResponse } from '../../shared/hub-api';
import { silentLogger } from '../../shared/logger';
import { call, createTestClock, enroll } from '../integration/hub/helpers';
import { smsSentTo } from '../fixtures/dev-sms';

const GUESSES = 10_000;
/** Simulated time between guesses: the whole attack spans 22 hours, inside one rolling day. */
const SECONDS_PER_GUESS = 8;

describe('OTP brute force', () => {
  let dir: string;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  const clock = createTestClock();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiot-brute-'));
    hub = await createHub({ database: path.join(dir, 'hub.sqlite'), devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} } });
    demo = await hub.seedDemo();
    base = await hub.listen();
  });

  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${GUESSES} guesses, the sixth at every code being right: no sign-in, and only a few dozen guesses evaluated`, { timeout: 180_000 }, async () => {
    const kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    const phone = demo.residents[2]!.phone;
    const outcomes = new Map<string, number>();
    let requestId: string | null = null;
    let guessesAtThisCode = 0;
    let codesSent = 0;
    let signedIn = 0;

    const newCode = async (): Promise<void> => {
      const reply = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
      if (reply.status === 200) {
        requestId = OtpRequestResponse.parse(reply.body).requestId;
        guessesAtThisCode = 0;
        codesSent += 1;
      }
    };

    await newCode();
    for (let i = 0; i < GUESSES; i += 1) {
      clock.advance(SECONDS_PER_GUESS);
      if (guessesAtThisCode >= 6 || requestId === null) await newCode();
      if (requestId === null) throw new Error('the first code request was refused');
      let guess = String((i * 7919) % 1_000_000).padStart(6, '0');
      if (guessesAtThisCode === 5) {
        // The oracle: the code that was really sent.
        const sent = (await smsSentTo(base, phone)).at(-1)?.body.match(/\b(\d{6})\b/)?.[1];
        if (sent !== undefined) guess = sent;
      }
      guessesAtThisCode += 1;
      const reply = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: guess }, headers: kiosk.header });
      if (reply.status === 200) {
        signedIn += 1;
        continue;
      }
      const code = ErrorBody.parse(reply.body).error.code;
      outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
    }

    const perDay = Math.max(...defaultOtpLimits.perNumber.map((w) => w.max));
    expect(signedIn).toBe(0);
    expect(codesSent).toBeGreaterThan(1);
    expect(codesSent).toBeLessThanOrEqual(perDay);
    expect(outcomes.get('wrong_code') ?? 0).toBeLessThanOrEqual(codesSent * defaultOtpLimits.maxAttempts);
    expect([...outcomes.keys()].every((c) => ['wrong_code', 'code_locked', 'code_expired', 'rate_limited'].includes(c))).toBe(true);
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(GUESSES);
  });
});
