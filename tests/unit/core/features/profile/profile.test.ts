import { describe, expect, it } from 'vitest';
import { listPendingOperations } from '../../../../../electron/core/db/outbox';
import { countSessionEntries, getSessionEntry } from '../../../../../electron/core/db/session-cache';
import { hubRoutes } from '../../../../../shared/hub-api';
import type { ProfileView } from '../../../../../shared/contract/profile';
import type { ProfileResponse } from '../../../../../shared/hub-api';
import { jsonResponse, useCoreHarness } from '../../core-harness';

const hubProfile: ProfileResponse = {
  details: { fullName: 'Nguyễn Văn An', units: [{ label: 'A-1203' }], buildingName: 'Tòa Sen', phone: '+84912345678', email: null, contactAddress: null },
  contactChanges: [],
  corrections: [
    { id: 'corr-1', field: 'address', value: '12 Nguyễn Huệ, Quận 1', status: 'rejected', reason: 'Thiếu số phòng', createdAt: '2026-11-20T03:00:00.000Z', decidedAt: '2026-11-21T03:00:00.000Z' },
  ],
};

describe('profile feature', () => {
  const h = useCoreHarness();
  const withProfileRoutes = (): void => {
    h.hub.routes.set(`GET ${hubRoutes['me.profile'].path}`, () => jsonResponse(200, hubProfile));
    h.hub.routes.set(`POST ${hubRoutes['me.startContactChange'].path}`, () => jsonResponse(409, { error: { code: 'phone_in_use', message: 'in use' } }));
  };

  it('refuses everything to nobody signed in, without calling the hub', async () => {
    withProfileRoutes();
    const core = await h.start();
    await expect(core.dispatch('profile:get', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(core.dispatch('profile:requestCorrection', { field: 'name', value: 'Trần Văn Bình' })).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(h.hub.calls.filter((c) => c.path.startsWith('/v1/me/'))).toEqual([]);
    expect(await h.peek((db) => listPendingOperations(db, 10))).toEqual([]);
  });

  it('keeps the profile in the session cache only: shown from there while the hub is down, gone at lock', async () => {
    withProfileRoutes();
    const core = await h.start();
    await h.signIn(core);
    const fresh = await core.dispatch('profile:get', {});
    expect(fresh).toMatchObject({ ok: true, value: { details: hubProfile.details, fromCache: false } });
    // A correction the management rejected shows with its reason.
    expect(fresh).toMatchObject({ value: { corrections: [{ id: 'corr-1', state: 'rejected', reason: 'Thiếu số phòng' }] } });

    h.hub.down = true;
    await expect(core.dispatch('profile:get', {})).resolves.toMatchObject({ ok: true, value: { details: hubProfile.details, fromCache: true } });
    // Contact changes need the hub (it sends the codes): they say so, and nothing is queued.
    await expect(core.dispatch('profile:startContactChange', { kind: 'email', newEmail: 'an@example.vn' })).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
    expect(await h.peek((db) => listPendingOperations(db, 10))).toEqual([]);

    await core.dispatch('session:end', {});
    expect(await h.peek((db) => getSessionEntry(db, 'profile'))).toBeUndefined();
    expect(await h.peek((db) => countSessionEntries(db))).toBe(0);
  });

  it('passes the hub’s typed refusals through', async () => {
    withProfileRoutes();
    const core = await h.start();
    await h.signIn(core);
    await expect(core.dispatch('profile:startContactChange', { kind: 'phone', newPhone: '0987654321', hasOldPhone: true })).resolves.toMatchObject({ ok: false, error: { code: 'phone_in_use' } });
  });

  it('queues a correction in the outbox with the resident session while the hub is down, and shows it saved on this kiosk', async () => {
    withProfileRoutes();
    const core = await h.start();
    await h.signIn(core);
    await core.dispatch('profile:get', {});
    h.hub.down = true;
    const asked = await core.dispatch('profile:requestCorrection', { field: 'name', value: '  Trần   Văn Bình ' });
    expect(asked).toMatchObject({ ok: true, value: { correction: { field: 'name', value: 'Trần Văn Bình', state: 'saved' } } });
    const queued = await h.peek((db) => listPendingOperations(db, 10));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: 'correction.request', sessionId: 'session-1', payload: { field: 'name', value: 'Trần Văn Bình' } });

    const view = await core.dispatch('profile:get', {});
    expect(view).toMatchObject({ ok: true, value: { fromCache: true } });
    expect(view.ok && (view.value as ProfileView).corrections.map((c) => [c.field, c.state])).toEqual([
      ['name', 'saved'],
      ['address', 'rejected'],
    ]);
  });

  it('refuses a name or address the hub would refuse, before queueing anything', async () => {
    withProfileRoutes();
    const core = await h.start();
    await h.signIn(core);
    await expect(core.dispatch('profile:requestCorrection', { field: 'name', value: 'An 2' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expect(core.dispatch('profile:requestCorrection', { field: 'address', value: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await h.peek((db) => listPendingOperations(db, 10))).toEqual([]);
  });
});
