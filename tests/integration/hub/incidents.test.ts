/**
 * The breach register over loopback HTTP with real staff sign-in, on SQLite and PostgreSQL:
 * who may do what (care refused, auditor read-only, building scope), the 72-hour clock and
 * its overdue flag on the test clock, linking residents and sending them a notice exactly
 * once (found in the dev outboxes), the authority's notice, closing, and one audit event
 * per step with the incident as the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogResponse, DevMailOutboxResponse, IncidentDetailResponse, OtpRequestResponse, OtpVerifyResponse, IncidentDraftsResponse, IncidentListResponse, LinkResidentsResponse, NotifyResidentsResponse } from '../../../shared/hub-api';
import type { IncidentDetail } from '../../../shared/incidents';
import type { DemoInfo, Hub } from '../../../server/app';
import type { HubDb } from '../../../server/db/connect';
import type { AuditTables } from '../../../server/db/audit';
import { latestCode, smsSentTo } from '../../fixtures/dev-sms';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { startStaffTestHub } from './staff-hub';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';
import type { Reply } from './helpers';

const OTHER_BUILDING = 'b-incidents-other';
const HOUR = 3600;

describe.each(backends)('the breach register over HTTP on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let manager: StaffSession;
  let care: StaffSession;
  let auditor: StaffSession;
  let outsider: StaffSession;
  let admin: StaffSession;
  let withEmail: { id: string; phone: string; email: string }[];

  beforeAll(async () => {
    ({ database, hub, base, demo, db } = await startStaffTestHub(backend, clock, { otherBuildingId: OTHER_BUILDING }));
    manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager', fullName: 'Phạm Thị Lan' });
    care = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'care' });
    auditor = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'auditor' });
    outsider = await signInStaff(hub, base, { buildingId: OTHER_BUILDING, role: 'manager' });
    admin = await signInStaff(hub, base, { buildingId: null, role: 'admin', deviceBuildingId: demo.buildingId });
    const rows = await db
      .selectFrom('residents')
      .select(['id', 'phone_e164 as phone', 'email'])
      .where('building_id', '=', demo.buildingId)
      .where('email', 'is not', null)
      .orderBy('id')
      .limit(3)
      .execute();
    withEmail = rows.map((r) => ({ id: r.id, phone: r.phone, email: r.email! }));
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  const post = (who: StaffSession, path: string, json: unknown = {}): Promise<Reply> => call(base, 'POST', `/v1/staff/incidents${path}`, { json, headers: who.headers });
  const get = (who: StaffSession, path = ''): Promise<Reply> => call(base, 'GET', `/v1/staff/incidents${path}`, { headers: who.headers });
  const ok = (reply: Reply): unknown => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };
  const register = async (who: StaffSession, detectedHoursAgo: number, title = 'Gửi nhầm danh sách cư dân'): Promise<IncidentDetail> =>
    IncidentDetailResponse.parse(
      ok(
        await post(who, '', {
          title,
          description: 'Bảng tính có họ tên và số điện thoại cư dân bị gửi nhầm tới một nhà thầu sơn.',
          detectedAt: new Date(clock.now().getTime() - detectedHoursAgo * HOUR * 1000).toISOString(),
          categories: ['identity', 'contact'],
          estimatedAffected: 120,
        }),
      ),
    );
  const auditFor = (incidentId: string): Promise<{ action: string; reason: string | null; actor_id: string | null; resident_id: string | null }[]> =>
    db.withTables<AuditTables>().selectFrom('audit_events').select(['action', 'reason', 'actor_id', 'resident_id']).where('detail', 'like', `%${incidentId}%`).orderBy('seq').execute();

  it('registers an incident with its 72-hour deadline from detection, which turns overdue on the clock', async () => {
    // Detected 71 h 59 min ago: one minute left (staff sessions lock after 10 idle minutes, so the clock moves little).
    const incident = (await register(manager, 72 - 1 / 60)).incident;
    expect(incident).toMatchObject({ status: 'open', overdue: false, createdBy: 'Phạm Thị Lan', categories: ['contact', 'identity'], estimatedAffected: 120, buildingId: demo.buildingId });
    expect(Date.parse(incident.deadlineAt) - Date.parse(incident.detectedAt)).toBe(72 * HOUR * 1000);
    expect(await auditFor(incident.id)).toEqual([{ action: 'incident.recorded', reason: null, actor_id: manager.staffId, resident_id: null }]);

    clock.advance(50);
    const before = IncidentDetailResponse.parse(ok(await get(manager, `/${incident.id}`))).incident;
    expect(before.overdue).toBe(false);
    clock.advance(20);
    const after = IncidentDetailResponse.parse(ok(await get(manager, `/${incident.id}`))).incident;
    expect(after.overdue).toBe(true);
    // Overdue and open comes first in the register.
    await register(manager, 1, 'Sự cố mới hơn');
    const list = IncidentListResponse.parse(ok(await get(manager)));
    expect(list.incidents[0]!.id).toBe(incident.id);
    // Recording the authority's notice late keeps the flag: the record shows the clock was missed.
    const notified = IncidentDetailResponse.parse(ok(await post(manager, `/${incident.id}/authority-notified`, { reference: 'CV-123/BQL' }))).incident;
    expect(notified).toMatchObject({ status: 'notified', overdue: true, authorityNotifiedBy: 'Phạm Thị Lan', authorityReference: 'CV-123/BQL' });
  });

  it('refuses a detection time in the future, and a notice time before detection', async () => {
    const future = await post(manager, '', { title: 'Tương lai', description: 'Không thể phát hiện trước khi xảy ra.', detectedAt: new Date(clock.now().getTime() + 60_000).toISOString(), categories: ['other'], estimatedAffected: 0 });
    expect(future.status).toBe(400);
    const incident = (await register(manager, 5)).incident;
    const early = await post(manager, `/${incident.id}/authority-notified`, { notifiedAt: new Date(Date.parse(incident.detectedAt) - 1000).toISOString() });
    expect(early.status).toBe(400);
    const inTime = IncidentDetailResponse.parse(ok(await post(manager, `/${incident.id}/authority-notified`, { notifiedAt: new Date(Date.parse(incident.detectedAt) + HOUR * 1000).toISOString() })));
    expect(inTime.incident).toMatchObject({ status: 'notified', overdue: false });
    expect(errorOf(await post(manager, `/${incident.id}/authority-notified`, {}))).toMatchObject({ code: 'wrong_state' });
  });

  it('links residents by id and by phone, each link one audit event in their access log, reason naming the incident', async () => {
    const incident = (await register(manager, 1)).incident;
    const [a, b] = withEmail;
    const linked = LinkResidentsResponse.parse(ok(await post(manager, `/${incident.id}/residents`, { residentIds: [a!.id], phones: [`0${b!.phone.slice(3)}`, '0999 999 999'] })));
    expect(linked).toMatchObject({ linked: 2, alreadyLinked: 0, notFound: ['0999 999 999'] });
    expect(linked.detail.residents.map((r) => r.residentId).sort()).toEqual([a!.id, b!.id].sort());
    expect(linked.detail.residents[0]!.name).toEqual(expect.any(String));
    expect(linked.detail.residents[0]!.phoneMasked).not.toContain(a!.phone.slice(-6));
    const again = LinkResidentsResponse.parse(ok(await post(manager, `/${incident.id}/residents`, { residentIds: [a!.id] })));
    expect(again).toMatchObject({ linked: 0, alreadyLinked: 1 });
    const events = (await auditFor(incident.id)).filter((e) => e.action === 'incident.resident_linked');
    expect(events.map((e) => e.resident_id).sort()).toEqual([a!.id, b!.id].sort());
    expect(events.every((e) => e.reason === `incident ${incident.id}` && e.actor_id === manager.staffId)).toBe(true);
    // A resident of another building is not found, by id or by phone, and nothing is audited.
    const [stranger] = await db.selectFrom('residents').select('id').where('building_id', '=', demo.buildingId).orderBy('id', 'desc').limit(1).execute();
    const foreign = await register(outsider, 1, 'Sự cố tòa khác');
    const cross = LinkResidentsResponse.parse(ok(await post(outsider, `/${foreign.incident.id}/residents`, { residentIds: [stranger!.id] })));
    expect(cross).toMatchObject({ linked: 0, notFound: [stranger!.id] });
    expect((await auditFor(foreign.incident.id)).filter((e) => e.action !== 'incident.recorded')).toEqual([]);
  });

  it('sends the edited notice by SMS and by email once per resident and channel, recorded with time and staff', async () => {
    const incident = (await register(manager, 3)).incident;
    const [, , c] = withEmail;
    const [d] = withEmail;
    ok(await post(manager, `/${incident.id}/residents`, { residentIds: [c!.id, d!.id] }));
    const drafts = IncidentDraftsResponse.parse(ok(await get(manager, `/${incident.id}/drafts`)));
    expect(drafts.authority.vi.text).toContain('Cơ quan chuyên trách bảo vệ dữ liệu cá nhân');
    expect(drafts.residentSms.vi).toContain(demo.buildingName);
    const text = `${drafts.residentSms.vi} (thử nghiệm ${incident.id.slice(-6)})`;
    const smsBefore = (await smsSentTo(base, c!.phone)).length;
    const sent = NotifyResidentsResponse.parse(ok(await post(manager, `/${incident.id}/notify-residents`, { channel: 'sms', text })));
    expect(sent).toMatchObject({ channel: 'sms', sent: 2, alreadyNotified: 0, noAddress: 0, failed: 0 });
    const inbox = await smsSentTo(base, c!.phone);
    expect(inbox.length).toBe(smsBefore + 1);
    expect(inbox.at(-1)!.body).toBe(text);
    // Sent again (a double click, a second manager): nobody gets it twice.
    const twice = NotifyResidentsResponse.parse(ok(await post(manager, `/${incident.id}/notify-residents`, { channel: 'sms', text })));
    expect(twice).toMatchObject({ sent: 0, alreadyNotified: 2 });
    expect((await smsSentTo(base, c!.phone)).length).toBe(smsBefore + 1);

    const mail = NotifyResidentsResponse.parse(ok(await post(manager, `/${incident.id}/notify-residents`, { channel: 'email', subject: drafts.residentMail.en.subject, text: drafts.residentMail.en.text })));
    expect(mail).toMatchObject({ channel: 'email', sent: 2 });
    const mails = DevMailOutboxResponse.parse((await call(base, 'GET', `/v1/dev/mail-outbox?to=${encodeURIComponent(c!.email)}`)).body).messages;
    expect(mails.filter((m) => m.subject === drafts.residentMail.en.subject)).toHaveLength(1);

    const detail = mail.detail;
    expect(detail.incident.notifiedResidents).toBe(2);
    const resident = detail.residents.find((r) => r.residentId === c!.id)!;
    expect(resident.notices.map((n) => [n.channel, n.sentBy])).toEqual([
      ['sms', 'Phạm Thị Lan'],
      ['email', 'Phạm Thị Lan'],
    ]);
    expect(detail.timeline.filter((t) => t.kind === 'notice_sent').map((t) => [t.channel, t.count])).toEqual([
      ['sms', 2],
      ['email', 2],
    ]);
    const noticeEvents = (await auditFor(incident.id)).filter((e) => e.action === 'incident.notice_sent');
    expect(noticeEvents).toHaveLength(4);
    expect(noticeEvents.every((e) => e.reason === `incident ${incident.id}`)).toBe(true);

    // The resident sees both in "who accessed my data" at a kiosk, with the incident as the reason.
    const kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    const { requestId } = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: c!.phone }, headers: kiosk.header })).body);
    const { token } = OtpVerifyResponse.parse((await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: await latestCode(base, c!.phone) }, headers: kiosk.header })).body);
    const log = AccessLogResponse.parse((await call(base, 'GET', '/v1/me/access-log', { headers: { ...kiosk.header, authorization: `Bearer ${token}` } })).body);
    const mine = log.entries.filter((e) => e.reason === `incident ${incident.id}`).map((e) => e.action);
    expect(mine.sort()).toEqual(['incident.notice_sent', 'incident.notice_sent', 'incident.resident_linked']);
  });

  it('care cannot see or touch incidents; an auditor reads without residents’ details and changes nothing', async () => {
    const incident = (await register(manager, 1)).incident;
    ok(await post(manager, `/${incident.id}/residents`, { residentIds: [withEmail[0]!.id] }));
    const eventsBefore = (await auditFor(incident.id)).length;
    for (const reply of [await get(care), await get(care, `/${incident.id}`), await post(care, `/${incident.id}/residents`, { residentIds: [withEmail[1]!.id] })]) {
      expect(reply.status).toBe(403);
    }
    expect(IncidentListResponse.parse(ok(await get(auditor))).total).toBeGreaterThan(0);
    const seen = IncidentDetailResponse.parse(ok(await get(auditor, `/${incident.id}`)));
    expect(seen.residents[0]).toMatchObject({ name: null, phoneMasked: null, unitLabel: null });
    const refused = [
      await post(auditor, '', { title: 'Thử', description: 'Kiểm toán viên không được ghi.', detectedAt: clock.now().toISOString(), categories: ['other'], estimatedAffected: 0 }),
      await post(auditor, `/${incident.id}/residents`, { residentIds: [withEmail[1]!.id] }),
      await post(auditor, `/${incident.id}/notify-residents`, { channel: 'sms', text: 'Kiểm toán viên không được gửi.' }),
      await post(auditor, `/${incident.id}/authority-notified`, {}),
      await post(auditor, `/${incident.id}/close`, { reason: 'Không được đóng' }),
      await get(auditor, `/${incident.id}/drafts`),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect((await auditFor(incident.id)).length).toBe(eventsBefore);
  });

  it('a manager of another building sees nothing of this one; an operator administrator sees both', async () => {
    const incident = (await register(manager, 1)).incident;
    expect((await get(outsider, `/${incident.id}`)).status).toBe(404);
    expect((await post(outsider, `/${incident.id}/close`, { reason: 'Không phải tòa của tôi' })).status).toBe(404);
    const theirs = IncidentListResponse.parse(ok(await get(outsider)));
    expect(theirs.incidents.every((i) => i.buildingId === OTHER_BUILDING)).toBe(true);
    const all = IncidentListResponse.parse(ok(await get(admin, '?limit=200')));
    expect(new Set(all.incidents.map((i) => i.buildingId))).toEqual(new Set([demo.buildingId, OTHER_BUILDING]));
    // The administrator's own registration lands in the workstation's building.
    expect((await register(admin, 1, 'Quản trị ghi nhận')).incident.buildingId).toBe(demo.buildingId);
  });

  it('closes with a reason (audited); a closed incident takes no more links or sends', async () => {
    const incident = (await register(manager, 1)).incident;
    const closed = IncidentDetailResponse.parse(ok(await post(manager, `/${incident.id}/close`, { reason: 'Không phải vi phạm dữ liệu cá nhân' })));
    expect(closed.incident.status).toBe('closed');
    expect(closed.timeline.map((t) => t.kind)).toEqual(['detected', 'registered', 'closed']);
    expect(errorOf(await post(manager, `/${incident.id}/residents`, { residentIds: [withEmail[0]!.id] }))).toMatchObject({ code: 'wrong_state' });
    expect(errorOf(await post(manager, `/${incident.id}/notify-residents`, { channel: 'sms', text: 'Không gửi được nữa đâu.' }))).toMatchObject({ code: 'wrong_state' });
    expect((await auditFor(incident.id)).map((e) => [e.action, e.reason])).toEqual([
      ['incident.recorded', null],
      ['incident.recorded', 'Không phải vi phạm dữ liệu cá nhân'],
    ]);
  });
});
