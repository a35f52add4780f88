import type { KioskDatabase } from './open';

/** One schema step. `version` is what `user_version` becomes once `up` has run. */
export type Migration = {
  readonly version: number;
  readonly name: string;
  up(db: KioskDatabase): void;
};
