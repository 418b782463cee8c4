/**
 * Power Platform ToolBox connections: its electron-store file `connections.json` ({ "connections": [...] }).
 *
 * Format: PowerPlatformToolBox/desktop-app, src/common/types/connection.ts (DataverseConnection: id, name, url,
 * environment Dev|Test|UAT|Production, authenticationType interactive|clientSecret|usernamePassword, clientId,
 * clientSecret, tenantId, …) and src/main/managers/connectionsManager.ts, which encrypts clientId, clientSecret,
 * tokens and password with the OS keychain (safeStorage) before saving. Those values are never decrypted here:
 * the secret is not imported, and a connection whose client id is stored encrypted is skipped with that reason.
 */
import type { EnvironmentKind } from '@common/connection'
import { z } from 'zod'
import { collect, toEntry, type ToolParse } from './entry'

const PptbConnectionSchema = z
  .object({
    name: z.string().nullish(),
    url: z.string().nullish(),
    environment: z.string().nullish(),
    authenticationType: z.string().nullish(),
    clientId: z.string().nullish(),
    tenantId: z.string().nullish(),
  })
  .loose()

const PptbFileSchema = z.object({ connections: z.array(PptbConnectionSchema) }).loose()

const KINDS: Readonly<Record<string, EnvironmentKind>> = {
  dev: 'dev',
  test: 'test',
  uat: 'uat',
  production: 'prod',
}

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i

export function parsePptb(text: string): ToolParse {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error("The file is not JSON, so it is not Power Platform ToolBox's connections.json.")
  }
  const parsed = PptbFileSchema.safeParse(json)
  if (!parsed.success)
    throw new Error('The file has no "connections" list, so it is not Power Platform ToolBox\'s connections.json.')
  const result: ToolParse = {
    entries: [],
    skipped: [],
    notes: [
      "Power Platform ToolBox encrypts client secrets with this computer's keychain; they were not read. Enter each secret in the editor.",
    ],
  }
  parsed.data.connections.forEach((connection, index) => {
    const name = connection.name || `Connection ${index + 1}`
    const type = connection.authenticationType ?? ''
    if (type !== 'clientSecret') {
      result.skipped.push({
        name,
        reason: `its sign-in is "${type || 'unknown'}"; the workbench signs in as an application user (client secret) only.`,
      })
      return
    }
    if (connection.clientId && !GUID.test(connection.clientId.trim())) {
      result.skipped.push({
        name,
        reason:
          "Power Platform ToolBox stored its client id encrypted with this computer's keychain; it is not decrypted. Add the connection by hand.",
      })
      return
    }
    const environment = KINDS[(connection.environment ?? '').toLowerCase()]
    collect(
      result,
      name,
      toEntry({
        name,
        url: connection.url,
        clientId: connection.clientId,
        tenantId: connection.tenantId,
        ...(environment ? { environment } : {}),
        notes: [`Imported from Power Platform ToolBox connection "${name}".`],
      }),
    )
  })
  return result
}
