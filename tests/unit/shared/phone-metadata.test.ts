import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parsePhoneNumberFromString as parseCore } from 'libphonenumber-js/core';
import type { CountryCode, MetadataJson, PhoneNumber } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString as parseWorldMin } from 'libphonenumber-js/min';
import { parsePhoneNumberFromString as parseWorldMobile } from 'libphonenumber-js/mobile';
import { describe, expect, it } from 'vitest';
import { generatedPhoneMetadata } from '../../../scripts/phone-metadata';
import vietnamMin from '../../../shared/phone-metadata/vn.min.json';
import vietnamMobile from '../../../shared/phone-metadata/vn.mobile.json';

const root = path.resolve(import.meta.dirname, '../../..');

describe('the Vietnam-only phone metadata in shared/phone-metadata/', () => {
  it('is what `npm run phone-metadata` makes from the installed libphonenumber-js (run it after an upgrade)', () => {
    const generated = generatedPhoneMetadata();
    expect(generated.map((g) => g.target).sort()).toEqual(['shared/phone-metadata/vn.min.json', 'shared/phone-metadata/vn.mobile.json']);
    for (const { target, text } of generated) expect(readFileSync(path.join(root, target), 'utf8'), target).toBe(text);
  });

  /** What shared/phone.ts keeps of a parse: the E.164 number of a valid Vietnamese number, else null. */
  const verdict = (parsed: PhoneNumber | undefined): string | null => (parsed !== undefined && parsed.country === 'VN' && parsed.isValid() ? parsed.number : null);

  // Typed as residents and staff type: national, with or without 84 / +84, other countries' codes, an IDD prefix.
  const typed = fc
    .tuple(fc.constantFrom('', '0', '84', '+84', '+840', '00', '0084', '+1', '+44', '+65', '+800', '+882', '+'), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 12 }))
    .map(([prefix, digits]) => prefix + digits);
  const vietnamese = fc
    .tuple(fc.constantFrom('0', '+84'), fc.constantFrom('3', '5', '7', '8', '9', '2', '1'), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 9 }))
    .map(([prefix, lead, rest]) => prefix + lead + rest);

  it('judges numbers as the whole-world "min" metadata does', () => {
    fc.assert(
      fc.property(fc.oneof(typed, vietnamese), (input) => {
        expect(verdict(parseCore(input, 'VN' as CountryCode, vietnamMin as MetadataJson))).toBe(verdict(parseWorldMin(input, 'VN')));
      }),
      { numRuns: 5000 },
    );
  });

  it('judges numbers as the whole-world "mobile" metadata does', () => {
    fc.assert(
      fc.property(fc.oneof(typed, vietnamese), (input) => {
        const e164 = input.startsWith('+') ? input : `+${input}`;
        expect(verdict(parseCore(e164, vietnamMobile as MetadataJson))).toBe(verdict(parseWorldMobile(e164)));
      }),
      { numRuns: 5000 },
    );
  });

  it('still knows the other countries are not Vietnam (they are refused, not mistaken for Vietnamese)', () => {
    expect(verdict(parseCore('+1 415 555 0100', 'VN' as CountryCode, vietnamMin as MetadataJson))).toBeNull();
    expect(verdict(parseCore('0012025550123', 'VN' as CountryCode, vietnamMin as MetadataJson))).toBeNull();
    expect(verdict(parseCore('+84912345678', vietnamMobile as MetadataJson))).toBe('+84912345678');
  });

  it("is the only metadata the kiosk's script carries: renderer/ and shared/ import libphonenumber-js/core alone", () => {
    const sources = ['renderer', 'shared'].flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => path.join(dir, f)),
    );
    const specifiers = sources.flatMap((file) => [...readFileSync(path.join(root, file), 'utf8').matchAll(/from '(libphonenumber-js[^']*)'/g)].map((m) => `${file}: ${m[1]}`));
    // Checked for real: shared/phone.ts is among them.
    expect(specifiers).toContain(`${path.join('shared', 'phone.ts')}: libphonenumber-js/core`);
    expect(specifiers.filter((s) => !s.endsWith(': libphonenumber-js/core'))).toEqual([]);
  });
});
