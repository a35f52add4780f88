import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailAdapter } from '../../../server/adapters/mail/smtp-mail';
import type { SmtpConfig } from '../../../server/adapters/mail/smtp-mail';
import { parseMailEnv } from '../../../server/env';
import { createRawLogger } from '../../fixtures/raw-logger';

type Received = { mailFrom: string; rcptTo: string[]; raw: string; user: string | null };

const servers: SMTPServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A real SMTP server on 127.0.0.1 that keeps what it is given; plain SMTP unless `starttls`. */
async function smtpServer(opts: { password?: string } = {}): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    // The test server has no certificate: it offers no STARTTLS, as a misconfigured relay would not.
    disabledCommands: opts.password === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: opts.password === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'kiot' && auth.password === opts.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        received.push({
          mailFrom: envelope.mailFrom === false ? '' : envelope.mailFrom.address,
          rcptTo: envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'),
          user: typeof session.user === 'string' ? session.user : null,
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return { port: address.port, received };
}

/** Bytes written as `=XX` (quoted-printable, Q-encoding) back to text. */
function decodeQ(text: string, underscoreIsSpace: boolean): string {
  const bytes: number[] = [];
  const input = underscoreIsSpace ? text.replace(/_/g, ' ') : text.replace(/=\r?\n/g, '');
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] ?? '';
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(ch.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Just enough MIME for a one-part text mail: the decoded headers and body. */
function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    const value = line.slice(colon + 1).trim();
    // Whitespace between two encoded words is folding, not text.
    headers[line.slice(0, colon).toLowerCase()] = value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQ(data, true),
    );
  }
  const body = rest.join('\r\n\r\n').replace(/\r\n$/, '');
  const encoding = headers['content-transfer-encoding']?.toLowerCase();
  const text = encoding === 'quoted-printable' ? decodeQ(body, false) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : Buffer.from(body, 'latin1').toString('utf8');
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

function config(port: number, over: Partial<SmtpConfig> = {}): SmtpConfig {
  return { host: '127.0.0.1', port, secure: false, requireTLS: false, user: null, password: null, from: 'Kiot – Ban quản lý <no-reply@kiot.example.vn>', timeoutMs: 5000, ...over };
}

const MAIL = {
  to: 'nguyen.thi.lan@example.vn',
  subject: 'Mã xác nhận địa chỉ email của bạn',
  text: 'Chào bà Nguyễn Thị Lan,\n\nMã xác nhận của bạn là 482913. Mã có hiệu lực trong 10 phút.\nĐừng chia sẻ mã này với bất kỳ ai — kể cả nhân viên Ban quản lý.\n\n/ Your confirmation code is 482913.',
};

function expectNoSecrets(logText: string): void {
  expect(logText).not.toContain('nguyen.thi.lan');
  expect(logText).not.toContain('482913');
  expect(logText).not.toContain('Mã xác nhận');
}

describe('SMTP mail adapter', () => {
  it('hands a real SMTP server the message with the right sender, recipient, subject and Vietnamese text intact', async () => {
    const smtp = await smtpServer();
    const logs = createRawLogger('mail');
    const adapter = createSmtpMailAdapter(config(smtp.port), { logger: logs.logger });
    await adapter.send(MAIL);
    adapter.close();

    expect(smtp.received).toHaveLength(1);
    const [got] = smtp.received;
    expect(got?.mailFrom).toBe('no-reply@kiot.example.vn');
    expect(got?.rcptTo).toEqual(['nguyen.thi.lan@example.vn']);
    const mail = parseMail(got?.raw ?? '');
    expect(mail.headers['from']).toBe('Kiot – Ban quản lý <no-reply@kiot.example.vn>');
    expect(mail.headers['to']).toBe('nguyen.thi.lan@example.vn');
    expect(mail.headers['subject']).toBe(MAIL.subject);
    expect(mail.headers['content-type']).toMatch(/text\/plain; charset=utf-8/i);
    expect(mail.text).toBe(MAIL.text);
    expect(logs.entries).toEqual([]);
  });

  it('signs in with the user and password it was given', async () => {
    const smtp = await smtpServer({ password: 'pw-7d1c' });
    await createSmtpMailAdapter(config(smtp.port, { user: 'kiot', password: 'pw-7d1c' }), { logger: createRawLogger().logger }).send(MAIL);
    expect(smtp.received.map((r) => r.user)).toEqual(['kiot']);

    const logs = createRawLogger('mail');
    await expect(createSmtpMailAdapter(config(smtp.port, { user: 'kiot', password: 'wrong' }), { logger: logs.logger }).send(MAIL)).rejects.toThrow(`Mail server 127.0.0.1:${String(smtp.port)} answered 535`);
    expect(smtp.received).toHaveLength(1);
    expect(logs.text()).not.toContain('wrong');
    expectNoSecrets(logs.text());
  });

  it('refuses to send over a connection without TLS when TLS is required', async () => {
    const smtp = await smtpServer();
    const logs = createRawLogger('mail');
    await expect(createSmtpMailAdapter(config(smtp.port, { requireTLS: true }), { logger: logs.logger }).send(MAIL)).rejects.toThrow(/Mail server 127\.0\.0\.1:\d+/);
    expect(smtp.received).toEqual([]);
    expect(logs.entries.filter((e) => e.level === 'error')).toHaveLength(1);
    expectNoSecrets(logs.text());
  });

  it('gives a clear error when the server refuses the connection, without the address or the text in the log', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const logs = createRawLogger('mail');
    const send = createSmtpMailAdapter(config(port), { logger: logs.logger }).send(MAIL);
    await expect(send).rejects.toThrow(`Mail server 127.0.0.1:${String(port)} refused the connection`);
    const errors = logs.entries.filter((e) => e.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toBe(`Mail server 127.0.0.1:${String(port)} refused the connection; the mail was not sent`);
    expectNoSecrets(logs.text());
  });
});

describe('mail settings', () => {
  it('is off without a server, and refuses mail settings given without one', () => {
    expect(parseMailEnv({})).toEqual({ ok: true, config: null });
    expect(parseMailEnv({ KIOT_MAIL_FROM: 'no-reply@example.vn' }).ok).toBe(false);
  });

  it('reads a URL, with the password from KIOT_SMTP_PASSWORD, and a host with defaults', () => {
    expect(parseMailEnv({ KIOT_SMTP_URL: 'smtps://kiot@smtp.example.vn', KIOT_SMTP_PASSWORD: 's3cret', KIOT_MAIL_FROM: 'Kiot <no-reply@example.vn>' })).toEqual({
      ok: true,
      config: { host: 'smtp.example.vn', port: 465, secure: true, requireTLS: true, user: 'kiot', password: 's3cret', from: 'Kiot <no-reply@example.vn>', timeoutMs: 15_000 },
    });
    expect(parseMailEnv({ KIOT_SMTP_HOST: 'relay.lan', KIOT_SMTP_REQUIRE_TLS: '0', KIOT_MAIL_FROM: 'no-reply@example.vn' })).toEqual({
      ok: true,
      config: { host: 'relay.lan', port: 587, secure: false, requireTLS: false, user: null, password: null, from: 'no-reply@example.vn', timeoutMs: 15_000 },
    });
  });

  it('names what is wrong without repeating the URL or the password', () => {
    const result = parseMailEnv({ KIOT_SMTP_URL: 'http://kiot:hunter2@smtp.example.vn', KIOT_SMTP_SECURE: 'yes', KIOT_MAIL_FROM: 'nobody' });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(3);
    expect(errors.join('\n')).not.toContain('hunter2');
    expect(errors.find((e) => e.startsWith('KIOT_SMTP_URL'))).toContain('smtp://');
    expect(errors.find((e) => e.startsWith('KIOT_MAIL_FROM'))).toContain('Example');
  });
});
