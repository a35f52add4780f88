import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0003: Migration = {
  version: 3,
  name: 'devices-sessions',
  async up(db, t) {
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('revoked_at', t.instant)
      .addCheckConstraint('devices_mode_known', sql`mode in ('kiosk', 'manager')`)
      .execute();
    await db.schema.createIndex('devices_building_idx').on('devices').column('building_id').execute();

    await db.schema
      .createTable('enrollment_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code_hash', 'text', (c) => c.notNull().unique())
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      .addColumn('used_at', t.instant)
      .addColumn('device_id', 'text', (c) => c.references('devices.id'))
      .addCheckConstraint('enrollment_codes_mode_known', sql`mode in ('kiosk', 'manager')`)
      .execute();

    await db.schema
      .createTable('resident_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      .addColumn('revoked_at', t.instant)
      .execute();
    await db.schema.createIndex('resident_sessions_resident_idx').on('resident_sessions').column('resident_id').execute();
  },
};
