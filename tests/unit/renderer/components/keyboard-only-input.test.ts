import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const rendererDir = fileURLToPath(new URL('../../../../renderer/', import.meta.url));

/** The resident's side of the renderer: everything but the manager console (mouse and keyboard). */
function kioskSources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full === path.join(rendererDir, 'manager') || full === path.join(rendererDir, 'i18n')) continue;
        walk(full);
      } else if (/\.tsx?$/.test(entry.name)) {
        out.push({ file: path.relative(rendererDir, full), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(rendererDir);
  return out;
}

/** The opening tags of elements that would bring up the operating system's keyboard on a touchscreen. */
function editableTags(text: string): string[] {
  const tags = text.match(/<(?:input|textarea)\b[^>]*>/gs) ?? [];
  const editable = text.match(/contentEditable(?!\s*=\s*\{?\s*false)/g) ?? [];
  return [...tags, ...editable];
}

describe('typing on the kiosk', () => {
  it('never opens the operating system keyboard: a field is read-only to it and the on-screen keyboard types', () => {
    const offenders: string[] = [];
    for (const { file, text } of kioskSources()) {
      for (const tag of editableTags(text)) {
        // A field that must exist (none today) is shown only: read-only, inputMode none.
        if (!(/\breadOnly\b/.test(tag) && /inputMode="none"/.test(tag))) offenders.push(`${file}: ${tag.replace(/\s+/g, ' ')}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
