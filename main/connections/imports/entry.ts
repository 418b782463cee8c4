/**
 * What every tool import produces, and the one way an entry of another tool's file becomes one of
 * our connections: its URL normalised, its cloud from the URL (or the tool's own cloud name), the
 * cloud's Entra ID host, the environment kind guessed from the names, and never a secret.
 */
import { signInHostOf, type Cloud } from '@common/clouds'
import { DEFAULT_COLOURS, defaultReadOnly, GuidSchema, TenantIdSchema, type EnvironmentKind } from '@common/connection'
import type { ImportedConnection } from '../service'
import { guessEnvironment } from '../transfer'
import { normalizeUrl } from '../url'

export interface ToolEntry {
  readonly item: ImportedConnection
  /** What was taken, in plain words (shown after the import). */
  readonly detail: string
}

export interface ToolParse {
  readonly entries: ToolEntry[]
  readonly skipped: { name: string; reason: string }[]
  readonly notes: string[]
}

export interface EntryFacts {
  readonly name: string
  readonly url: string | null | undefined
  readonly clientId: string | null | undefined
  readonly tenantId: string | null | undefined
  /** The tool's own cloud, when it names one; otherwise the URL's. */
  readonly cloud?: Cloud | null
  /** The sign-in host the file names, if any: kept so the import's host check can warn about it. */
  readonly authorityHost?: string | null
  readonly environment?: EnvironmentKind
  readonly certificate?: { readonly thumbprint?: string | null }
  readonly notes?: readonly string[]
}

const NIL_GUID = '00000000-0000-0000-0000-000000000000'

/** An entry, or the reason it was skipped. */
export function toEntry(facts: EntryFacts): ToolEntry | { skip: string } {
  if (!facts.url) return { skip: 'it names no environment URL.' }
  const normalized = normalizeUrl(facts.url)
  if (!normalized.ok) return { skip: normalized.problem.message }
  const clientId = (facts.clientId ?? '').trim().replace(/^\{|\}$/g, '')
  if (!clientId || clientId === NIL_GUID) return { skip: 'it has no application (client) id.' }
  if (!GuidSchema.safeParse(clientId).success)
    return { skip: `its application id "${clientId.slice(0, 40)}" is not a GUID.` }
  const tenantRaw = (facts.tenantId ?? '').trim().replace(/^\{|\}$/g, '')
  const tenantId = tenantRaw && tenantRaw !== NIL_GUID && TenantIdSchema.safeParse(tenantRaw).success ? tenantRaw : ''
  const { orgUrl, apiVersion } = normalized.value
  const cloud = facts.cloud ?? normalized.value.cloud ?? 'commercial'
  const environment = facts.environment ?? guessEnvironment(`${facts.name} ${new URL(orgUrl).host}`)
  const notes = [...(facts.notes ?? [])]
  if (facts.certificate)
    notes.push(
      `Certificate sign-in${facts.certificate.thumbprint ? ` (thumbprint ${facts.certificate.thumbprint.toUpperCase()})` : ''}: choose the certificate file (.pfx or .pem) in the editor.`,
    )
  const item: ImportedConnection = {
    connection: {
      name: facts.name.trim().slice(0, 80) || new URL(orgUrl).host,
      orgUrl,
      apiVersion,
      cloud,
      authorityHost: facts.authorityHost || signInHostOf(cloud),
      tenantId,
      clientId: clientId.toLowerCase(),
      auth: { kind: 'secret' },
      environment,
      colour: DEFAULT_COLOURS[environment],
      readOnly: defaultReadOnly(environment),
      notes: notes.join(' ').slice(0, 2000),
    },
  }
  const credential = facts.certificate
    ? 'certificate (choose its file)'
    : 'client secret (enter it; it was not imported)'
  return {
    item,
    detail: `${orgUrl}, app ${clientId.toLowerCase()}, tenant ${tenantId || 'discovered on first use'}, ${credential}.`,
  }
}

/** Adds an entry or its skip reason to a parse. */
export function collect(parse: ToolParse, name: string, result: ToolEntry | { skip: string }): void {
  if ('skip' in result) parse.skipped.push({ name, reason: result.skip })
  else parse.entries.push(result)
}
