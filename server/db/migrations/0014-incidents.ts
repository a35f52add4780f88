import type { Migration } from '../migration';

/** Placeholder: filled in by the work that owns it (see its commit). */
export const migration0014: Migration = {
  version: 14,
  name: 'incidents',
  async up() {},
};
