import type { Migration } from '../migration';
import { migration001 } from './001-init';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const migrations: readonly Migration[] = [migration001];
