/**
 * The auditor's part of the request queue over loopback HTTP, on SQLite and PostgreSQL:
 * issue 9 gives auditors read-only access to requests, so they list and open them, and
 * every action (and the export download, which carries the resident's data) is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateRequestResponse, OtpRequestResponse, OtpVerifyResponse, StaffRequestListResponse, StaffRequestResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import type { AuditTables } from '../../../server/db/audit';
import { latestCode } from '../../fixtures/dev-sms';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';

describe.each(backends)('an auditor in the request queue on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let auditor: StaffSession;
  let requestId: string;

  beforeAll(async () => {
    database = await backend.create();
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} } });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    const kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    const phone = demo.residents[0]?.phone;
    if (!phone) throw new Error('the demo has no resident');
    const { requestId: otpId } = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header })).body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId: otpId, code: await latestCode(base, phone) }, headers: kiosk.header });
    const { token } = OtpVerifyResponse.parse(verified.body);
    const asked = await call(base, 'POST', '/v1/me/requests', { json: { kind: 'objection', details: 'Không nhận tin khảo sát' }, headers: { ...kiosk.header, authorization: `Bearer ${token}` } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    requestId = CreateRequestResponse.parse(asked.body).request.id;
    clock.advance(61);
    auditor = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'auditor' });
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('lists and opens the building’s requests', async () => {
    const list = await call(base, 'GET', '/v1/staff/requests', { headers: auditor.headers });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(StaffRequestListResponse.parse(list.body).requests.map((r) => r.id)).toContain(requestId);
    const one = await call(base, 'GET', `/v1/staff/requests/${requestId}`, { headers: auditor.headers });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(StaffRequestResponse.parse(one.body).request).toMatchObject({ id: requestId, kind: 'objection', status: 'received' });
  });

  it('changes nothing and downloads no export', async () => {
    for (const [step, json] of [
      ['acknowledge', {}],
      ['extend', { days: 3, reason: 'Chờ ý kiến' }],
      ['hold', { category: 'dispute', reason: 'Đang tranh chấp' }],
      ['release', { reason: 'Hết tranh chấp' }],
      ['refuse', { reason: 'Không có căn cứ' }],
      ['complete', {}],
    ] as const) {
      const reply = await call(base, 'POST', `/v1/staff/requests/${requestId}/${step}`, { json, headers: auditor.headers });
      expect(reply.status, step).toBe(403);
      expect(errorOf(reply).code).toBe('forbidden');
    }
    const download = await call(base, 'GET', `/v1/staff/requests/${requestId}/export`, { headers: auditor.headers });
    expect(download.status).toBe(403);
    const still = StaffRequestResponse.parse((await call(base, 'GET', `/v1/staff/requests/${requestId}`, { headers: auditor.headers })).body).request;
    expect(still.status).toBe('received');
    const events = await db.withTables<AuditTables>().selectFrom('audit_events').select('action').where('detail', 'like', `%${requestId}%`).execute();
    expect(events).toEqual([]);
  });
});
