import { describe, expect, it } from 'vitest';
import { RENDERER_ERRORS_PER_MINUTE } from '../../../../../electron/core/features/log/service';
import { useCoreHarness } from '../../core-harness';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('log feature', () => {
  const h = useCoreHarness();
  const rendererLines = (): typeof h.logs => h.logs.filter((l) => l.name.endsWith(':renderer'));

  it('writes the renderer’s error to the core log with the call’s request id and who was signed in', async () => {
    const core = await h.start();
    const report = { message: 'TypeError: bills is undefined', stack: 'at BillsScreen (bills.tsx:12)', source: 'error-boundary' };
    await expect(core.dispatch('log:rendererError', report)).resolves.toEqual({ ok: true, value: {} });
    await h.signIn(core);
    await core.dispatch('log:rendererError', { message: 'second' });

    expect(rendererLines()).toEqual([
      {
        level: 'error',
        name: 'test:core:renderer',
        msg: 'renderer error',
        data: { ...report, requestId: expect.stringMatching(UUID_V7), mode: 'kiosk', actor: 'anonymous' },
      },
      {
        level: 'error',
        name: 'test:core:renderer',
        msg: 'renderer error',
        data: { message: 'second', stack: undefined, source: undefined, requestId: expect.stringMatching(UUID_V7), mode: 'kiosk', actor: 'resident' },
      },
    ]);
  });

  it.each([
    ['an empty message', { message: '' }],
    ['a message over 2000 characters', { message: 'x'.repeat(2001) }],
    ['a stack over 8000 characters', { message: 'm', stack: 's'.repeat(8001) }],
    ['a source over 200 characters', { message: 'm', source: 's'.repeat(201) }],
    ['an unknown field', { message: 'm', phone: '0912345678' }],
  ])('refuses %s without writing anything', async (_what, request) => {
    const core = await h.start();
    await expect(core.dispatch('log:rendererError', request)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(rendererLines()).toEqual([]);
  });

  it('writes at most a fixed number of reports a minute, then says how many it dropped', async () => {
    const core = await h.start();
    for (let i = 0; i < RENDERER_ERRORS_PER_MINUTE + 5; i++) {
      await expect(core.dispatch('log:rendererError', { message: `loop ${i}` })).resolves.toEqual({ ok: true, value: {} });
    }
    expect(rendererLines()).toHaveLength(RENDERER_ERRORS_PER_MINUTE);
    h.clock.advance(60_000);
    await core.dispatch('log:rendererError', { message: 'after a minute' });
    expect(rendererLines().slice(RENDERER_ERRORS_PER_MINUTE)).toEqual([
      expect.objectContaining({ level: 'warn', data: { dropped: 5 } }),
      expect.objectContaining({ level: 'error', data: expect.objectContaining({ message: 'after a minute' }) }),
    ]);
  });
});
