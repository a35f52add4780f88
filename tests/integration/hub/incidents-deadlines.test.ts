/**
 * The incident-deadlines job on SQLite and PostgreSQL: the building's managers are mailed once
 * when 12 of the 72 hours are left and once when the deadline passes, never for an incident
 * whose authority notice is recorded, and never twice (found in the dev mail outbox).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevMailOutboxResponse, IncidentDetailResponse } from '../../../shared/hub-api';
import type { DevMailMessage } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, T0 } from './helpers';

const HOUR = 3600;
const EMAIL = 'quan.ly@example.com';

describe.each(backends)('incident deadline notices on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let manager: StaffSession;

  beforeAll(async () => {
    database = await backend.create();
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} } });
    demo = await hub.seedDemo();
    base = await hub.listen();
    manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager', email: EMAIL });
  });

  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  const register = async (hoursAgo: number, title: string): Promise<string> => {
    const reply = await call(base, 'POST', '/v1/staff/incidents', {
      headers: manager.headers,
      json: { title, description: 'Máy tính văn phòng bị nhiễm mã độc, có thể lộ danh sách cư dân.', detectedAt: new Date(clock.now().getTime() - hoursAgo * HOUR * 1000).toISOString(), categories: ['contact'], estimatedAffected: 5 },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return IncidentDetailResponse.parse(reply.body).incident.id;
  };
  const incidentMails = async (): Promise<DevMailMessage[]> =>
    DevMailOutboxResponse.parse((await call(base, 'GET', `/v1/dev/mail-outbox?to=${encodeURIComponent(EMAIL)}`)).body).messages.filter((m) => m.subject.includes('data incident'));

  it('warns 12 hours before, tells once overdue, skips an incident already notified, and never repeats', async () => {
    await register(50, 'Còn nhiều thời gian');
    const near = await register(61, 'Mã độc máy văn phòng');
    const done = await register(65, 'Đã báo cơ quan');
    expect((await call(base, 'POST', `/v1/staff/incidents/${done}/authority-notified`, { headers: manager.headers, json: {} })).status).toBe(200);

    await hub.runJobsOnce();
    let mails = await incidentMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Sắp hết hạn \/ Deadline near/);
    expect(mails[0]!.text).toContain('Mã độc máy văn phòng');
    expect(mails[0]!.text).toContain('cơ quan chuyên trách bảo vệ dữ liệu cá nhân');

    await hub.runJobsOnce();
    expect(await incidentMails()).toHaveLength(1);

    clock.advance(12 * HOUR);
    await hub.runJobsOnce();
    await hub.runJobsOnce();
    mails = await incidentMails();
    // The near one is now overdue (one mail); the one detected 50 h ago reached its 12-hour mark (one warning).
    expect(mails.map((m) => m.subject.split(':')[0])).toEqual(['Sắp hết hạn / Deadline near', 'Quá hạn / Overdue', 'Sắp hết hạn / Deadline near']);
    expect(mails[1]!.text).toContain('Mã độc máy văn phòng');
    expect(mails.some((m) => m.text.includes('Đã báo cơ quan'))).toBe(false);
    expect(near).toEqual(expect.any(String));
  });
});
