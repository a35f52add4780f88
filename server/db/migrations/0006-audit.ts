import type { Migration } from '../migration';

// Placeholder, filled by the privacy-centre work before it lands.
export const migration0006: Migration = {
  version: 6,
  name: 'audit',
  async up() {},
};
