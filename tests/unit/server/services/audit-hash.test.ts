import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEventRow } from '../../../../server/db/audit';
import { auditEventHash, GENESIS_HASH } from '../../../../server/services/audit';

const row: Omit<AuditEventRow, 'hash'> = {
  building_id: 'b1',
  seq: 7,
  id: '0193a8f0-0000-7000-8000-000000000001',
  resident_id: 'r1',
  actor_kind: 'staff',
  actor_id: 's1',
  actor_role: 'manager',
  actor_name: 'Nguyễn Thị Lan',
  action: 'profile.viewed',
  reason: 'Kiểm tra hóa đơn',
  detail: '{"field":"phone"}',
  at: '2026-11-25T02:35:00.000Z',
  prev_hash: GENESIS_HASH,
};

describe('audit event hash', () => {
  it('is SHA-256 over the previous hash and the fields in a fixed order, base64url', () => {
    const canonical = JSON.stringify([
      ['v', 1],
      ['building_id', 'b1'],
      ['seq', 7],
      ['id', row.id],
      ['resident_id', 'r1'],
      ['actor_kind', 'staff'],
      ['actor_id', 's1'],
      ['actor_role', 'manager'],
      ['actor_name', 'Nguyễn Thị Lan'],
      ['action', 'profile.viewed'],
      ['reason', 'Kiểm tra hóa đơn'],
      ['detail', '{"field":"phone"}'],
      ['at', '2026-11-25T02:35:00.000Z'],
    ]);
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`, 'utf8').digest('base64url');
    expect(auditEventHash(row)).toBe(expected);
    expect(Buffer.from(GENESIS_HASH, 'base64url')).toEqual(Buffer.alloc(32));
  });

  it('changes when any stored field changes, including a null becoming an empty string', () => {
    const base = auditEventHash(row);
    for (const key of Object.keys(row) as (keyof typeof row)[]) {
      const value = row[key];
      const changed = typeof value === 'number' ? value + 1 : value === null ? '' : `${value}x`;
      expect(auditEventHash({ ...row, [key]: changed }), key).not.toBe(base);
    }
    expect(auditEventHash({ ...row, reason: null })).not.toBe(auditEventHash({ ...row, reason: '' }));
    expect(auditEventHash({ ...row, reason: null })).not.toBe(auditEventHash({ ...row, reason: 'null' }));
  });

  it('cannot be fooled by moving text between neighbouring fields', () => {
    expect(auditEventHash({ ...row, actor_id: 's1m', actor_role: 'anager' })).not.toBe(auditEventHash(row));
  });
});
