/** What a migration file exports, and the column types that differ between dialects. */
import type { Kysely } from 'kysely';
import type { DialectName } from './connect';

export type ColumnTypes = {
  /** A UTC instant: `timestamptz`, or ISO-8601 text on SQLite (sorts correctly as text). */
  instant: 'timestamptz' | 'text';
  /** A calendar date `YYYY-MM-DD`. */
  date: 'date' | 'text';
};

export type Migration = {
  /** 1, 2, 3…: the file name's number; the runner applies them in this order. */
  version: number;
  name: string;
  up(db: Kysely<unknown>, types: ColumnTypes): Promise<void>;
};

export function columnTypesFor(dialect: DialectName): ColumnTypes {
  return dialect === 'postgres' ? { instant: 'timestamptz', date: 'date' } : { instant: 'text', date: 'text' };
}
