/**
 * The export as a resident gets it, end to end over loopback HTTP on SQLite and PostgreSQL:
 * sign in with a code, ask for a copy (`POST /v1/me/requests`), the jobs run
 * (`POST /v1/dev/run-jobs`), and the copy is in the dev mail outbox with its JSON attached;
 * "My requests" shows it done. Without an email it is prepared for the office instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateRequestResponse, DevMailOutboxResponse, MyRequestsResponse, OtpRequestResponse, OtpVerifyResponse } from '../../../shared/hub-api';
import { createDevMailAdapter, createDevSmsAdapter, createHub } from '../../../server/app';
import type { DemoInfo, DevMailAdapter, DevSmsAdapter, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import type { ExportDocument } from '../../../server/services/data-export';
import { createMemoryLogger } from '../../fixtures/memory-logger';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, latestCode, T0 } from './helpers';
import type { Device } from './helpers';

describe.each(backends)('export through the resident routes on $name', (backend) => {
  const clock = createTestClock(T0);
  const logs = createMemoryLogger('hub');
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let devSms: DevSmsAdapter;
  let devMail: DevMailAdapter;

  async function signIn(phone: string): Promise<Record<string, string>> {
    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: latestCode({ messages: devSms.messages() }, phone) }, headers: kiosk.header });
    expect(verified.status).toBe(200);
    return { ...kiosk.header, authorization: `Bearer ${OtpVerifyResponse.parse(verified.body).token}` };
  }

  beforeAll(async () => {
    database = await backend.create();
    devSms = createDevSmsAdapter({ clock: clock.now });
    devMail = createDevMailAdapter({ clock: clock.now });
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: logs.logger, terminal: { print: () => {} }, sms: devSms, mail: devMail });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('mails the copy to the verified email once the jobs run, and shows the request done', async () => {
    const phone = demo.residents[0]!.phone;
    await db.updateTable('residents').set({ email: 'ban.sao@example.vn' }).where('phone_e164', '=', phone).execute();
    const auth = await signIn(phone);
    const created = await call(base, 'POST', '/v1/me/requests', { json: { kind: 'export' }, headers: auth });
    expect(created.status).toBe(200);
    const { request } = CreateRequestResponse.parse(created.body);
    expect(request.exportDelivery).toBe('email');

    const run = await call(base, 'POST', '/v1/dev/run-jobs');
    expect(run.status).toBe(200);
    const outbox = DevMailOutboxResponse.parse((await call(base, 'GET', '/v1/dev/mail-outbox?to=ban.sao@example.vn')).body).messages;
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.attachments?.map((a) => a.filename)).toEqual(['kiot-du-lieu-cua-toi.json']);
    const doc = JSON.parse(devMail.sent().find((m) => m.to === 'ban.sao@example.vn')!.attachments![0]!.content) as ExportDocument;
    expect(doc.profile.phone).toBe(phone);
    expect(doc.requests.map((r) => r.id)).toContain(request.id);

    const mine = MyRequestsResponse.parse((await call(base, 'GET', '/v1/me/requests', { headers: auth })).body).requests;
    const shown = mine.find((r) => r.id === request.id)!;
    expect(shown.status).toBe('done');
    expect(shown.history.map((e) => e.action)).toEqual(['received', 'started', 'completed']);
  });

  it('prepares the copy for the office when the resident has no email', async () => {
    const phone = demo.residents[1]!.phone;
    await db.updateTable('residents').set({ email: null }).where('phone_e164', '=', phone).execute();
    const auth = await signIn(phone);
    const { request } = CreateRequestResponse.parse((await call(base, 'POST', '/v1/me/requests', { json: { kind: 'export' }, headers: auth })).body);
    expect(request.exportDelivery).toBe('pickup');
    const before = devMail.messages().length;

    expect((await call(base, 'POST', '/v1/dev/run-jobs')).status).toBe(200);
    expect(devMail.messages()).toHaveLength(before);
    const shown = MyRequestsResponse.parse((await call(base, 'GET', '/v1/me/requests', { headers: auth })).body).requests.find((r) => r.id === request.id)!;
    expect(shown.status).toBe('in_progress');
    // Ready at the office: the kiosk says so from the delivery and the status.
    expect(shown.exportDelivery).toBe('pickup');
    expect(shown.history.at(-1)).toMatchObject({ action: 'started', actor: 'system' });
  });
});
