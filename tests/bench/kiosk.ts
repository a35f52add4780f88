/**
 * The kiosk's own database, section `kiosk`:
 *
 *   1. The workload of one resident session — cache the resident and 24 months of bills,
 *      read them back, queue two writes in the outbox and mark them sent, wipe the cache at
 *      lock — on SQLCipher (what Kiot runs) against the same driver and pragmas without a
 *      key, in alternating rounds. The ratio is what encryption costs.
 *   2. Opening the database with the raw 32-byte key (what Kiot does) against a passphrase,
 *      which runs SQLCipher's 256,000-iteration PBKDF2 on every open.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { runMigrations } from '../../electron/core/db/migrate';
import { openKioskDatabase } from '../../electron/core/db/open';
import type { KioskDatabase } from '../../electron/core/db/open';
import { acknowledgeOutboxRow, insertOutboxRow } from '../../electron/core/db/outbox';
import { getSessionEntry, putSessionEntry, wipeSessionCache } from '../../electron/core/db/session-cache';
import { makeMetric, median } from './report';
import type { BenchContext } from './report';

/** The same file settings as openKioskDatabase, minus the key: the only difference measured is the cipher. */
function openPlain(file: string): KioskDatabase {
  const db = new Database(file);
  db.pragma('secure_delete=ON');
  db.pragma('temp_store=MEMORY');
  db.pragma('journal_mode=WAL');
  db.pragma('foreign_keys=ON');
  return db;
}

/** About what GET /v1/me/bills gives the kiosk for a demo resident: 24 months of six kinds. */
const kinds = ['management', 'electricity', 'water', 'parking', 'internet', 'gas'] as const;
const bills = Array.from({ length: 144 }, (_, i) => ({
  id: randomUUID(),
  kind: kinds[i % kinds.length],
  period: `20${24 + Math.floor(i / 72)}-${String((Math.floor(i / 6) % 12) + 1).padStart(2, '0')}`,
  amountVnd: 150_000 + ((i * 7919) % 1_900_000),
  status: i < 6 ? 'due' : 'paid',
  dueDate: '2026-11-15',
  unitLabel: 'A-1203',
  lines: [{ label: { vi: 'Phí dịch vụ tháng', en: 'Monthly service fee' }, amountVnd: 150_000 }],
}));
const resident = { id: randomUUID(), fullName: 'Nguyễn Thị Bích Ngọc', unitLabel: 'A-1203', buildingName: 'Chung cư Hoa Sen' };

function oneSession(db: KioskDatabase, n: number): void {
  const now = new Date().toISOString();
  putSessionEntry(db, 'resident', resident, now);
  putSessionEntry(db, 'bills', { bills }, now);
  if (getSessionEntry(db, 'resident') === undefined || getSessionEntry(db, 'bills') === undefined) throw new Error('the session cache lost an entry');
  const ids = [randomUUID(), randomUUID()];
  // A local write is recorded in one transaction, as the sync outbox does.
  db.transaction(() => {
    for (const id of ids) insertOutboxRow(db, { id, kind: 'bench.note', createdAt: now, payload: { note: `Yêu cầu sửa chữa số ${n}: vòi nước bếp bị rò.` }, sessionId: null, residentId: resident.id });
  })();
  for (const id of ids) acknowledgeOutboxRow(db, id, now);
  wipeSessionCache(db);
}

async function benchWorkload(ctx: BenchContext): Promise<void> {
  const encrypted = openKioskDatabase(path.join(ctx.dir, 'workload-sqlcipher.db'), randomBytes(32));
  const plain = openPlain(path.join(ctx.dir, 'workload-plain.db'));
  try {
    runMigrations(encrypted);
    runMigrations(plain);
    const perRound = ctx.quick ? 100 : 400;
    const rounds = ctx.quick ? 5 : 9;
    const timed = (db: KioskDatabase): number => {
      const t0 = performance.now();
      for (let i = 0; i < perRound; i++) oneSession(db, i);
      return (performance.now() - t0) / perRound;
    };
    timed(encrypted);
    timed(plain);
    const enc: number[] = [];
    const pln: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternating which goes first, so a slow second half of a round does not favour one side.
      if (round % 2 === 0) {
        enc.push(timed(encrypted));
        pln.push(timed(plain));
      } else {
        pln.push(timed(plain));
        enc.push(timed(encrypted));
      }
    }
    ctx.emit(makeMetric({ metric: 'kiosk.session_workload.sqlcipher', value: median(enc), unit: 'ms/session', baseline: median(pln) }));
    // The median of each round's own ratio: the disk's mood changes between rounds far more than within one.
    const ratios = enc.map((e, i) => e / pln[i]!);
    ctx.log(`kiosk: SQLCipher / plain per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
    ctx.emit(makeMetric({ metric: 'kiosk.session_workload.sqlcipher_over_plain', value: median(ratios), unit: 'x', budget: { atMost: 1.5 } }));
  } finally {
    encrypted.close();
    plain.close();
  }
}

function benchOpen(ctx: BenchContext): void {
  const rawFile = path.join(ctx.dir, 'open-raw.db');
  const key = randomBytes(32);
  openKioskDatabase(rawFile, key).close();
  const raw: number[] = [];
  for (let i = 0; i < (ctx.quick ? 20 : 50); i++) {
    const t0 = performance.now();
    openKioskDatabase(rawFile, key).close();
    raw.push(performance.now() - t0);
  }

  const passFile = path.join(ctx.dir, 'open-passphrase.db');
  const openWithPassphrase = (): void => {
    const db = new Database(passFile);
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key='correct horse battery staple'`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.close();
  };
  openWithPassphrase();
  const pass: number[] = [];
  for (let i = 0; i < (ctx.quick ? 5 : 10); i++) {
    const t0 = performance.now();
    openWithPassphrase();
    pass.push(performance.now() - t0);
  }
  ctx.emit(makeMetric({ metric: 'kiosk.db_open.raw_key', value: median(raw), unit: 'ms', baseline: median(pass), budget: { atMost: 50 } }));
}

export async function benchKiosk(ctx: BenchContext): Promise<void> {
  await benchWorkload(ctx);
  benchOpen(ctx);
}
