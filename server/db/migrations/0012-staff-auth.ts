import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ColumnTypes, Migration } from '../migration';

const ROLE_CHECK = sql`role in ('manager', 'care', 'admin', 'auditor')`;

export const migration0012: Migration = {
  version: 12,
  name: 'staff-auth',
  async up(db, t) {
    await allowAuditorRole(db, t);

    // How a staff member signs in. One row per member who can sign in; a member without one
    // (added before sign-in existed, or named only in the audit trail) cannot.
    await db.schema
      .createTable('staff_credentials')
      .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff_members.id'))
      // Stored lower-cased by the hub: "Lan.Pham" and "lan.pham" are one account.
      .addColumn('username', 'text', (c) => c.notNull().unique())
      // argon2id, PHC string (algorithm, parameters and salt travel with the hash).
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull())
      // Where the sign-in code goes (E.164).
      .addColumn('phone_e164', 'text', (c) => c.notNull())
      // Where deadline notices to managers go; optional.
      .addColumn('email', 'text')
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', t.instant)
      .addColumn('disabled_at', t.instant)
      .addColumn('password_changed_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('staff_credentials_must_change_bool', sql`must_change_password in (0, 1)`)
      .addCheckConstraint('staff_credentials_failed_non_negative', sql`failed_attempts >= 0`)
      .addCheckConstraint('staff_credentials_username_lower', sql`username = lower(username)`)
      .execute();

    // A signed-in console: usable only from the manager device that completed the sign-in.
    await db.schema
      .createTable('staff_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_members.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('last_seen_at', t.instant, (c) => c.notNull())
      // Hard cap, whatever the activity.
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      // Set when the session was found idle; cleared by the password alone.
      .addColumn('locked_at', t.instant)
      .addColumn('revoked_at', t.instant)
      .execute();
    await db.schema.createIndex('staff_sessions_staff_idx').on('staff_sessions').columns(['staff_id', 'revoked_at']).execute();

    // The second step of a sign-in: a code sent to the staff phone, valid for the device that asked.
    await db.schema
      .createTable('staff_sign_in_challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_members.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('code_hmac', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      .addColumn('consumed_at', t.instant)
      .addCheckConstraint('staff_sign_in_challenges_attempts_range', sql`attempts >= 0`)
      .execute();
    await db.schema.createIndex('staff_sign_in_challenges_staff_idx').on('staff_sign_in_challenges').columns(['staff_id', 'created_at']).execute();
  },
};

/**
 * Widens the role check of `staff_members` (0006) to include 'auditor'. PostgreSQL changes a
 * named constraint in place. SQLite cannot alter a check, so the table is rebuilt: copy, drop,
 * rename. That is safe here because, until the tables above are created (after this), no table
 * has a foreign key to staff_members (audit events name staff without one, on purpose), so the
 * drop orphans nothing and the rename rewrites no other table's reference.
 */
async function allowAuditorRole(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  if (t.instant === 'timestamptz') {
    await sql`alter table staff_members drop constraint staff_members_role_known`.execute(db);
    await sql`alter table staff_members add constraint staff_members_role_known check (${ROLE_CHECK})`.execute(db);
    return;
  }
  await db.schema
    .createTable('staff_members_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('staff_members_role_known', ROLE_CHECK)
    .execute();
  await sql`insert into staff_members_next (id, building_id, full_name, role, created_at) select id, building_id, full_name, role, created_at from staff_members`.execute(db);
  await db.schema.dropTable('staff_members').execute();
  await db.schema.alterTable('staff_members_next').renameTo('staff_members').execute();
}
