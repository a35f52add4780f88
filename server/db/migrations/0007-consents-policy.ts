import type { Migration } from '../migration';

// Placeholder, filled by the privacy-centre work before it lands.
export const migration0007: Migration = {
  version: 7,
  name: 'consents-policy',
  async up() {},
};
