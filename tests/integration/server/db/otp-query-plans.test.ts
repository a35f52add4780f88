/**
 * The OTP rate-limit counts run inside the "send a code" transaction, under a per-number
 * lock, on every login attempt of every kiosk: each must be an index search, never a scan of
 * `otp_sends`, which keeps a row per code sent. The queries checked are the ones
 * `sendsSince` really issues (captured on their way to the database), for every window
 * `defaultOtpLimits` uses.
 */
import { CompiledQuery, sql } from 'kysely';
import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../server/db/connect';
import type { HubDb } from '../../../../server/db/connect';
import { migrateToLatest } from '../../../../server/db/migrate';
import { sendsSince } from '../../../../server/db/otp';
import type { SendScope } from '../../../../server/db/otp';
import type { OtpSendRow } from '../../../../server/db/schema';
import { defaultOtpLimits } from '../../../../server/services/otp';
import { backends } from '../../hub/backends';
import type { TestDatabase } from '../../hub/backends';

const NOW = Date.parse('2026-11-25T02:35:00.000Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();

/** `index`: the one a plan must search `otp_sends` with, or any of several where the planner may fairly choose. */
type Check = { what: string; scope: SendScope; windowSeconds: number; index: string | readonly string[] };
const checks: Check[] = [
  { what: 'resend wait, per number', scope: { phoneHmac: 'phone-7', buildingId: 'building-1' }, windowSeconds: defaultOtpLimits.resendAfterSeconds, index: 'otp_sends_phone_idx' },
  ...defaultOtpLimits.perNumber.map(
    (w): Check => ({
      what: `per number, ${w.windowSeconds} s`,
      scope: { phoneHmac: 'phone-7', buildingId: 'building-1' },
      windowSeconds: w.windowSeconds,
      index: 'otp_sends_phone_idx',
    }),
  ),
  { what: 'per device', scope: { deviceId: 'device-3' }, windowSeconds: defaultOtpLimits.perDevice.windowSeconds, index: 'otp_sends_device_idx' },
  // Either from the building's kiosks (devices_building_idx) to each one's sends, or the
  // window's sends (at most the global limit's worth) to their kiosks by primary key.
  {
    what: 'per building',
    scope: { buildingId: 'building-1' },
    windowSeconds: defaultOtpLimits.perBuilding.windowSeconds,
    index: ['otp_sends_device_idx', 'otp_sends_time_idx'],
  },
  { what: 'whole system', scope: 'all', windowSeconds: defaultOtpLimits.global.windowSeconds, index: 'otp_sends_time_idx' },
];

/** Three days of sends: 600 numbers, 12 kiosks in 3 buildings, a few thousand rows, statistics gathered. */
async function fill(db: HubDb): Promise<void> {
  const at = ago(4 * 86_400);
  for (let b = 0; b < 3; b += 1) await db.insertInto('buildings').values({ id: `building-${b}`, name: `Tòa ${b}`, address: 'Hà Nội', created_at: at, updated_at: at }).execute();
  for (let d = 0; d < 12; d += 1) {
    await db
      .insertInto('devices')
      .values({ id: `device-${d}`, building_id: `building-${d % 3}`, mode: 'kiosk', name: `Sảnh ${d}`, secret_hash: `hash-${d}`, created_at: at, revoked_at: null })
      .execute();
  }
  const rows: OtpSendRow[] = [];
  for (let i = 0; i < 4000; i += 1) {
    rows.push({ id: `send-${String(i).padStart(5, '0')}`, phone_hmac: `phone-${(i * 7) % 600}`, device_id: `device-${i % 12}`, sent_at: ago((i * 67) % (3 * 86_400)) });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('otp_sends').values(rows.slice(i, i + 500)).execute();
  await sql`analyze`.execute(db);
}

/** Runs `sendsSince` for real and returns the SQL it sent, with its parameters. */
async function issuedQuery(db: HubDb, scope: SendScope, since: string): Promise<CompiledQuery> {
  const seen: { node: RootOperationNode; queryId: QueryId }[] = [];
  const spy: KyselyPlugin = {
    transformQuery: (args) => {
      seen.push(args);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const watched = db.withPlugin(spy);
  await sendsSince(watched, scope, since);
  expect(seen).toHaveLength(1);
  return watched.getExecutor().compileQuery(seen[0]!.node, seen[0]!.queryId);
}

type PgPlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PgPlanNode[] };
function flatten(node: PgPlanNode): PgPlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

for (const backend of backends) {
  describe(`OTP rate-limit query plans on ${backend.name}`, () => {
    let database: TestDatabase;
    let db: HubDb;
    beforeAll(async () => {
      database = await backend.create();
      db = openDatabase(database.url);
      await migrateToLatest(db, () => new Date(NOW));
      await fill(db);
    });
    afterAll(async () => {
      await db.destroy();
      await database.drop();
    });

    for (const check of checks) {
      const indexes: readonly string[] = typeof check.index === 'string' ? [check.index] : check.index;
      it(`${check.what}: searches ${indexes.join(' or ')}`, async () => {
        const query = await issuedQuery(db, check.scope, ago(check.windowSeconds));
        if (backend.name === 'sqlite') {
          const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
          const details = plan.rows.map((r) => r.detail);
          expect(details.some((d) => new RegExp(`^SEARCH otp_sends USING (COVERING )?INDEX (${indexes.join('|')}) \\(`).test(d)), details.join('\n')).toBe(true);
          expect(details.filter((d) => d.startsWith('SCAN')), details.join('\n')).toEqual([]);
        } else {
          const nodes = await db.connection().execute(async (conn) => {
            // On a table this small a sequential scan is honestly cheaper, which would hide a
            // missing index; turned off, only an index can avoid it.
            await sql`set enable_seqscan = off`.execute(conn);
            const plan = await conn.executeQuery<{ 'QUERY PLAN': { Plan: PgPlanNode }[] }>(CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]));
            await sql`reset enable_seqscan`.execute(conn);
            return flatten(plan.rows[0]!['QUERY PLAN'][0]!.Plan);
          });
          const described = JSON.stringify(nodes.map((n) => [n['Node Type'], n['Relation Name'], n['Index Name']].filter(Boolean)));
          expect(nodes.some((n) => ['Index Scan', 'Index Only Scan', 'Bitmap Index Scan'].includes(n['Node Type']) && indexes.includes(n['Index Name'] ?? '')), described).toBe(true);
          expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan'), described).toEqual([]);
        }
      });
    }
  });
}
