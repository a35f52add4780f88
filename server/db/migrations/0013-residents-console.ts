import type { Migration } from '../migration';

/** Placeholder: filled in by the work that owns it (see its commit). */
export const migration0013: Migration = {
  version: 13,
  name: 'residents-console',
  async up() {},
};
