import type { Migration } from '../migration';

// Placeholder, filled by the privacy-centre work before it lands.
export const migration0008: Migration = {
  version: 8,
  name: 'profile-changes',
  async up() {},
};
