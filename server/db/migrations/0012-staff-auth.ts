import type { Migration } from '../migration';

/** Placeholder: filled in by the work that owns it (see its commit). */
export const migration0012: Migration = {
  version: 12,
  name: 'staff-auth',
  async up() {},
};
