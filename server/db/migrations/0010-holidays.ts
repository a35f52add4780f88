import type { Migration } from '../migration';

/** Placeholder: filled in by the work that owns it (see its commit). */
export const migration0010: Migration = {
  version: 10,
  name: 'holidays',
  async up() {},
};
