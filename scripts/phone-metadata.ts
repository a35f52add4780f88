/**
 * `npm run phone-metadata`: writes the Vietnam-only phone metadata that shared/phone.ts and
 * shared/phone-mobile.ts hand to libphonenumber-js/core, cut from the installed package's own
 * metadata files:
 *   shared/phone-metadata/vn.min.json     from libphonenumber-js/metadata.min.json
 *   shared/phone-metadata/vn.mobile.json  from libphonenumber-js/metadata.mobile.json
 * Kiot only accepts Vietnamese numbers, and the whole world's metadata was most of the kiosk's
 * phone-screen script. Run it again after upgrading libphonenumber-js; a unit test
 * (tests/unit/shared/phone-metadata.test.ts) fails while the committed files are stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const PHONE_METADATA_FILES = [
  { source: 'libphonenumber-js/metadata.min.json', target: 'shared/phone-metadata/vn.min.json' },
  { source: 'libphonenumber-js/metadata.mobile.json', target: 'shared/phone-metadata/vn.mobile.json' },
] as const;

type Metadata = {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
  nonGeographic?: Record<string, unknown>;
};

/**
 * The same metadata with one calling code (84 → VN) and one country left. `nonGeographic` stays,
 * empty: without it the library takes any unknown calling code for a non-geographic one.
 */
export function vietnamOnly(metadata: Metadata): Metadata {
  const codes = metadata.country_calling_codes['84'];
  const vn = metadata.countries.VN;
  if (codes === undefined || codes.length !== 1 || codes[0] !== 'VN' || vn === undefined) {
    throw new Error('libphonenumber-js metadata: calling code 84 no longer belongs to VN alone; check shared/phone.ts');
  }
  if (typeof metadata.version !== 'number' || metadata.nonGeographic === undefined) {
    throw new Error('libphonenumber-js metadata: unexpected format (version or nonGeographic missing)');
  }
  return { version: metadata.version, country_calling_codes: { '84': ['VN'] }, countries: { VN: vn }, nonGeographic: {} };
}

/** The text each target file should hold, generated from node_modules. */
export function generatedPhoneMetadata(): { target: string; text: string }[] {
  const require = createRequire(path.join(root, 'package.json'));
  return PHONE_METADATA_FILES.map(({ source, target }) => {
    const metadata = JSON.parse(readFileSync(require.resolve(source), 'utf8')) as Metadata;
    return { target, text: `${JSON.stringify(vietnamOnly(metadata))}\n` };
  });
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly) {
  for (const { target, text } of generatedPhoneMetadata()) {
    mkdirSync(path.dirname(path.join(root, target)), { recursive: true });
    writeFileSync(path.join(root, target), text);
    process.stdout.write(`wrote ${target} (${text.length} bytes)\n`);
  }
}
