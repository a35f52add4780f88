import { describe, expect, it } from 'vitest';
import { defaultPolicyVersions } from '../../../resources/policy/default-policy';
import { PurposeDefinition, purposeChanged, purposeIds } from '../../../shared/consents';

describe('the default policy texts', () => {
  it('are two versions with increasing numbers and effective dates, each in Vietnamese and English', () => {
    expect(defaultPolicyVersions.map((v) => [v.version, v.effectiveFrom])).toEqual([
      [1, '2026-01-01'],
      [2, '2026-07-01'],
    ]);
    for (const version of defaultPolicyVersions) {
      expect(version.text.vi.length).toBeGreaterThan(500);
      expect(version.text.en.length).toBeGreaterThan(500);
    }
    expect(defaultPolicyVersions[0]!.changes).toBeNull();
    expect(defaultPolicyVersions[1]!.changes?.vi).toContain('Ahamove');
    // Version 2 names the new partner in the policy text itself, not only in the catalogue.
    expect(defaultPolicyVersions[1]!.text.vi).toContain('Ahamove');
    expect(defaultPolicyVersions[1]!.text.en).toContain('Ahamove');
  });

  it('list every purpose once, valid, with only the management notices necessary', () => {
    for (const version of defaultPolicyVersions) {
      for (const purpose of version.purposes) PurposeDefinition.parse(purpose);
      expect(version.purposes.map((p) => p.id)).toEqual([...purposeIds]);
      expect(version.purposes.filter((p) => p.necessary).map((p) => p.id)).toEqual(['service_notices']);
    }
  });

  it('change from version 1 to 2 exactly one purpose in a way that asks residents again', () => {
    const [v1, v2] = defaultPolicyVersions;
    const changed = v2!.purposes.filter((p) => purposeChanged(v1!.purposes.find((q) => q.id === p.id)!, p)).map((p) => p.id);
    expect(changed).toEqual(['delivery_partners']);
  });
});
