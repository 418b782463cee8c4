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
    [
      'renderer/src/features/x/Thing.tsx',
      "import { createApi } from '../../../../main/api'\nexport const a = createApi",
    ],
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
    ['common/thing.ts', "import { ok } from '@common/result'\nexport const a = ok"],
    ['emulator/app.ts', "import { x } from '../main/api'\nexport const a = x"],
    ['preload/index.ts', "import { x } from '../main/api'\nexport const a = x"],
    ['main/dataverse/client.ts', "import { x } from '../app/sessions'\nexport const a = x"],
    ['main/diagnostics/explain.ts', "import { x } from '../ipc/dispatch'\nexport const a = x"],
    ['main/connections/service.ts', "import { x } from '../cli/io'\nexport const a = x"],
    ['main/workspace/history.ts', "import { x } from '../app/events'\nexport const a = x"],
    ['main/store/document-store.ts', "import { x } from '../ipc/api'\nexport const a = x"],
    ['main/http/transport.ts', "import { x } from '../platform/host'\nexport const a = x"],
    ['main/app/query-service.ts', "import { x } from '../ipc/handlers/query'\nexport const a = x"],
    ['main/app/create-services.ts', "import { x } from '../cli/host'\nexport const a = x"],
    ['main/ipc/handlers/query.ts', "import { x } from '../../cli/io'\nexport const a = x"],
    ['main/ipc/api.ts', "import { x } from '../electron/host'\nexport const a = x"],
    ['main/cli/commands/query.ts', "import { x } from '../../ipc/dispatch'\nexport const a = x"],
    ['main/cli/host.ts', "import { app } from 'electron'\nexport const a = app"],
    ['main/ipc/handlers/diagnostics.ts', "import { x } from '../../diagnostics/explain'\nexport const a = x"],
    ['main/ipc/handlers/connections.ts', "import { x } from '../../auth/discovery'\nexport const a = x"],
    ['main/ipc/dispatch.ts', "import { x } from '../http/log-redaction'\nexport const a = x"],
    ['main/ipc/handlers/deep/x.ts', "import { x } from '../../../store/private-file'\nexport const a = x"],
    ['main/ipc/handlers/query.ts', "import type { X } from '../../workspace/history'\nexport type A = X"],
    ['main/cli/commands/query.ts', "import { x } from '../../dataverse/export/writer'\nexport const a = x"],
    ['main/cli/commands/token.ts', "import { x } from '../../auth/jwt'\nexport const a = x"],
    ['main/cli/host.ts', "import { x } from '../connections/vault'\nexport const a = x"],
    ['main/cli/host.ts', "import { x } from '../http/node-fetch'\nexport const a = x"],
    ['main/cli/commands/check.ts', "import { x } from '../../diagnostics/report/text'\nexport const a = x"],
  ])('refuses the import in %s', async (file, source) => {
    expect(await importErrors(file, source)).not.toEqual([])
  })

  it.each([
    ['main/electron/window.ts', "import { app } from 'electron'\nexport const a = app"],
    ['main/index.ts', "import { app } from 'electron'\nexport const a = app"],
    ['renderer/src/bridge.ts', 'export const a = window.dataverse'],
    [
      'renderer/src/features/x/Thing.tsx',
      "import { channels } from '../../../../common/contract'\nexport const a = channels",
    ],
    ['renderer/src/features/x/Other.tsx', "import { channels } from '@common/contract'\nexport const a = channels"],
    ['main/dataverse/query/run.ts', "import { ok } from '@common/result'\nexport const a = ok"],
    ['common/thing.ts', "import { z } from 'zod'\nimport { ok } from './result'\nexport const a = [z, ok]"],
    ['main/diagnostics/check.ts', "import { x } from '../dataverse/client'\nexport const a = x"],
    ['main/ipc/handlers/query.ts', "import { x } from '../../app/query-service'\nexport const a = x"],
    ['main/cli/commands/check.ts', "import { x } from '../../app/create-services'\nexport const a = x"],
    ['main/ipc/handlers/diagnostics.ts', "import { x } from '../../app/explain-service'\nexport const a = x"],
    ['main/ipc/dispatch.ts', "import { x } from '../app/log-redaction'\nexport const a = x"],
    ['main/cli/host.ts', "import { x } from '../app/node-host'\nexport const a = x"],
    ['main/cli/commands/token.ts', "import { x } from '../../app/token-tools'\nexport const a = x"],
    ['main/cli/commands/query.ts', "import { x } from '../io'\nexport const a = x"],
    ['main/cli/host.ts', "import { x } from '../platform/host'\nexport const a = x"],
    ['main/electron/ipc.ts', "import { x } from '../ipc/dispatch'\nexport const a = x"],
    ['main/app/sessions.ts', "import { x } from '../http/transport'\nexport const a = x"],
  ])('allows the import in %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([])
  })
})
