import { describe, expect, it } from 'vitest';
import type { AccessLogEntry } from '../../../../../shared/audit';
import { hubRoutes } from '../../../../../shared/hub-api';
import { countSessionEntries } from '../../../../../electron/core/db/session-cache';
import { jsonResponse, TOKEN, useCoreHarness } from '../../core-harness';

const path = hubRoutes['me.accessLog'].path;
const entries: AccessLogEntry[] = [
  { id: 'e1', at: '2026-11-24T07:05:00.000Z', actor: { kind: 'staff', role: 'manager', displayName: 'Nguyễn Thị Lan' }, action: 'profile.viewed', reason: 'Kiểm tra hóa đơn' },
];

describe('access log feature', () => {
  const h = useCoreHarness();

  it("asks the hub with the resident's token and passes the entries through, caching nothing", async () => {
    h.hub.routes.set(`GET ${path}`, () => jsonResponse(200, { entries }));
    const core = await h.start();
    await h.signIn(core);
    const cachedBefore = await h.peek((db) => countSessionEntries(db));
    await expect(core.dispatch('accessLog:list', {})).resolves.toEqual({ ok: true, value: { entries } });
    const call = h.hub.calls.at(-1)!;
    expect(call.path).toBe(path);
    expect(call.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(await h.peek((db) => countSessionEntries(db))).toBe(cachedBefore);
  });

  it('reads an action a newer hub knows and this kiosk does not as "other", keeping the rest of the list', async () => {
    h.hub.routes.set(`GET ${path}`, () => jsonResponse(200, { entries: [{ ...entries[0], id: 'e2', action: 'profile.photo_viewed' }, ...entries] }));
    const core = await h.start();
    await h.signIn(core);
    const listed = await core.dispatch('accessLog:list', {});
    expect(listed).toMatchObject({ ok: true, value: { entries: [{ id: 'e2', action: 'other' }, { id: 'e1', action: 'profile.viewed' }] } });
  });

  it('refuses the log to nobody signed in, without calling the hub', async () => {
    const core = await h.start();
    await expect(core.dispatch('accessLog:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(h.hub.calls.some((c) => c.path === path)).toBe(false);
  });

  it('drops an answer that arrives after the session ended', async () => {
    let answer: (r: Response) => void = () => {};
    h.hub.routes.set(`GET ${path}`, () => new Promise<Response>((resolve) => (answer = resolve)));
    const core = await h.start();
    await h.signIn(core);
    const pending = core.dispatch('accessLog:list', {});
    await new Promise((r) => setTimeout(r, 10));
    await core.dispatch('session:end', {});
    answer(jsonResponse(200, { entries }));
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
  });

  it('says hub_unavailable when the hub cannot be reached', async () => {
    const core = await h.start();
    await h.signIn(core);
    h.hub.down = true;
    await expect(core.dispatch('accessLog:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
  });
});
