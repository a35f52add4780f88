import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consoleResources } from '../../../../renderer/i18n/console-resources';
import { en } from '../../../../renderer/i18n/en';
import { namespaces, resources as kioskResources } from '../../../../renderer/i18n/resources';
import { vi } from '../../../../renderer/i18n/vi';
import { channelNames } from '../../../../shared/channels';
import { baseKeys, flatten, keysUsedIn, missingKeys, placeholdersOf, splitPlural } from './key-audit';

const rendererDir = fileURLToPath(new URL('../../../../renderer/', import.meta.url));

/** The renderer's code, without the translations themselves. */
function rendererSources(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full === path.join(rendererDir, 'i18n', 'vi') || full === path.join(rendererDir, 'i18n', 'en')) continue;
        walk(full);
      } else if (/\.tsx?$/.test(entry.name)) {
        files.push(readFileSync(full, 'utf8'));
      }
    }
  };
  walk(rendererDir);
  return files;
}

/** Every namespace of every language: the kiosk's and the console's. */
const resources = { vi, en };

describe('translation keys', () => {
  it('are split between the kiosk and the console with none left out or given twice', () => {
    for (const language of ['vi', 'en'] as const) {
      const kiosk = Object.keys(kioskResources[language]);
      const console = Object.keys(consoleResources[language]);
      expect(kiosk.filter((ns) => console.includes(ns))).toEqual([]);
      expect([...kiosk, ...console].sort()).toEqual(Object.keys(resources[language]).sort());
      expect({ ...kioskResources[language], ...consoleResources[language] }).toEqual(resources[language]);
    }
  });

  it('exist in every language, with the plural forms each language needs', () => {
    expect(missingKeys(resources)).toEqual([]);
  });

  it('are all used by the renderer, and every key the renderer names exists', () => {
    const defined = baseKeys(flatten(resources.vi));
    // IPC channel names (`auth:requestOtp`) look like keys; they are not.
    const channels = new Set<string>(channelNames);
    const used = new Set([...keysUsedIn(rendererSources(), namespaces)].filter((key) => !channels.has(key)));
    expect(used.size).toBeGreaterThan(50);
    expect([...defined].filter((key) => !used.has(key)).sort()).toEqual([]);
    expect([...used].filter((key) => !defined.has(key)).sort()).toEqual([]);
  });

  it('use the same placeholders in every language', () => {
    const vi = flatten(resources.vi);
    for (const [key, message] of flatten(resources.en)) {
      const { base, form } = splitPlural(key);
      const viKey = form ? `${base}_other` : key;
      expect({ key, placeholders: placeholdersOf(message) }).toEqual({ key, placeholders: placeholdersOf(vi.get(viKey) ?? '') });
    }
  });

  it('have no empty message', () => {
    for (const language of Object.values(resources)) {
      for (const [key, message] of flatten(language)) expect({ key, empty: message.trim() === '' }).toEqual({ key, empty: false });
    }
  });
});

describe('the key checks themselves', () => {
  it('catch a key missing in one language, and a missing English singular', () => {
    const problems = missingKeys({
      vi: { auth: { title: 'Tiêu đề', left_other: 'Còn {{count}}' } },
      en: { auth: { left_other: '{{count}} left' } },
    });
    expect(problems).toEqual(['en: auth:left_one is missing', 'en: auth:title is missing']);
  });

  it('catch a plural form a language does not have', () => {
    expect(missingKeys({ vi: { a: { n_one: 'x', n_other: 'y' } } })).toEqual(['vi: a:n_one is not a plural form of this language']);
  });

  it('see literal keys only, so an unused or dynamically built key shows up', () => {
    const used = keysUsedIn(["t('bills:title')", 't("auth:code.wrong", { count })', 't(`bills:service.${kind}`)', "'other:thing'"], ['bills', 'auth']);
    expect([...used].sort()).toEqual(['auth:code.wrong', 'bills:title']);
    const defined = baseKeys(flatten({ bills: { title: 'x', service: { water: 'y' } }, auth: { code: { wrong_other: 'z' } } }));
    expect([...defined].filter((key) => !used.has(key))).toEqual(['bills:service.water']);
  });
});
