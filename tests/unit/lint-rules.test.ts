import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties')
    .map((m) => m.message)
}

describe('architecture import rules', () => {
  it.each([
    ['renderer/src/features/x/Thing.tsx', "import { createApi } from '../../../../main/api'\nexport const a = createApi"],
    ['renderer/src/features/x/Thing.tsx', "import { x } from '../../../../preload/index'\nexport const a = x"],
    ['renderer/src/features/x/Thing.tsx', "import { readFile } from 'node:fs'\nexport const a = readFile"],
    ['renderer/src/features/x/Thing.tsx', "import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer"],
    ['renderer/src/features/x/Thing.tsx', 'export const a = window.dataverse'],
    ['main/http/transport.ts', "import { app } from 'electron'\nexport const a = app"],
    ['main/dataverse/client.ts', "import { app } from 'electron'\nexport const a = app"],
    ['main/http/transport.ts', "import { x } from '../auth/token'\nexport const a = x"],
    ['main/auth/token.ts', "import { x } from '../dataverse/client'\nexport const a = x"],
    ['common/thing.ts', "import { x } from '../main/api'\nexport const a = x"],
    ['common/thing.ts', "import { Hono } from 'hono'\nexport const a = Hono"],
    ['emulator/app.ts', "import { x } from '../main/api'\nexport const a = x"],
    ['preload/index.ts', "import { x } from '../main/api'\nexport const a = x"],
  ])('refuses the import in %s', async (file, source) => {
    expect(await importErrors(file, source)).not.toEqual([])
  })

  it.each([
    ['main/electron/window.ts', "import { app } from 'electron'\nexport const a = app"],
    ['main/index.ts', "import { app } from 'electron'\nexport const a = app"],
    ['renderer/src/bridge.ts', 'export const a = window.dataverse'],
    ['renderer/src/features/x/Thing.tsx', "import { channels } from '../../../../common/contract'\nexport const a = channels"],
    ['common/thing.ts', "import { z } from 'zod'\nimport { ok } from './result'\nexport const a = [z, ok]"],
    ['main/diagnostics/check.ts', "import { x } from '../dataverse/client'\nexport const a = x"],
  ])('allows the import in %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([])
  })
})
