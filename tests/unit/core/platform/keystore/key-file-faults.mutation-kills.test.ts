/**
 * What the key-file writer does around file-system faults, which a real disk will not produce
 * on demand (the tests run as any user, root included): `node:fs/promises` is the real module
 * with its `writeFile` and `chmod` wrapped, so a test can fail one call or look at the file
 * at the moment before `chmod`. Found by mutation testing (issue 12).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type * as FsPromises from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const wrapped = { ...real, writeFile: vi.fn(real.writeFile), chmod: vi.fn(real.chmod) };
  return { ...wrapped, default: wrapped };
});

const fs = (await import('node:fs/promises')).default;
const { writeKeyFile } = await import('../../../../../electron/core/platform/keystore/key-file');
const { createDevFileKeystore } = await import('../../../../../electron/core/platform/keystore/dev-file-keystore');

describe('key-file writer under faults', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'kiot-key-faults-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('reports the write error itself when the temporary file could not even be created', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    vi.mocked(fs.writeFile).mockRejectedValueOnce(denied);
    // Cleaning up a temporary file that never existed must not replace the real cause.
    await expect(writeKeyFile(path.join(base, 'key.json'), 'secret\n')).rejects.toBe(denied);
  });

  it.runIf(process.platform !== 'win32')('creates the temporary file owner-only from the start, not only after chmod', async () => {
    const modes: number[] = [];
    const real = vi.mocked(fs.chmod).getMockImplementation()!;
    vi.mocked(fs.chmod).mockImplementationOnce(async (file, mode) => {
      modes.push(statSync(file).mode & 0o777);
      return real(file, mode);
    });
    await writeKeyFile(path.join(base, 'key.json'), 'secret\n');
    expect(modes).toEqual([0o600]);
  });
});

describe('dev keystore errors say what is wrong', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-dev-ks-msg-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a file that is not JSON: corrupt, naming the file, with the parse error as its cause', async () => {
    const file = path.join(dataDir, 'dev-keystore.json');
    await fs.writeFile(file, '{ not json');
    const err = await createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey().then(
      () => null,
      (e: unknown) => e as Error & { code: string },
    );
    expect(err?.code).toBe('corrupt');
    expect(err?.message).toContain(file);
    expect(err?.message).toMatch(/not valid JSON/);
    expect(err?.cause).toBeInstanceOf(SyntaxError);
  });

  it('JSON of the wrong shape: corrupt, saying what the file must hold', async () => {
    await fs.writeFile(path.join(dataDir, 'dev-keystore.json'), '{"dbKeyHex":"xyz"}');
    await expect(createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey()).rejects.toThrow(/dbKeyHex.*64 lowercase hex digits/);
  });
});
