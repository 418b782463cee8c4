/**
 * The connection flags every command that talks to an environment shares (`dvw check`, `dvw query`):
 *
 *   --url URL --tenant ID --client-id ID
 *   --secret-env NAME | --secret-stdin | --cert FILE [--cert-password-env NAME]
 *   --ca-file FILE
 *   --sample [--scenario ID]     the in-process emulator; explicit flags override the sample's values
 *
 * Flags are checked here (wrong combinations are usage errors, exit 2); the credential itself is
 * read only when a command asks for it, so a missing variable or unreadable certificate becomes a
 * finding of the command (the check's config step), not a crash.
 */
import { readFileSync } from 'node:fs'
import { Option, type Command } from 'commander'
import type { Cloud } from '../../common/connection'
import { AppFailure } from '../../common/result'
import { createEmulator, SAMPLE_CONNECTION, SCENARIO_NAMES, scenarioApp, type EmulatorOptions, type ScenarioName } from '../../emulator'
import { loadCertificate } from '../auth/certificate'
import type { ClientCredential } from '../auth/token-provider'
import { createNodeFetch } from '../http/node-fetch'
import type { FetchLike } from '../http/types'
import { UsageError, type CliIo } from './io'

export interface ConnectionFlagValues {
  readonly url?: string
  readonly tenant?: string
  readonly clientId?: string
  readonly secretEnv?: string
  readonly secretStdin?: boolean
  readonly cert?: string
  readonly certPasswordEnv?: string
  readonly caFile?: string
  readonly sample?: boolean
  readonly scenario?: string
}

export interface ResolvedConnection {
  /** As given (or the sample's); commands normalise it. */
  readonly url: string
  /** Empty when not given: the environment's 401 challenge names it. */
  readonly tenantId: string
  readonly clientId: string
  /** Known for the sample; otherwise taken from the URL's cloud or from discovery. */
  readonly authorityHost: string | null
  readonly cloud?: Cloud
  readonly credentialKind: 'secret' | 'certificate'
  /** Reads the secret or certificate; throws SECRET_UNAVAILABLE / INVALID_INPUT with a plain message. */
  readonly credential: () => Promise<ClientCredential>
  readonly base: FetchLike
  /** The in-process emulator: no DNS or TLS. */
  readonly offline: boolean
  /** PEM text of --ca-file, trusted in addition to the system roots. */
  readonly trustedCa: readonly string[]
  readonly proxy: string | null
  readonly scenario: ScenarioName | null
  close(): Promise<void>
}

export function addConnectionFlags(command: Command): Command {
  return command
    .option('--url <url>', 'the environment URL, e.g. https://contoso.crm4.dynamics.com')
    .option('--tenant <id>', 'the tenant ID or verified domain (default: discovered from the environment)')
    .option('--client-id <id>', 'the Application (client) ID of the app registration')
    .option('--secret-env <name>', 'read the client secret from this environment variable')
    .option('--secret-stdin', 'read the client secret from standard input')
    .option('--cert <file>', 'sign in with this certificate (.pfx, or .pem with its private key)')
    .option('--cert-password-env <name>', "read the certificate's password from this environment variable")
    .option('--ca-file <file>', 'also trust this CA certificate (PEM), e.g. a TLS-inspection proxy')
    .option('--sample', 'use the built-in offline sample environment (the emulator, in process)')
    .addOption(new Option('--scenario <id>', 'with --sample: the emulator scenario app to sign in as').choices(SCENARIO_NAMES))
}

function secretUnavailable(message: string, cause: string, next: string): AppFailure {
  return new AppFailure({ code: 'SECRET_UNAVAILABLE', message, cause, next })
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    throw new UsageError(`--ca-file ${path} cannot be read`)
  }
}

export async function resolveConnectionFlags(
  values: ConnectionFlagValues,
  io: CliIo,
  options: { readonly sampleEmulator?: Pick<EmulatorOptions, 'rows'> } = {},
): Promise<ResolvedConnection> {
  const given = [values.secretEnv !== undefined, values.secretStdin === true, values.cert !== undefined].filter(Boolean).length
  if (given > 1) throw new UsageError('give only one of --secret-env, --secret-stdin and --cert')
  if (values.certPasswordEnv !== undefined && values.cert === undefined) throw new UsageError('--cert-password-env goes with --cert')
  if (values.scenario !== undefined && !values.sample) throw new UsageError('--scenario goes with --sample')
  if (!values.sample) {
    if (!values.url) throw new UsageError('give --url (the environment URL), or --sample for the offline sample')
    if (!values.clientId) throw new UsageError('give --client-id (the Application (client) ID of the app registration)')
  }

  const stdinSecret = values.secretStdin ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined
  const explicit = (): (() => Promise<ClientCredential>) | null => {
    if (values.secretEnv !== undefined) {
      const name = values.secretEnv
      return async () => {
        const secret = io.env[name]
        if (!secret) {
          throw secretUnavailable(
            `The environment variable ${name} (from --secret-env) is not set or is empty.`,
            'It was not exported in this shell, or the pipeline did not pass the secret to this step.',
            `Set it (export ${name}=…) or use --secret-stdin.`,
          )
        }
        return { kind: 'secret', secret }
      }
    }
    if (stdinSecret !== undefined) return async () => ({ kind: 'secret', secret: stdinSecret })
    if (values.cert !== undefined) {
      const path = values.cert
      const passwordEnv = values.certPasswordEnv
      return async () => {
        const loaded = loadCertificate({ path, ...(passwordEnv && io.env[passwordEnv] ? { password: io.env[passwordEnv] } : {}) })
        return { kind: 'certificate', privateKeyPem: loaded.privateKeyPem, thumbprintSha256: loaded.thumbprintSha256 }
      }
    }
    return null
  }
  const chosen = explicit()
  const credentialKind = values.cert !== undefined ? 'certificate' : 'secret'
  const trustedCa = values.caFile ? [readCa(values.caFile)] : []

  if (values.sample) {
    const scenario = (values.scenario ?? 'healthy') as ScenarioName
    const app = scenarioApp(scenario)
    const emulator = createEmulator(options.sampleEmulator ?? {})
    const sampleCredential = async (): Promise<ClientCredential> => {
      if (app.credential.kind === 'secret') return { kind: 'secret', secret: app.credential.secret }
      const material = await emulator.certificate(scenario)
      return { kind: 'certificate', privateKeyPem: material.privateKeyPem, thumbprintSha256: material.thumbprintSha256 }
    }
    return {
      url: values.url ?? SAMPLE_CONNECTION.orgUrl,
      tenantId: values.tenant ?? SAMPLE_CONNECTION.tenantId,
      clientId: values.clientId ?? app.clientId,
      authorityHost: new URL(SAMPLE_CONNECTION.authorityUrl).host,
      cloud: 'commercial',
      credentialKind: given ? credentialKind : app.credential.kind,
      credential: chosen ?? sampleCredential,
      base: (request) => emulator.fetch(request),
      offline: true,
      trustedCa,
      proxy: null,
      scenario,
      close: async () => undefined,
    }
  }

  if (!chosen) throw new UsageError('give the credential: --secret-env NAME, --secret-stdin or --cert FILE')
  const fetch = createNodeFetch({ ca: trustedCa, env: io.env })
  return {
    url: values.url ?? '',
    tenantId: values.tenant ?? '',
    clientId: values.clientId ?? '',
    authorityHost: null,
    credentialKind,
    credential: chosen,
    base: fetch,
    offline: false,
    trustedCa,
    proxy: fetch.proxy,
    scenario: null,
    close: () => fetch.close(),
  }
}
