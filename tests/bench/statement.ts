/**
 * `statement`: a 20,000-row bank statement imported at the hub over HTTP with a real manager
 * session, in chunks of 2,000 rows as the console sends them, on SQLite and PostgreSQL. The
 * rows are read from CSV text by shared/statement-csv.ts first (not timed). The value is the
 * sum of the chunk calls' times; the baseline is the same file imported again, where every
 * row is a duplicate (the same HTTP, validation and lookup, nothing recorded). Budget: ≤ 5 s.
 * One row in a hundred pays an open payment intent of the demo building; the others carry no
 * code of the building (recorded unmatched). All go through payments.recordTransfers, one
 * transaction per 500 rows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { silentLogger } from '../../shared/logger';
import { ImportStatementResponse, STATEMENT_ROWS_PER_CALL } from '../../shared/hub-api/payment-reconciliation';
import type { StatementRow } from '../../shared/hub-api/payment-reconciliation';
import { parseStatementCsv } from '../../shared/statement-csv';
import { createHub } from '../../server/app';
import { openDatabase } from '../../server/db/connect';
import { DEFAULT_PG_ADMIN_URL, ensureTestPostgres } from '../../dev/test-postgres';
import { signInStaff } from '../fixtures/staff-session';
import { makeMetric } from './report';
import type { BenchContext } from './report';

const ROWS = 20_000;
const ACCOUNT = '0071000123456';

/** A Vietcombank-style export: preamble, header, credits; the paying rows are spread through the file. */
export function statementCsv(rows: number, paying: readonly { code: string; amountVnd: number }[]): string {
  const lines = ['Sao kê tài khoản,0071000123456', '', 'STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Mô tả'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const time = `${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    const pays = i % 100 === 0 ? paying[i / 100] : undefined;
    const amount = pays?.amountVnd ?? 150_000 + (i % 500) * 1000;
    const content = pays ? `MBVCB.${i}.${pays.code}.CT tu 0912xxx` : `KT${String(i).padStart(8, '9')} CK phi can ho`;
    lines.push(`${i + 1},${day}/11/2026 ${time},FT26${String(i).padStart(8, '0')},,"${amount.toLocaleString('de-DE')}",${content}`);
  }
  return lines.join('\r\n');
}

async function importAll(base: string, headers: Record<string, string>, rows: readonly StatementRow[]): Promise<{ ms: number; counts: Record<string, number> }> {
  const importId = randomUUID();
  let ms = 0;
  const counts: Record<string, number> = {};
  for (let i = 0; i < rows.length; i += STATEMENT_ROWS_PER_CALL) {
    const body = JSON.stringify({ importId, bank: 'vietcombank', rows: rows.slice(i, i + STATEMENT_ROWS_PER_CALL) });
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/staff/payments/statements`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    const text = await res.text();
    ms += performance.now() - t0;
    if (res.status !== 200) throw new Error(`statement import answered ${res.status}: ${text.slice(0, 300)}`);
    for (const [k, v] of Object.entries(ImportStatementResponse.parse(JSON.parse(text)).counts)) counts[k] = (counts[k] ?? 0) + v;
  }
  return { ms, counts };
}

async function measure(ctx: BenchContext, database: string, label: string, rowCount: number): Promise<void> {
  const hub = await createHub({ database, devMode: true, logger: silentLogger, terminal: { print: () => {} } });
  const db = openDatabase(database);
  try {
    const demo = await hub.seedDemo();
    await hub.payments.setAccount(demo.buildingId, { bankBin: '970436', bankName: 'Vietcombank', accountNumber: ACCOUNT, accountName: 'BAN QUAN TRI BENCH' });
    // One open intent per unpaid bill, as residents paying at the kiosk would leave them.
    const unpaid = await db
      .selectFrom('bills as b')
      .innerJoin('units as u', 'u.id', 'b.unit_id')
      .select(['b.id', 'b.unit_id', 'u.label'])
      .where('u.building_id', '=', demo.buildingId)
      .where('b.status', '=', 'unpaid')
      .orderBy('b.id')
      .limit(Math.floor(rowCount / 100))
      .execute();
    const paying = [];
    for (const bill of unpaid) {
      const intent = await hub.payments.createIntent({ id: `bench-${bill.unit_id}`, unitId: bill.unit_id, unitLabel: bill.label, buildingId: demo.buildingId }, [bill.id]);
      paying.push({ code: intent.code, amountVnd: intent.amountVnd });
    }
    const parsed = parseStatementCsv(statementCsv(rowCount, paying), { accountNumber: '' });
    if (parsed.errors.length > 0 || parsed.rows.length !== rowCount) throw new Error(`the bench statement did not parse: ${parsed.errors.length} errors`);
    const base = await hub.listen();
    const staff = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    const first = await importAll(base, staff.headers, parsed.rows);
    const again = await importAll(base, staff.headers, parsed.rows);
    ctx.log(`statement ${label}: ${rowCount} rows (${paying.length} paying an intent) recorded in ${(first.ms / 1000).toFixed(2)} s, again (all duplicates) in ${(again.ms / 1000).toFixed(2)} s`);
    ctx.log(`statement ${label}: outcomes ${JSON.stringify(first.counts)}`);
    if (first.counts['matched'] !== paying.length) throw new Error(`expected ${paying.length} matched rows, got ${first.counts['matched'] ?? 0}`);
    ctx.emit(makeMetric({ metric: `statement.import${rowCount}.${label}`, value: Math.round(first.ms), unit: 'ms', baseline: Math.round(again.ms), budget: { atMost: 5000 } }));
  } finally {
    await db.destroy();
    await hub.close();
  }
}

export async function benchStatement(ctx: BenchContext): Promise<void> {
  const rows = ctx.quick ? 4_000 : ROWS;
  const dir = await mkdtemp(path.join(ctx.dir, 'statement-'));
  try {
    await measure(ctx, path.join(dir, 'hub.sqlite'), 'sqlite', rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const server = await ensureTestPostgres({ adminUrl: process.env['KIOT_TEST_PG_ADMIN_URL'] || DEFAULT_PG_ADMIN_URL, say: ctx.log });
  const dbName = `kiot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(server.adminUrl);
    url.pathname = `/${dbName}`;
    await measure(ctx, url.href, 'postgres', rows);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await server.stop();
  }
}
