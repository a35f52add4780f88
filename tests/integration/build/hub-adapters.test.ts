/**
 * The built hub (`node dist/hub/main.js`) configured only through its environment: login
 * codes leave through the HTTP SMS gateway and email codes through SMTP, both local
 * stand-ins here. Proves main.ts wires both adapters and that nodemailer is in the bundle.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub } from '../../../scripts/build-hub';
import type { BuiltHub } from '../../../scripts/build-hub';
import { ContactChangeResponse, DEVICE_HEADER, EnrollResponse, OtpRequestResponse, OtpVerifyResponse } from '../../../shared/hub-api';

const root = path.resolve(import.meta.dirname, '../../..');
let dir: string;
let built: BuiltHub;

type Sms = { authorization: string | undefined; to: string; text: string };
type Mail = { rcptTo: string[]; raw: string };
const smsReceived: Sms[] = [];
const mailReceived: Mail[] = [];
let gateway: Server;
let smtp: SMTPServer;
let gatewayPort: number;
let smtpPort: number;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

async function eventually<T>(what: string, probe: () => T | undefined, output: () => string): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}:\n${output()}`);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiot-hub-adapters-'));
  built = await buildHub({ outDir: path.join(dir, 'hub') });
  for (const name of Object.keys(built.dependencies)) {
    await mkdir(path.dirname(path.join(built.outDir, 'node_modules', name)), { recursive: true });
    await symlink(path.join(root, 'node_modules', name), path.join(built.outDir, 'node_modules', name), 'dir');
  }

  gateway = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { to: string; text: string };
      smsReceived.push({ authorization: req.headers['authorization'], to: parsed.to, text: parsed.text });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayPort = (gateway.address() as AddressInfo).port;

  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mailReceived.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = ((smtp as unknown as { server: Server }).server.address() as AddressInfo).port;
}, 90_000);

afterAll(async () => {
  gateway?.closeAllConnections();
  await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('the built hub with a real SMS gateway and SMTP server configured', () => {
  it('sends the login code through the gateway and the email code through SMTP', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${String(port)}`;
    let output = '';
    const hub: ChildProcess = spawn(process.execPath, [built.outfile], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'] ?? '',
        KIOT_DB: path.join(dir, 'data', 'hub.sqlite'),
        PORT: String(port),
        KIOT_HUB_HOST: '127.0.0.1',
        // Dev mode only for the demo building and the enrollment code it prints.
        KIOT_HUB_DEV: '1',
        KIOT_SMS_GATEWAY_URL: `http://127.0.0.1:${String(gatewayPort)}/send`,
        KIOT_SMS_GATEWAY_HEADERS: '{"Authorization":"Bearer ${KIOT_TEST_GATEWAY_TOKEN}"}',
        KIOT_TEST_GATEWAY_TOKEN: 'tok-e2e',
        KIOT_SMTP_HOST: '127.0.0.1',
        KIOT_SMTP_PORT: String(smtpPort),
        KIOT_SMTP_REQUIRE_TLS: '0',
        KIOT_MAIL_FROM: 'Kiot <no-reply@kiot.example.vn>',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    hub.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => hub.on('exit', (code) => resolve(code)));
    const out = (): string => output;
    try {
      const enrollCode = await eventually('the enrollment code', () => /enrollment code .*: (\S+)/.exec(output)?.[1], out);
      const phone = await eventually('the demo resident', () => /Demo resident: .*\((\+84\d+)\)/.exec(output)?.[1], out);
      expect(output).toContain(`SMS through the HTTP gateway at 127.0.0.1:${String(gatewayPort)}`);
      expect(output).toContain(`Mail through the SMTP server 127.0.0.1:${String(smtpPort)}`);

      const post = async (p: string, json: unknown, headers: Record<string, string> = {}): Promise<unknown> => {
        const res = await fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(json) });
        const body: unknown = await res.json();
        if (res.status !== 200) throw new Error(`${p} answered ${String(res.status)}: ${JSON.stringify(body)}\n${output}`);
        return body;
      };
      const device = EnrollResponse.parse(await post('/v1/devices/enroll', { code: enrollCode, name: 'Sảnh A' }));
      const deviceHeader = { [DEVICE_HEADER]: `${device.deviceId}.${device.deviceSecret}` };

      const { requestId } = OtpRequestResponse.parse(await post('/v1/auth/otp/request', { phone }, deviceHeader));
      const sms = await eventually('the login SMS at the gateway', () => smsReceived.find((m) => m.to === phone), out);
      expect(sms.authorization).toBe('Bearer tok-e2e');
      const loginCode = /\b(\d{6})\b/.exec(sms.text)?.[1] ?? '';
      const session = OtpVerifyResponse.parse(await post('/v1/auth/otp/verify', { requestId, code: loginCode }, deviceHeader));
      const resident = { ...deviceHeader, authorization: `Bearer ${session.token}` };

      const started = ContactChangeResponse.parse(await post('/v1/me/contact-changes', { kind: 'email', newEmail: 'lan.moi@example.vn' }, resident));
      const mail = await eventually('the email code at the SMTP server', () => mailReceived.find((m) => m.rcptTo.includes('lan.moi@example.vn')), out);
      const mailCode = /\b(\d{6})\b/.exec(mail.raw)?.[1] ?? '';
      expect(mailCode).toMatch(/^\d{6}$/);
      const verified = ContactChangeResponse.parse(await post(`/v1/me/contact-changes/${encodeURIComponent(started.change.id)}/verify`, { target: 'new', code: mailCode }, resident));
      expect(verified.change.status).toBe('done');
    } finally {
      hub.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
