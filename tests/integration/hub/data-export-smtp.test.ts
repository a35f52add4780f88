/**
 * The export mail through the real SMTP adapter (nodemailer) to a real SMTP server on
 * 127.0.0.1: the summary is the text part, the JSON arrives as the attachment
 * `kiot-du-lieu-cua-toi.json` byte for byte, Vietnamese included.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { exportMail } from '../../../server/adapters/mail/request-mails';
import { createSmtpMailAdapter } from '../../../server/adapters/mail/smtp-mail';
import { EXPORT_FILENAME } from '../../../server/services/data-export';
import { createMemoryLogger } from '../../fixtures/memory-logger';

const received: string[] = [];
const server = new SMTPServer({
  secure: false,
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push(Buffer.concat(chunks).toString('latin1'));
      callback();
    });
  },
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The base64 body of the MIME part whose headers name `filename`. */
function attachmentOf(raw: string, filename: string): { headers: string; content: string } | undefined {
  for (const part of raw.split(/\r\n--[^\r\n]+\r\n/)) {
    const [headers = '', ...body] = part.split('\r\n\r\n');
    if (!headers.includes(filename)) continue;
    const encoded = body.join('\r\n\r\n').split(/\r\n--/)[0]!.replace(/\s+/g, '');
    return { headers, content: Buffer.from(encoded, 'base64').toString('utf8') };
  }
  return undefined;
}

describe('export mail over SMTP', () => {
  it('carries the JSON as an attachment, unchanged', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
    const logs = createMemoryLogger('mail');
    const adapter = createSmtpMailAdapter(
      { host: '127.0.0.1', port, secure: false, requireTLS: false, user: null, password: null, from: 'Kiot <no-reply@kiot.example.vn>', timeoutMs: 5000 },
      { logger: logs.logger },
    );
    const json = JSON.stringify({ schemaVersion: 1, profile: { fullName: 'Trần Thị Hồng Nhung', contactAddress: 'Phòng 1203, tòa B' } }, null, 2);
    try {
      await adapter.send(exportMail({ to: 'hong.nhung@example.vn', summary: 'BẢN SAO DỮ LIỆU CỦA BẠN', json, filename: EXPORT_FILENAME }));
    } finally {
      adapter.close();
    }
    expect(received).toHaveLength(1);
    const raw = received[0]!;
    expect(raw).toMatch(/Content-Type: multipart\/mixed/i);
    const file = attachmentOf(raw, EXPORT_FILENAME);
    expect(file?.headers).toMatch(/Content-Type: application\/json/i);
    expect(file?.headers).toMatch(/Content-Disposition: attachment/i);
    expect(file?.content).toBe(json);
  });
});
