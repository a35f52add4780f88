import type { Migration } from '../migration';
import { migration001 } from './001-init';
import { migration002 } from './002-sync';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const migrations: readonly Migration[] = [migration001, migration002];
