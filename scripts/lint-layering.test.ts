import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// Proves the lint rules of eslint.config.js catch each breach of DESIGN.md's layering.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layering lint', () => {
  it.each([
    ['app/shared/money/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['app/shared/domain/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['app/shared/domain/x.ts', "import React from 'react';\nexport const x = React;\n"],
    ['app/shared/domain/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['app/shared/domain/x.ts', "import { x as y } from '../../main/backend';\nexport const x = y;\n"],
    ['app/renderer/x.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n"],
    ['app/renderer/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['app/renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['app/renderer/x.ts', "import { createConsoleBackend } from '../main/backend';\nexport const x = createConsoleBackend;\n"],
    ['app/main/payments/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['app/house/x.ts', "import { App } from '../renderer/App';\nexport const x = App;\n"],
    ['app/house/x.ts', "import { auditHash } from '../main/audit/audit-log';\nexport const x = auditHash;\n"],
    ['app/house/store/x.test.ts', "import { auditHash } from '../../main/audit/audit-log';\nexport const x = auditHash;\n"],
    ['app/house/test-support/x.ts', "import { createConsoleBackend } from '../../main/backend';\nexport const x = createConsoleBackend;\n"],
    ['app/main/sync/x.ts', "import { startHouse } from '../../house/house';\nexport const x = startHouse;\n"],
    ['app/main/sync/x.test.ts', "import { startHouse } from '../../house/house';\nexport const x = startHouse;\n"],
    ['app/main/sync/test-support/x.ts', "import { demoToken } from '../../../house/demo-seed';\nexport const x = demoToken;\n"],
    ['app/main/electron/x.ts', "import { startHouse } from '../../house/house';\nexport const x = startHouse;\n"],
  ])('%s: refuses %j', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toContain('no-restricted-imports');
  });

  it('refuses DOM and Node globals in app/shared', async () => {
    expect(await ruleIdsFor('app/shared/domain/x.ts', 'export const x = () => window.location.href;\n')).toContain('no-restricted-globals');
    expect(await ruleIdsFor('app/shared/domain/x.ts', 'export const x = () => process.env.HOME;\n')).toContain('no-restricted-globals');
  });

  it('refuses clocks and randomness in the clearing engine', async () => {
    expect(await ruleIdsFor('app/shared/clearing/x.ts', 'export const x = () => Date.now();\n')).toContain('no-restricted-properties');
    expect(await ruleIdsFor('app/shared/clearing/x.ts', 'export const x = () => Math.random();\n')).toContain('no-restricted-properties');
    expect(await ruleIdsFor('app/shared/clearing/x.ts', 'export const x = () => new Date().toISOString();\n')).toContain('no-restricted-syntax');
    expect(await ruleIdsFor('app/shared/clearing/x.ts', 'export const x = (at: string) => new Date(at);\n')).toContain('no-restricted-syntax');
  });

  it('allows what the layering allows', async () => {
    expect(await ruleIdsFor('app/main/electron/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
    expect(await ruleIdsFor('app/shared/domain/x.ts', "import { z } from 'zod';\nexport const x = z.string();\n")).toEqual([]);
    expect(await ruleIdsFor('app/main/store/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toEqual([]);
    expect(await ruleIdsFor('test-support/x.ts', "import { startHouse } from '../app/house/house';\nimport { createConsoleBackend } from '../app/main/backend';\nexport const x = [startHouse, createConsoleBackend];\n")).toEqual([]);
    expect(await ruleIdsFor('app/main/sync/x.test.ts', "import { startDemoHouse } from '../../../test-support/demo-house';\nexport const x = startDemoHouse;\n")).toEqual([]);
    expect(await ruleIdsFor('app/shared/clearing/x.test.ts', 'export const x = () => new Date();\n')).toEqual([]);
    expect(await ruleIdsFor('app/main/settings/x.ts', "import { x as y } from './house-link';\nexport const x = y;\n")).toEqual([]);
  });
});
