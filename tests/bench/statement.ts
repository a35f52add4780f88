/**
 * `statement`: a 20,000-row bank statement imported at the hub over HTTP with a real manager
 * session, in chunks of 2,000 rows as the console sends them, on SQLite and PostgreSQL. The
 * rows are read from CSV text by shared/statement-csv.ts first (not timed). The value is the
 * sum of the chunk calls' times; the baseline is the same file imported again, where every
 * row is a duplicate (the same HTTP, validation and lookup, nothing recorded). Budget: ≤ 5 s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { silentLogger } from '../../shared/logger';
import { STATEMENT_ROWS_PER_CALL } from '../../shared/hub-api/payment-reconciliation';
import type { StatementRow } from '../../shared/hub-api/payment-reconciliation';
import { parseStatementCsv } from '../../shared/statement-csv';
import { createHub } from '../../server/app';
import { DEFAULT_PG_ADMIN_URL, ensureTestPostgres } from '../../dev/test-postgres';
import { signInStaff } from '../fixtures/staff-session';
import { makeMetric } from './report';
import type { BenchContext } from './report';

const ROWS = 20_000;

/** A Vietcombank-style export: preamble, header, 20,000 credits with payment-code-like contents. */
export function statementCsv(rows: number): string {
  const lines = ['Sao kê tài khoản,0071000123456', '', 'STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Mô tả'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const time = `${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    lines.push(`${i + 1},${day}/11/2026 ${time},FT26${String(i).padStart(8, '0')},,"${(150_000 + (i % 500) * 1000).toLocaleString('de-DE')}",KT${String(i).padStart(8, '9')} CK phi can ho`);
  }
  return lines.join('\r\n');
}

async function importAll(base: string, headers: Record<string, string>, rows: readonly StatementRow[]): Promise<number> {
  const importId = randomUUID();
  let total = 0;
  for (let i = 0; i < rows.length; i += STATEMENT_ROWS_PER_CALL) {
    const body = JSON.stringify({ importId, bank: 'vietcombank', rows: rows.slice(i, i + STATEMENT_ROWS_PER_CALL) });
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/staff/payments/statements`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    const text = await res.text();
    total += performance.now() - t0;
    if (res.status !== 200) throw new Error(`statement import answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return total;
}

async function measure(ctx: BenchContext, database: string, label: string, rows: readonly StatementRow[]): Promise<void> {
  const hub = await createHub({ database, devMode: true, logger: silentLogger, terminal: { print: () => {} } });
  try {
    const demo = await hub.seedDemo();
    const base = await hub.listen();
    const staff = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    const first = await importAll(base, staff.headers, rows);
    const again = await importAll(base, staff.headers, rows);
    ctx.log(`statement ${label}: ${rows.length} rows recorded in ${(first / 1000).toFixed(2)} s, again (all duplicates) in ${(again / 1000).toFixed(2)} s`);
    ctx.emit(makeMetric({ metric: `statement.import${rows.length}.${label}`, value: Math.round(first), unit: 'ms', baseline: Math.round(again), budget: { atMost: 5000 } }));
  } finally {
    await hub.close();
  }
}

export async function benchStatement(ctx: BenchContext): Promise<void> {
  const rows = ctx.quick ? 4_000 : ROWS;
  const parsed = parseStatementCsv(statementCsv(rows), { accountNumber: '' });
  if (parsed.errors.length > 0 || parsed.rows.length !== rows) throw new Error(`the bench statement did not parse: ${parsed.errors.length} errors`);
  const dir = await mkdtemp(path.join(ctx.dir, 'statement-'));
  try {
    await measure(ctx, path.join(dir, 'hub.sqlite'), 'sqlite', parsed.rows);
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
    await measure(ctx, url.href, 'postgres', parsed.rows);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await server.stop();
  }
}
