/**
 * A hub keeps each unit's bill list in memory (services/bills.ts) and serves it again only
 * while the unit's bills version (moved by database triggers, migration 0009) and the day
 * are unchanged. Whatever writes a bill — this hub, another hub on the same database, a
 * tool — the resident sees the change on their next request. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { BillsResponse, DevSmsOutboxResponse, OtpRequestResponse, OtpVerifyResponse } from '../../../shared/hub-api';
import type { Bill } from '../../../shared/domain';
import { silentLogger } from '../../../shared/logger';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, latestCode, T0 } from './helpers';
import type { Device } from './helpers';

for (const backend of backends) {
  describe(`bill lists kept in memory stay true (${backend.name})`, () => {
    const clock = createTestClock(T0);
    let database: TestDatabase;
    let hub: Hub;
    let base: string;
    let demo: DemoInfo;
    let db: HubDb;
    let headers: Record<string, string>;
    let unitId: string;

    beforeAll(async () => {
      database = await backend.create();
      const quiet = { logger: silentLogger, terminal: { print: (): void => {} } };
      hub = await createHub({ database: database.url, devMode: true, clock: clock.now, ...quiet });
      demo = await hub.seedDemo();
      base = await hub.listen();
      db = openDatabase(database.url);
      kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
      await signIn();
    });

    let kiosk: Device;
    async function signIn(): Promise<void> {
      const phone = demo.residents[0]!.phone;
      const requested = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header })).body);
      const outbox = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body);
      const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId: requested.requestId, code: latestCode(outbox, phone) }, headers: kiosk.header });
      const session = OtpVerifyResponse.parse(verified.body);
      headers = { ...kiosk.header, authorization: `Bearer ${session.token}` };
      unitId = session.unitId;
    }

    afterAll(async () => {
      await hub?.close();
      await db?.destroy();
      await database?.drop();
    });

    const bills = async (): Promise<Bill[]> => {
      const reply = await call(base, 'GET', '/v1/me/bills', { headers });
      expect(reply.status).toBe(200);
      return BillsResponse.parse(reply.body).bills;
    };

    it('a bill paid by a tool writing to the database shows as paid on the next request', async () => {
      const first = await bills();
      await bills(); // now served from memory
      const unpaid = first.find((b) => b.status !== 'paid');
      expect(unpaid).toBeDefined();
      await db.updateTable('bills').set({ status: 'paid', paid_at: clock.now().toISOString() }).where('id', '=', unpaid!.id).execute();
      expect((await bills()).find((b) => b.id === unpaid!.id)).toMatchObject({ status: 'paid', paidAt: clock.now().toISOString() });
    });

    it('a new bill and a removed bill show on the next request', async () => {
      const before = await bills();
      await db
        .insertInto('bills')
        .values({ id: 'bill-cache-new', unit_id: unitId, service: 'repairs', month: '2026-12', amount_vnd: 350_000, due_date: '2026-12-20', status: 'unpaid', paid_at: null, meter_unit: null, previous_reading: null, current_reading: null, created_at: T0.toISOString() })
        .execute();
      const added = await bills();
      expect(added).toHaveLength(before.length + 1);
      expect(added[0]).toMatchObject({ id: 'bill-cache-new', amountVnd: 350_000 });
      await db.deleteFrom('bills').where('id', '=', 'bill-cache-new').execute();
      expect((await bills()).map((b) => b.id)).toEqual(before.map((b) => b.id));
    });

    it('an amount corrected by another hub (its own connection and transaction) shows on this one', async () => {
      const target = (await bills())[0]!;
      // Written through another connection to the same database; this hub never hears of it.
      await db.transaction().execute(async (trx) => trx.updateTable('bills').set({ amount_vnd: target.amountVnd + 1_000 }).where('id', '=', target.id).execute());
      expect((await bills()).find((b) => b.id === target.id)!.amountVnd).toBe(target.amountVnd + 1_000);
    });

    it('an unpaid bill turns overdue at midnight in Vietnam, with nothing written', async () => {
      // 23:55 in Vietnam (UTC+7) on the due date.
      clock.set(new Date('2026-11-25T16:55:00.000Z'));
      await signIn();
      await db
        .insertInto('bills')
        .values({ id: 'bill-due-today', unit_id: unitId, service: 'cleaning', month: '2026-11', amount_vnd: 60_000, due_date: '2026-11-25', status: 'unpaid', paid_at: null, meter_unit: null, previous_reading: null, current_reading: null, created_at: T0.toISOString() })
        .execute();
      expect((await bills()).find((b) => b.id === 'bill-due-today')!.status).toBe('unpaid');
      expect((await bills()).find((b) => b.id === 'bill-due-today')!.status).toBe('unpaid');
      clock.advance(10 * 60);
      expect((await bills()).find((b) => b.id === 'bill-due-today')!.status).toBe('overdue');
    });
  });
}
