/**
 * The lint rule that keeps secrets out of `===`: it must fire on the very change it exists for
 * (the constant-time comparison in the real services swapped for `===`), and stay quiet on the
 * code as it is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '../../..');
// The rule is syntactic; without type information each lint takes milliseconds, not seconds.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function secretComparisons(file: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.filter((m) => m.fatal === true).map((m) => m.message);
  if (fatal.length > 0) throw new Error(`${file} did not lint: ${fatal.join('; ')}`);
  return messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
}

/** The real source of `file` with `from` replaced by `to` (which must be there, or the test is stale). */
function mutated(file: string, from: string, to: string): string {
  const source = readFileSync(path.join(root, file), 'utf8');
  if (!source.includes(from)) throw new Error(`${file} no longer contains ${from}`);
  return source.replace(from, to);
}

describe('lint: secrets are compared in constant time', () => {
  it.each([
    ['server/services/otp.ts', 'digestsEqual(codeHmac(requestId, code), row.code_hmac)', 'codeHmac(requestId, code) === row.code_hmac'],
    ['server/services/devices.ts', '!digestsEqual(presented, device.secret_hash)', 'presented !== device.secret_hash'],
    ['server/services/devices.ts', '!digestsEqual(presented, device.secret_hash)', 'device.secret_hash != presented'],
  ])('%s: flags %s replaced by %s', async (file, from, to) => {
    expect(await secretComparisons(file, mutated(file, from, to))).toHaveLength(1);
  });

  it.each([
    ['server/services/x.ts', 'export const same = (code: string, expected: string): boolean => code === expected;'],
    ['server/services/x.ts', 'export const same = (a: { token: string }, b: string): boolean => a.token === b;'],
    ['server/crypto.ts', 'export const same = (secretHash: string, b: string): boolean => b !== secretHash;'],
  ])('%s: flags %s', async (file, code) => {
    expect(await secretComparisons(file, code)).toHaveLength(1);
  });

  it.each(['server/services/otp.ts', 'server/services/devices.ts', 'server/services/sessions.ts', 'server/crypto.ts'])('%s as it is has no secret compared with ===', async (file) => {
    expect(await secretComparisons(file, readFileSync(path.join(root, file), 'utf8'))).toEqual([]);
  });

  it('leaves error codes and other non-secrets alone', async () => {
    const code = "export const f = (err: { code: string }, n: number | null, left: Buffer, right: Buffer): boolean => err.code === 'x' || n === null || left.length !== right.length;";
    expect(await secretComparisons('server/services/x.ts', code)).toEqual([]);
  });
});
