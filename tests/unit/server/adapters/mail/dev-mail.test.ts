import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDevMailAdapter } from '../../../../../server/adapters/mail/dev-mail';
import { createUnconfiguredMailAdapter } from '../../../../../server/adapters/mail/unconfigured-mail';
import { createDevTerminal, createHubLogger } from '../../../../../server/log';
import { createMemoryLogger } from '../../../../fixtures/memory-logger';

function capture(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream, text: () => text };
}

const message = { to: 'lan.nguyen@example.vn', subject: 'Mã xác nhận email', text: 'Mã của bạn là 482913.' };

describe('dev mail', () => {
  it('keeps each mail for the outbox and prints it on the dev terminal; the log gets neither address nor text', async () => {
    const log = capture();
    const term = capture();
    const logger = createHubLogger({ devMode: true, level: 'debug', destination: log.stream });
    const adapter = createDevMailAdapter({ clock: () => new Date('2026-03-01T02:00:00Z'), terminal: createDevTerminal({ devMode: true, destination: term.stream }), logger: logger.child('mail') });
    await adapter.send(message);
    expect(adapter.messages()).toEqual([{ ...message, sentAt: '2026-03-01T02:00:00.000Z' }]);
    expect(term.text()).toContain('lan.nguyen@example.vn');
    expect(term.text()).toContain('482913');
    expect(log.text()).toContain('dev mail kept in the outbox');
    expect(log.text()).not.toContain('lan.nguyen');
    expect(log.text()).not.toContain('482913');
  });

  it('prints nothing when the terminal is a production one', async () => {
    const term = capture();
    const adapter = createDevMailAdapter({ clock: () => new Date(), terminal: createDevTerminal({ devMode: false, destination: term.stream }) });
    await adapter.send(message);
    expect(term.text()).toBe('');
  });

  it('keeps only the newest 1000 mails', async () => {
    const adapter = createDevMailAdapter({ clock: () => new Date() });
    for (let i = 0; i < 1005; i++) await adapter.send({ ...message, subject: `n${i}` });
    const kept = adapter.messages();
    expect(kept).toHaveLength(1000);
    expect(kept[0]?.subject).toBe('n5');
    expect(kept.at(-1)?.subject).toBe('n1004');
  });

  it('hands out copies: a caller cannot change what the outbox holds', async () => {
    const adapter = createDevMailAdapter({ clock: () => new Date() });
    await adapter.send(message);
    const first = adapter.messages()[0];
    if (first) first.text = 'changed';
    expect(adapter.messages()[0]?.text).toBe(message.text);
  });
});

describe('unconfigured mail', () => {
  it('refuses every send and logs one clear error without the address or the text', async () => {
    const logs = createMemoryLogger('mail');
    const adapter = createUnconfiguredMailAdapter(logs.logger);
    await expect(adapter.send(message)).rejects.toThrow('No mail server configured');
    expect(logs.entries.filter((e) => e.level === 'error')).toHaveLength(1);
    expect(logs.text()).toContain('No mail server is configured');
    expect(logs.text()).not.toContain('lan.nguyen');
    expect(logs.text()).not.toContain('482913');
    expect(logs.text()).not.toContain('Mã xác nhận');
  });
});
