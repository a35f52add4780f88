import { describe, expect, it } from 'vitest';
import { escapeHtml, startupErrorHtml, startupErrorUrl } from '../../../electron/main/error-page';
import type { StartupProblem } from '../../../electron/main/error-page';

const problems: StartupProblem[] = [
  { kind: 'config', detail: 'KIOT_HUB_URL must be an https URL' },
  { kind: 'keystore', code: 'insecure_backend', detail: 'safeStorage backend is basic_text' },
  { kind: 'keystore', code: 'backend_changed', detail: 'was gnome_libsecret, now kwallet5' },
  { kind: 'keystore', code: 'unavailable', detail: 'keyring locked' },
  { kind: 'keystore', code: 'dev_keystore_in_packaged_build', detail: 'dev-file refused' },
  { kind: 'keystore', code: 'corrupt', detail: 'decrypt failed' },
  { kind: 'keystore-changed', recorded: 'dev-file', current: 'gnome_libsecret', detail: 'enrolled with dev-file, now gnome_libsecret' },
  { kind: 'enrollment', code: 'no_code', detail: 'no identity and no KIOT_ENROLL_CODE' },
  { kind: 'enrollment', code: 'rejected', detail: 'code expired' },
  { kind: 'unexpected', detail: 'ECONNREFUSED', retryInSeconds: 30 },
];

describe('startup error page', () => {
  it.each(problems)('speaks Vietnamese then English, tells IT what to do, and shows the detail ($kind)', (problem) => {
    const html = startupErrorHtml(problem);
    const vi = html.indexOf('<section lang="vi">');
    const en = html.indexOf('<section lang="en">');
    expect(vi).toBeGreaterThan(-1);
    expect(en).toBeGreaterThan(vi);
    expect(html).toContain('Bộ phận IT');
    expect(html).toContain('IT:');
    expect(html).toContain(escapeHtml(problem.detail));
    expect(html).not.toContain('<script');
    expect(html).toContain("default-src 'none'");
  });

  it('tells IT to provision a keyring when the backend is basic_text', () => {
    const html = startupErrorHtml(problems[1]!);
    expect(html).toContain('basic_text');
    expect(html).toMatch(/GNOME Keyring|libsecret/);
    expect(html).toContain('KWallet');
  });

  it('names both keystores when the backend differs from the one recorded at enrollment, and says how to recover', () => {
    const html = startupErrorHtml({ kind: 'keystore-changed', recorded: 'kwallet5', current: '<gnome_libsecret>', detail: 'changed' });
    expect(html).toContain('kwallet5');
    expect(html).toContain('&lt;gnome_libsecret&gt;');
    expect(html).not.toContain('<gnome_libsecret>');
    expect(html).toContain('KIOT_KEYSTORE');
    expect(html).toMatch(/enroll the device again/);
    expect(html).toMatch(/đăng ký lại thiết bị/);
    expect(html).toContain('[keystore-changed] changed');
  });

  it('tells IT how to enroll when there is no enrollment code', () => {
    expect(startupErrorHtml({ kind: 'enrollment', code: 'no_code', detail: '' })).toContain('KIOT_ENROLL_CODE');
  });

  it('escapes the detail', () => {
    const html = startupErrorHtml({ kind: 'config', detail: '<img src=x onerror=alert(1)>' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is delivered as a self-contained data URL', () => {
    const url = startupErrorUrl(problems[0]!);
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length))).toBe(startupErrorHtml(problems[0]!));
  });
});
