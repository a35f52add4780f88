import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0001: Migration = {
  version: 1,
  name: 'buildings-residents',
  async up(db, t) {
    await db.schema
      .createTable('buildings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('units')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('tower', 'text', (c) => c.notNull())
      .addColumn('floor', 'integer', (c) => c.notNull())
      .addColumn('area_m2', 'integer', (c) => c.notNull())
      .addColumn('motorbikes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cars', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('units_building_label_unique', ['building_id', 'label'])
      .addCheckConstraint('units_area_positive', sql`area_m2 > 0`)
      .execute();

    await db.schema
      .createTable('residents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      // One resident per number: the number is the login, so it must identify one person.
      .addColumn('phone_e164', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text')
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('residents_unit_idx').on('residents').column('unit_id').execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .execute();
  },
};
