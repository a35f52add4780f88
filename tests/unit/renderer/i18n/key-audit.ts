/**
 * Checks on the translation resources: that every language has every key (with the plural
 * forms its grammar needs), and that every key is used by the renderer source.
 */

export type ResourceTree = { readonly [key: string]: string | ResourceTree };

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** `ns:a.b_other` → `{ base: 'ns:a.b', form: 'other' }`; a key without a plural suffix has no form. */
export function splitPlural(key: string): { base: string; form: string | null } {
  const match = pluralSuffix.exec(key);
  return match ? { base: key.slice(0, match.index), form: match[1] ?? null } : { base: key, form: null };
}

/** Every message of one language as `ns:dotted.key` → text. */
export function flatten(namespaces: Readonly<Record<string, ResourceTree>>): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (prefix: string, tree: ResourceTree): void => {
    for (const [key, value] of Object.entries(tree)) {
      const path = `${prefix}${key}`;
      if (typeof value === 'string') out.set(path, value);
      else walk(`${path}.`, value);
    }
  };
  for (const [ns, tree] of Object.entries(namespaces)) walk(`${ns}:`, tree);
  return out;
}

/** The keys a `t()` call names: plural keys by their base. */
export function baseKeys(messages: ReadonlyMap<string, string>): Set<string> {
  return new Set([...messages.keys()].map((key) => splitPlural(key).base));
}

/**
 * What each language lacks: a key another language has, or a plural form its own grammar
 * needs (`Intl.PluralRules`: English one + other, Vietnamese other), or has but should not.
 */
export function missingKeys(languages: Readonly<Record<string, Readonly<Record<string, ResourceTree>>>>): string[] {
  const flat = Object.entries(languages).map(([lng, namespaces]) => ({ lng, messages: flatten(namespaces) }));
  const allBases = new Set(flat.flatMap(({ messages }) => [...baseKeys(messages)]));
  const pluralBases = new Set(flat.flatMap(({ messages }) => [...messages.keys()].filter((k) => splitPlural(k).form).map((k) => splitPlural(k).base)));
  const problems: string[] = [];
  for (const { lng, messages } of flat) {
    const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
    for (const base of [...allBases].sort()) {
      if (pluralBases.has(base)) {
        for (const form of forms) if (!messages.has(`${base}_${form}`)) problems.push(`${lng}: ${base}_${form} is missing`);
        if (messages.has(base)) problems.push(`${lng}: ${base} is plural elsewhere but has no plural forms here`);
        for (const key of messages.keys()) {
          const { base: b, form } = splitPlural(key);
          if (b === base && form && !forms.includes(form as Intl.LDMLPluralRule)) problems.push(`${lng}: ${key} is not a plural form of this language`);
        }
      } else if (!messages.has(base)) {
        problems.push(`${lng}: ${base} is missing`);
      }
    }
  }
  return problems;
}

/**
 * Every `ns:key` written as a string literal in the given sources. A key built at run time
 * (`\`bills:service.${kind}\``) is not seen, by design: list such keys literally in code
 * (as `service-key.ts` does) so that this scan, and the compiler, can check them.
 */
export function keysUsedIn(sources: readonly string[], namespaces: readonly string[]): Set<string> {
  const pattern = new RegExp(`['"\`]((?:${namespaces.join('|')}):[A-Za-z0-9_.]+)['"\`]`, 'g');
  const used = new Set<string>();
  for (const source of sources) for (const match of source.matchAll(pattern)) if (match[1]) used.add(match[1]);
  return used;
}

/** The `{{name}}` placeholders of a message, sorted. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();
}
