import { describe, expect, it } from 'vitest';
import { useCoreHarness } from '../../core-harness';

describe('app feature', () => {
  const h = useCoreHarness();

  it('answers app:info', async () => {
    const core = await h.start();
    await expect(core.dispatch('app:info', {})).resolves.toEqual({
      ok: true,
      value: { mode: 'kiosk', version: '1.2.3', buildingName: 'Tòa Sen', defaultLocale: 'vi', idleSeconds: 60, countdownSeconds: 15 },
    });
  });
});
