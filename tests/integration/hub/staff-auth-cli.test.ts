/**
 * `npm run hub -- create-admin`: the first administrator, from the command line, on SQLite and
 * PostgreSQL. The one-time password it prints signs in once and must then be changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffSessionResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { runCreateAdmin } from '../../../server/staff-cli';
import { enrollManagerDevice, signInWithPassword } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, errorOf, T0 } from './helpers';

describe.each(backends)('create-admin on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;

  beforeAll(async () => {
    database = await backend.create();
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} } });
    demo = await hub.seedDemo();
    base = await hub.listen();
  });
  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCreateAdmin(args, database.url, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  it('creates a building administrator whose one-time password signs in once and must be changed', async () => {
    const run = await cli(['--building', demo.buildingId, '--username', 'Lan.Pham', '--phone', '0905 111 222', '--name', 'Phạm Thị Lan', '--email', 'lan.pham@example.com']);
    expect(run.code).toBe(0);
    const oneTime = /One-time password: (\S+)/.exec(run.out.join('\n'))?.[1];
    expect(oneTime).toMatch(/^[A-Za-z2-9]{16}$/);
    // The password goes to stdout only.
    expect(run.err.join('\n')).not.toContain(oneTime);

    const device = await enrollManagerDevice(hub, base, demo.buildingId);
    const signedIn = await signInWithPassword(base, device, 'lan.pham', oneTime!, '+84905111222');
    expect(signedIn).toMatchObject({ mustChangePassword: true, staff: { role: 'admin', buildingId: demo.buildingId, fullName: 'Phạm Thị Lan' } });
    const headers = { ...device.header, authorization: `Bearer ${signedIn.token}` };
    expect(errorOf(await call(base, 'GET', '/v1/audit/verify', { headers })).code).toBe('password_change_required');
    expect((await call(base, 'POST', '/v1/staff/password', { headers, json: { currentPassword: oneTime, newPassword: 'Trăng rằm tháng tám sáng tỏ' } })).status).toBe(200);
    expect((await call(base, 'GET', '/v1/audit/verify', { headers })).status).toBe(200);
    expect(StaffSessionResponse.parse((await call(base, 'GET', '/v1/staff/me', { headers })).body).mustChangePassword).toBe(false);
  });

  it('creates an operator administrator with --building all', async () => {
    const run = await cli(['--building', 'all', '--username', 'khoa.do', '--phone', '0905111333']);
    expect(run.code).toBe(0);
    const oneTime = /One-time password: (\S+)/.exec(run.out.join('\n'))?.[1];
    const device = await enrollManagerDevice(hub, base, demo.buildingId);
    const signedIn = await signInWithPassword(base, device, 'khoa.do', oneTime!, '+84905111333');
    expect(signedIn.staff).toMatchObject({ role: 'admin', buildingId: null });
  });

  it('refuses a missing argument, an unknown building, a taken username and a foreign number, creating nothing', async () => {
    expect((await cli(['--username', 'x.y', '--phone', '0905111444'])).code).toBe(1);
    const noBuilding = await cli(['--building', 'b-none', '--username', 'ha.vu', '--phone', '0905111444']);
    expect(noBuilding).toMatchObject({ code: 1, out: [] });
    expect(noBuilding.err.join('\n')).toContain('No building with that id');
    const taken = await cli(['--building', demo.buildingId, '--username', 'LAN.PHAM', '--phone', '0905111444']);
    expect(taken.err.join('\n')).toContain('That username is taken');
    const foreign = await cli(['--building', demo.buildingId, '--username', 'ha.vu', '--phone', '+1 415 555 0100']);
    expect(foreign.code).toBe(1);
    const device = await enrollManagerDevice(hub, base, demo.buildingId);
    expect((await call(base, 'POST', '/v1/staff/sign-in', { headers: device.header, json: { username: 'ha.vu', password: 'anything at all' } })).status).toBe(401);
  });
});
