/**
 * The connection flags every command that talks to an environment shares (`dvw query`,
 * `dvw metadata`, and `dvw check` can reuse them): an org URL plus tenant, client id and one
 * credential — a secret from an environment variable or stdin (never a flag value), or a
 * certificate file — or `--sample` for the built-in offline environment.
 */
import type { Command } from 'commander'
import type { Connection } from '../../common/connection'
import { createEmulator, SAMPLE_CONNECTION } from '../../emulator'
import { loadCertificate } from '../auth/certificate'
import type { ClientCredential } from '../auth/token-provider'
import { normalizeUrl } from '../connections/url'
import { createNodeFetch } from '../http/node-fetch'
import type { FetchLike } from '../http/types'
import { UsageError, type CliIo } from './io'

export interface ConnectionFlags {
  readonly url?: string
  readonly tenant?: string
  readonly clientId?: string
  readonly authority?: string
  readonly secretEnv?: string
  readonly secretStdin?: boolean
  readonly cert?: string
  readonly certPasswordEnv?: string
  readonly caFile?: string
  readonly sample?: boolean
}

export interface CliConnection {
  readonly connection: Connection
  readonly credential: ClientCredential
  /** The network: Node fetch (with the extra CA) or the in-process emulator for --sample. */
  readonly base: FetchLike
}

export function addConnectionFlags(command: Command): Command {
  return command
    .option('--url <url>', 'the environment URL (any Dataverse URL; it is normalised)')
    .option('--tenant <id>', 'tenant ID or verified domain')
    .option('--client-id <id>', 'the app registration (client) ID')
    .option('--authority <url>', 'the Entra ID authority host, when not the cloud default (e.g. an emulator)')
    .option('--secret-env <name>', 'read the client secret from this environment variable')
    .option('--secret-stdin', 'read the client secret from standard input')
    .option('--cert <file>', 'a certificate (.pem with its key, or .pfx) instead of a secret')
    .option('--cert-password-env <name>', 'read the certificate password from this environment variable')
    .option('--ca-file <file>', 'trust this extra CA (PEM), e.g. a TLS-inspecting proxy or the emulator')
    .option('--sample', 'use the built-in offline sample environment')
}

const CONNECTED_AT = '2026-01-01T00:00:00.000Z'

function connectionOf(fields: { orgUrl: string; authorityHost: string; tenantId: string; clientId: string; auth: Connection['auth']; cloud: Connection['cloud'] }): Connection {
  return {
    id: 'cli',
    name: 'dvw',
    orgUrl: fields.orgUrl,
    apiVersion: '9.2',
    cloud: fields.cloud,
    authorityHost: fields.authorityHost,
    tenantId: fields.tenantId,
    clientId: fields.clientId,
    auth: fields.auth,
    environment: 'dev',
    colour: '#0f7b0f',
    // The CLI only reads: the transport refuses writes whatever the path says.
    readOnly: true,
    notes: '',
    createdAt: CONNECTED_AT,
    updatedAt: CONNECTED_AT,
    lastTest: null,
    builtIn: null,
    scenario: null,
  }
}

export async function connectionFromFlags(flags: ConnectionFlags, io: CliIo): Promise<CliConnection> {
  if (flags.sample) {
    if (flags.url || flags.secretEnv || flags.secretStdin || flags.cert) throw new UsageError('--sample cannot be combined with --url or a credential')
    const emulator = createEmulator()
    const credential: ClientCredential = { kind: 'secret', secret: SAMPLE_CONNECTION.clientSecret }
    return {
      connection: connectionOf({
        orgUrl: SAMPLE_CONNECTION.orgUrl,
        authorityHost: new URL(SAMPLE_CONNECTION.authorityUrl).host,
        tenantId: SAMPLE_CONNECTION.tenantId,
        clientId: SAMPLE_CONNECTION.clientId,
        auth: { kind: 'secret' },
        cloud: 'commercial',
      }),
      credential,
      base: emulator.fetch as FetchLike,
    }
  }
  if (!flags.url) throw new UsageError('give the environment with --url, or use --sample')
  if (!flags.tenant) throw new UsageError('give the tenant with --tenant (a GUID or contoso.onmicrosoft.com)')
  if (!flags.clientId) throw new UsageError('give the app registration with --client-id')
  const normalized = normalizeUrl(flags.url)
  if (!normalized.ok) throw new UsageError(`--url: ${normalized.problem.message}`)
  const credentials = [flags.secretEnv, flags.secretStdin, flags.cert].filter(Boolean).length
  if (credentials !== 1) throw new UsageError('give exactly one credential: --secret-env NAME, --secret-stdin or --cert FILE')

  let credential: ClientCredential
  let auth: Connection['auth'] = { kind: 'secret' }
  if (flags.secretEnv) {
    const secret = io.env[flags.secretEnv]
    if (!secret) throw new UsageError(`the environment variable ${flags.secretEnv} is not set or is empty`)
    credential = { kind: 'secret', secret }
  } else if (flags.secretStdin) {
    const secret = (await io.readStdin()).trim()
    if (!secret) throw new UsageError('--secret-stdin: standard input was empty')
    credential = { kind: 'secret', secret }
  } else {
    const password = flags.certPasswordEnv ? io.env[flags.certPasswordEnv] : undefined
    if (flags.certPasswordEnv && password === undefined) throw new UsageError(`the environment variable ${flags.certPasswordEnv} is not set`)
    try {
      const loaded = loadCertificate({ path: flags.cert!, ...(password !== undefined ? { password } : {}) })
      credential = { kind: 'certificate', privateKeyPem: loaded.privateKeyPem, thumbprintSha256: loaded.thumbprintSha256 }
      auth = {
        kind: 'certificate',
        certificatePath: flags.cert!,
        format: loaded.format,
        thumbprintSha1: loaded.thumbprintSha1,
        thumbprintSha256: loaded.thumbprintSha256,
        sendX5c: false,
        notAfter: loaded.notAfter,
      }
    } catch (error) {
      throw new UsageError(`--cert ${flags.cert}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const authorityHost = flags.authority ? new URL(flags.authority.includes('://') ? flags.authority : `https://${flags.authority}`).host : normalized.value.authorityHost ?? 'login.microsoftonline.com'
  return {
    connection: connectionOf({
      orgUrl: normalized.value.orgUrl,
      authorityHost,
      tenantId: flags.tenant,
      clientId: flags.clientId,
      auth,
      cloud: normalized.value.cloud ?? 'commercial',
    }),
    credential,
    base: createNodeFetch(flags.caFile ? { caFiles: [flags.caFile] } : {}),
  }
}
