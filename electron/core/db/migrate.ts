import { DatabaseVersionError } from './errors';
import type { Migration } from './migration';
import { migrations as allMigrations } from './migrations/index';
import type { KioskDatabase } from './open';

export function getUserVersion(db: KioskDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date. Each migration runs in its own transaction together
 * with the `user_version` bump, so a crash leaves the database at a whole version.
 * A database newer than the code is refused rather than half-understood.
 */
export function runMigrations(db: KioskDatabase, migrations: readonly Migration[] = allMigrations): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const target = migrations.length;
  const from = getUserVersion(db);
  if (from > target) throw new DatabaseVersionError(from, target);
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      m.up(db);
      // PRAGMA cannot take a bound parameter; the version is an integer from our own list.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: target };
}
