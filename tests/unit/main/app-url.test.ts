import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_SCHEME, appSchemePrivileges, parseAppUrl } from '../../../electron/main/app-url';

describe('the app scheme', () => {
  const privileges = appSchemePrivileges.find((s) => s.scheme === APP_SCHEME)?.privileges ?? {};

  it("keeps V8's compiled scripts between starts (code cache needs a standard scheme)", () => {
    expect(privileges.codeCache).toBe(true);
    expect(privileges.standard).toBe(true);
  });

  it('gets no privilege that would loosen the page\'s own policy', () => {
    expect(privileges.bypassCSP ?? false).toBe(false);
    expect(privileges.corsEnabled ?? false).toBe(false);
    expect(privileges.allowServiceWorkers ?? false).toBe(false);
    expect(privileges.secure).toBe(true);
  });

  it('accepts its own entry URL and nothing on another origin', () => {
    expect(parseAppUrl(APP_ENTRY_URL)?.href).toBe(APP_ENTRY_URL);
    expect(parseAppUrl('file:///etc/passwd')).toBeNull();
    expect(parseAppUrl('https://app/index.html')).toBeNull();
  });
});
