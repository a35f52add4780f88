import type { Migration } from '../migration';

/** Placeholder: filled in by the work that owns it (see its commit). */
export const migration0011: Migration = {
  version: 11,
  name: 'requests',
  async up() {},
};
