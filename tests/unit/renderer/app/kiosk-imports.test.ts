import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const rendererDir = path.join(root, 'renderer');


function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate)) ?? null;
}

/** Static imports and re-exports that bring values (not `import type`, not dynamic `import()`). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes = clause !== undefined && clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specs.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      specs.push(statement.moduleSpecifier.text);
    }
  }
  return specs;
}

/**
 * Every package reached from the renderer's entry by static value imports, with a path to it:
 * what the first chunk holds. A dynamic `import()` (the console, the phone checks) is a chunk
 * of its own and is not followed.
 */
function packagesReached(entries: string[]): Map<string, string> {
  const reached = new Map<string, string>();
  const seen = new Set<string>();
  const queue = entries.map((file) => ({ file, via: path.relative(root, file) }));
  while (queue.length > 0) {
    const { file, via } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of valueImports(file)) {
      const target = resolve(file, spec);
      if (target) queue.push({ file: target, via: `${via} → ${path.relative(root, target)}` });
      else if (!spec.startsWith('.') && !reached.has(spec)) reached.set(spec, via);
    }
  }
  return reached;
}

describe("the kiosk's first chunk", () => {
  const reached = packagesReached([path.join(rendererDir, 'main.tsx')]);

  it('does not reach zod, libphonenumber or the console query cache through a static value import', () => {
    const heavy = [...reached].filter(([spec]) => /^(zod|libphonenumber-js|@tanstack\/)/.test(spec));
    expect(heavy.map(([spec, via]) => `${spec} via ${via}`)).toEqual([]);
  });

  it('is checked for real: the walk finds the packages it does use', () => {
    expect(reached.has('react-dom/client')).toBe(true);
    expect(reached.has('i18next')).toBe(true);
  });
});
