/**
 * Reads a Content-Security-Policy into `{ directive: sources[] }`, so tests compare the whole
 * policy: a directive or a source added anywhere (`script-src 'self' https:`) is a difference,
 * not something a `toContain` check lets through. A directive given twice is an error (the
 * browser would silently use the first).
 */
export type CspDirectives = Record<string, string[]>;

export function parseCsp(policy: string): CspDirectives {
  const directives: CspDirectives = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter((token) => token !== '');
    if (name === undefined) continue;
    const key = name.toLowerCase();
    if (key in directives) throw new Error(`CSP directive given twice: ${key}`);
    directives[key] = sources.sort();
  }
  return directives;
}

/** The renderer's policy, everywhere it is served: the app itself and nothing else. */
export const APP_ONLY_CSP: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};
