import { describe, expect, it } from 'vitest';
import { countSessionEntries } from '../../../../../electron/core/db/session-cache';
import type { CallerContext } from '../../../../../shared/contract';
import { useCoreHarness } from '../../core-harness';

describe('session feature', () => {
  const h = useCoreHarness();

  it('session:end locks, wipes the cache and records signOut', async () => {
    const core = await h.start();
    await h.signIn(core);
    await core.dispatch('bills:list', {});
    expect(await h.peek(countSessionEntries)).toBe(2);
    const ended = await core.dispatch('session:end', {});
    expect(ended).toMatchObject({ ok: true, value: { state: 'attract', resident: null, lastLock: { reason: 'signOut' } } });
    expect(await h.peek(countSessionEntries)).toBe(0);
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('core.lock (suspend) and the idle timer both wipe', async () => {
    const core = await h.start();
    await h.signIn(core);
    await core.lock('suspend');
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'attract', lastLock: { reason: 'suspend' } } });
    expect(await h.peek(countSessionEntries)).toBe(0);

    await h.signIn(core);
    h.clock.advance(75_000);
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'attract', lastLock: { reason: 'idle' } } });
    expect(await h.peek(countSessionEntries)).toBe(0);
  });

  describe('session:setLocale', () => {
    const localeSeen = async (core: Awaited<ReturnType<typeof h.start>>): Promise<CallerContext['locale']> => {
      let locale: CallerContext['locale'] | undefined;
      const original = core.handlers['session:get'];
      core.handlers['session:get'] = async (request, ctx) => {
        locale = ctx.locale;
        return original(request, ctx);
      };
      await core.dispatch('session:get', {});
      core.handlers['session:get'] = original;
      if (locale === undefined) throw new Error('session:get did not run');
      return locale;
    };

    it('answers {} in any state, without a session event, and the next calls carry the language', async () => {
      const core = await h.start();
      const views: unknown[] = [];
      core.onEvent((_e, view) => views.push(view));
      expect(await localeSeen(core)).toBe('vi');
      await expect(core.dispatch('session:setLocale', { locale: 'en' })).resolves.toEqual({ ok: true, value: {} });
      expect(await localeSeen(core)).toBe('en');
      expect(views).toEqual([]);
      await h.signIn(core);
      await expect(core.dispatch('session:setLocale', { locale: 'vi' })).resolves.toEqual({ ok: true, value: {} });
      expect(await localeSeen(core)).toBe('vi');
    });

    it('is reset to Vietnamese by every lock', async () => {
      const core = await h.start();
      await h.signIn(core);
      await core.dispatch('session:setLocale', { locale: 'en' });
      await core.lock('suspend');
      expect(await localeSeen(core)).toBe('vi');

      await core.dispatch('session:start', {});
      await core.dispatch('session:setLocale', { locale: 'en' });
      h.clock.advance(75_000);
      expect(await localeSeen(core)).toBe('vi');
    });

    it('refuses a language the kiosk does not speak', async () => {
      const core = await h.start();
      await expect(core.dispatch('session:setLocale', { locale: 'fr' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      await expect(core.dispatch('session:setLocale', {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await localeSeen(core)).toBe('vi');
    });
  });
});
