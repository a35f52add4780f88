import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries of DESIGN.md, enforced by lint', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/x.ts', "import React from 'react';"],
    ['shared/x.ts', "import { createHub } from '../server/app';"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/x.ts', "import fs from 'fs';"],
    ['renderer/x.ts', "import { createKioskCore } from '../electron/core/create-core';"],
    ['server/x.ts', "import { app } from 'electron';"],
    ['server/x.ts', "import { App } from '../renderer/App';"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/core/x.ts', "import { createHub } from '../../server/app';"],
    ['electron/preload/x.ts', "import { createKioskCore } from '../core/create-core';"],
    ['electron/preload/x.ts', "import { registerIpc } from '../main/ipc';"],
    ['electron/core/x.ts', "import { registerIpc } from '../main/ipc';"],
    ['electron/core/db/x.ts', "import { registerIpc } from '../../main/ipc';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await boundaryErrors(file, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['renderer/x.ts', "import { formatVnd } from '../shared/money';"],
    ['server/x.ts', "import { normalizeVietnamesePhone } from '../shared/phone';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s may: %s', async (file, code) => {
    expect(await boundaryErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
