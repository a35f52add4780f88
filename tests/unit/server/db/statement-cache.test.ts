import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../../server/db/connect';

let open: SqliteDatabase.Database | null = null;
afterEach(() => {
  if (open?.open) open.close();
  open = null;
});

function fresh(): SqliteDatabase.Database {
  open = new SqliteDatabase(':memory:');
  open.exec('create table t (id integer primary key, name text)');
  return open;
}

describe('SQLite statement cache', () => {
  it('prepares a statement once and reuses it for every execution with other values', () => {
    const sqlite = fresh();
    const db = withStatementCache(sqlite);
    const insert = db.prepare('insert into t (name) values (?)');
    expect(db.prepare('insert into t (name) values (?)')).toBe(insert);
    insert.run(['Mai']);
    db.prepare('insert into t (name) values (?)').run(['Bình']);
    expect(db.prepare('select name from t order by id').all([])).toEqual([{ name: 'Mai' }, { name: 'Bình' }]);
  });

  it('keeps at most its size, dropping the statement prepared first', () => {
    const db = withStatementCache(fresh(), 2);
    const a = db.prepare('select 1');
    db.prepare('select 2');
    db.prepare('select 3');
    expect(db.prepare('select 1')).not.toBe(a);
  });

  it('answers with the new shape after a schema change (SQLite prepares the statement again)', () => {
    const sqlite = fresh();
    const db = withStatementCache(sqlite);
    db.prepare('insert into t (name) values (?)').run(['Mai']);
    expect(db.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'Mai' }]);
    sqlite.exec("alter table t add column floor integer not null default 3");
    expect(db.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'Mai', floor: 3 }]);
  });

  it('closes the database', () => {
    const sqlite = fresh();
    withStatementCache(sqlite).close();
    expect(sqlite.open).toBe(false);
  });
});
