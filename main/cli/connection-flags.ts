/**
 * The connection flags every command that talks to an environment shares (`dvw check`, `dvw query`,
 * `dvw metadata`), and how they become a connection id on the app's own services:
 *
 *   --connection NAME|ID          a connection saved by the app (or `dvw connections import`)
 *   --url URL --tenant ID --client-id ID
 *   --secret-env NAME | --secret-stdin | --cert FILE [--cert-password-env NAME] [--cert-assertion ps256|rs256]
 *   | --federated-token-file FILE | --federated-token-env NAME | --federated-token-command CMD [--federated-subject S]
 *   --ca-file FILE
 *   --sample [--scenario ID]      the in-process emulator; explicit flags override the sample's values
 *
 * Flags are checked here (wrong combinations are usage errors, exit 2). The credential itself is
 * read only when a command signs in, so a missing variable or unreadable certificate becomes a
 * finding of the command (the check's config step), not a crash. The CLI never stores a secret.
 */
import { readFileSync } from 'node:fs'
import { Option, type Command } from 'commander'
import type { CertificateAssertion, Connection, StoredAuth } from '@common/connection'
import { SCENARIO_NAMES } from '../../emulator/scenarios'
import type { AdHocConnectionInput } from '../app/ad-hoc-connections'
import { createServices, type Services } from '../app/create-services'
import { createSampleEnvironment } from '../app/sample-environment'
import { loadCertificate, type LoadedCertificate, type ClientCredential } from '../app/credentials'
import { federatedCredential, type FederatedTokenSourceRef } from '../app/credentials'
import { sampleApp, sampleConnection } from '../app/sample-connection'
import { normalizeUrl } from '../app/connection-urls'
import { createCliHost } from './host'
import { UsageError, type CliIo } from './io'
import { secretReader } from './secret-input'

export interface ConnectionFlagValues {
  readonly connection?: string
  readonly url?: string
  readonly tenant?: string
  readonly clientId?: string
  readonly secretEnv?: string
  readonly secretStdin?: boolean
  readonly cert?: string
  readonly certPasswordEnv?: string
  readonly certAssertion?: 'ps256' | 'rs256'
  readonly federatedTokenFile?: string
  readonly federatedTokenEnv?: string
  readonly federatedTokenCommand?: string
  readonly federatedSubject?: string
  readonly caFile?: string
  readonly sample?: boolean
  readonly scenario?: string
}

/** The services of one `dvw` command, and the connection its flags name. */
export interface CliConnection {
  readonly services: Services
  readonly connection: Connection
  close(): Promise<void>
}

export interface CliConnectionOptions {
  /** A smaller sample for commands that never read its 50,000 contacts. */
  readonly sampleRows?: { readonly accounts: number; readonly contacts: number }
}

export function addConnectionFlags(command: Command): Command {
  return command
    .option(
      '--connection <name-or-id>',
      'a connection saved by the desktop app or imported with dvw connections import',
    )
    .option('--url <url>', 'the environment URL, e.g. https://contoso.crm4.dynamics.com')
    .option('--tenant <id>', 'the tenant ID or verified domain (default: discovered from the environment)')
    .option('--client-id <id>', 'the Application (client) ID of the app registration')
    .option('--secret-env <name>', 'read the client secret from the environment variable of this NAME')
    .option('--secret-stdin', 'read the client secret from standard input')
    .option('--cert <file>', 'sign in with this certificate (.pfx, or .pem with its private key)')
    .option('--cert-password-env <name>', "read the certificate's password from the environment variable of this NAME")
    .addOption(
      new Option(
        '--cert-assertion <alg>',
        'how the certificate signs: ps256 (x5t#S256, SHA-256 thumbprint; the default) or rs256 (x5t, SHA-1)',
      ).choices(['ps256', 'rs256']),
    )
    .option('--federated-token-file <file>', 'sign in with a federated credential: the OIDC token is in this file')
    .option('--federated-token-env <name>', 'sign in with a federated credential: the OIDC token is in this variable')
    .option(
      '--federated-token-command <command>',
      "sign in with a federated credential: the OIDC token is this command's output (a JWT, or GitHub's JSON)",
    )
    .option(
      '--federated-subject <subject>',
      "the Subject of the app's federated credential, to compare with the token's (e.g. repo:OWNER/REPO:environment:NAME)",
    )
    .option('--ca-file <file>', 'also trust this CA certificate (PEM), e.g. a TLS-inspection proxy')
    .option('--sample', 'use the built-in offline sample environment (the emulator, in process)')
    .addOption(
      new Option('--scenario <id>', 'with --sample: the emulator scenario app to sign in as').choices(SCENARIO_NAMES),
    )
}

const FEDERATED_FLAGS = ['federatedTokenFile', 'federatedTokenEnv', 'federatedTokenCommand'] as const

function checkCombinations(values: ConnectionFlagValues): void {
  const given = [
    values.secretEnv !== undefined,
    values.secretStdin === true,
    values.cert !== undefined,
    ...FEDERATED_FLAGS.map((flag) => values[flag] !== undefined),
  ].filter(Boolean).length
  if (given > 1)
    throw new UsageError(
      'give only one of --secret-env, --secret-stdin, --cert and --federated-token-file/-env/-command',
    )
  if (values.certAssertion !== undefined && values.cert === undefined)
    throw new UsageError('--cert-assertion goes with --cert')
  if (values.federatedSubject !== undefined && !FEDERATED_FLAGS.some((flag) => values[flag] !== undefined))
    throw new UsageError(
      '--federated-subject goes with --federated-token-file, --federated-token-env or --federated-token-command',
    )
  if (values.federatedTokenEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(values.federatedTokenEnv))
    throw new UsageError('--federated-token-env takes the NAME of an environment variable, not the token itself')
  if (values.certPasswordEnv !== undefined && values.cert === undefined && values.connection === undefined)
    throw new UsageError('--cert-password-env goes with --cert or --connection')
  if (values.scenario !== undefined && !values.sample) throw new UsageError('--scenario goes with --sample')
  if (values.connection !== undefined) {
    const clash = (['url', 'tenant', 'clientId', 'cert', 'sample', ...FEDERATED_FLAGS] as const).find(
      (flag) => values[flag] !== undefined,
    )
    if (clash)
      throw new UsageError(
        `--connection names a saved connection; give its secret with --secret-env or --secret-stdin, but not --${clash.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
      )
    return
  }
  if (!values.sample) {
    if (!values.url)
      throw new UsageError('give --connection NAME, --url (the environment URL), or --sample for the offline sample')
    if (!values.clientId) throw new UsageError('give --client-id (the Application (client) ID of the app registration)')
  }
}

export function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    throw new UsageError(`--ca-file ${path} cannot be read`)
  }
}

/** The certificate's password variable must be a variable name too, and is never repeated. */
function passwordOf(values: ConnectionFlagValues, io: CliIo): string | undefined {
  const name = values.certPasswordEnv
  if (name === undefined) return undefined
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new UsageError('--cert-password-env takes the NAME of an environment variable, not the password itself')
  return io.env[name] || undefined
}

function certificateCredential(loaded: LoadedCertificate, assertion?: CertificateAssertion): ClientCredential {
  return {
    kind: 'certificate',
    privateKeyPem: loaded.privateKeyPem,
    thumbprintSha256: loaded.thumbprintSha256,
    thumbprintSha1: loaded.thumbprintSha1,
    ...(assertion ? { assertion } : {}),
  }
}

/** --federated-token-*: where the pipeline's token is read, each time a token is requested. */
function federatedFromFlags(
  values: ConnectionFlagValues,
  io: CliIo,
): { auth: StoredAuth; credential: () => Promise<ClientCredential> } | null {
  const source: FederatedTokenSourceRef | null =
    values.federatedTokenFile !== undefined
      ? { tokenSource: 'file', tokenReference: values.federatedTokenFile }
      : values.federatedTokenEnv !== undefined
        ? { tokenSource: 'env', tokenReference: values.federatedTokenEnv }
        : values.federatedTokenCommand !== undefined
          ? { tokenSource: 'command', tokenReference: values.federatedTokenCommand }
          : null
  if (!source) return null
  if (!source.tokenReference.trim()) throw new UsageError('the --federated-token-* flag needs a value')
  const credential = federatedCredential(source, { env: io.env })
  return {
    auth: {
      kind: 'federated',
      ...source,
      ...(values.federatedSubject ? { expectedSubject: values.federatedSubject } : {}),
    },
    credential: async () => credential,
  }
}

/** --cert FILE: the facts of the file when it can be read now; otherwise the config step reports why on sign-in. */
function certificateFromFlags(
  path: string,
  password: string | undefined,
  assertion: CertificateAssertion | undefined,
): { auth: StoredAuth; credential: () => Promise<ClientCredential> } {
  const load = () => loadCertificate({ path, ...(password ? { password } : {}) })
  let facts: LoadedCertificate | null = null
  try {
    facts = load()
  } catch {
    // Read again (and the error reported) when the command signs in.
  }
  return {
    auth: {
      kind: 'certificate',
      certificatePath: path,
      format: facts?.format ?? (/\.(pfx|p12)$/i.test(path) ? 'pfx' : 'pem'),
      // Unknown while the file cannot be read; nothing signs in with these, they are only shown.
      thumbprintSha1: facts?.thumbprintSha1 ?? '',
      thumbprintSha256: facts?.thumbprintSha256 ?? '',
      sendX5c: false,
      ...(assertion ? { assertion } : {}),
      ...(facts ? { notAfter: facts.notAfter } : {}),
    },
    credential: async () => certificateCredential(facts ?? load(), assertion),
  }
}

export async function savedConnection(services: Services, wanted: string): Promise<Connection> {
  const views = await services.connections.list()
  const byId = views.find((view) => view.id === wanted)
  const byName = views.filter((view) => view.name.toLowerCase() === wanted.trim().toLowerCase())
  const chosen = byId ?? (byName.length === 1 ? byName[0] : undefined)
  if (byName.length > 1 && !byId) {
    throw new UsageError(
      `${byName.length} saved connections are called "${wanted}"; give one of their ids instead: ${byName.map((view) => view.id).join(', ')}`,
    )
  }
  if (!chosen) {
    const names = views.map((view) => view.name).join(', ')
    throw new UsageError(
      `there is no saved connection called "${wanted}"${names ? ` (saved: ${names}; dvw connections list shows their ids)` : ' (none are saved: import a file with dvw connections import)'}`,
    )
  }
  return services.connections.get(chosen.id)
}

async function fromFlags(
  values: ConnectionFlagValues,
  services: Services,
  io: CliIo,
): Promise<AdHocConnectionInput & { credential: () => Promise<ClientCredential> }> {
  const secret = await secretReader(values, io)
  const assertion = values.certAssertion ? (values.certAssertion.toUpperCase() as CertificateAssertion) : undefined
  const certificate =
    values.cert !== undefined ? certificateFromFlags(values.cert, passwordOf(values, io), assertion) : null
  const federated = federatedFromFlags(values, io)
  const explicit = secret
    ? async (): Promise<ClientCredential> => ({ kind: 'secret', secret: await secret() })
    : (certificate?.credential ?? federated?.credential ?? null)
  const explicitAuth: StoredAuth | null = certificate?.auth ?? federated?.auth ?? (secret ? { kind: 'secret' } : null)

  if (values.sample) {
    const definition = services.sample?.definition
    if (!definition) throw new UsageError('this build of dvw has no sample environment')
    const app = sampleApp(definition, values.scenario ?? null)
    await app.prepare()
    const {
      id: _id,
      createdAt: _created,
      updatedAt: _updated,
      lastTest: _lastTest,
      ...sample
    } = sampleConnection(definition, { scenario: app.scenario, lastTest: null })
    const url = values.url ? normalizedOrThrow(values.url) : null
    return {
      ...sample,
      name: 'dvw --sample',
      ...(url ? { orgUrl: url.orgUrl, apiVersion: url.apiVersion } : {}),
      tenantId: values.tenant ?? sample.tenantId,
      clientId: values.clientId ?? sample.clientId,
      auth: explicitAuth ?? sample.auth,
      credential: explicit ?? (() => app.credential()),
    }
  }

  if (!explicit || !explicitAuth)
    throw new UsageError(
      'give the credential: --secret-env NAME, --secret-stdin, --cert FILE or --federated-token-file/-env/-command',
    )
  const url = normalizedOrThrow(values.url ?? '')
  const cloud = url.cloud ?? 'commercial'
  return {
    name: 'dvw',
    orgUrl: url.orgUrl,
    apiVersion: url.apiVersion,
    cloud,
    // Empty until the environment's 401 challenge names it, unless the tenant and the URL's cloud say it.
    authorityHost: values.tenant && url.authorityHost ? url.authorityHost : '',
    tenantId: values.tenant ?? '',
    clientId: values.clientId ?? '',
    auth: explicitAuth,
    environment: 'dev',
    colour: '#0f7b0f',
    // The CLI only reads.
    readOnly: true,
    // A URL of no known cloud (an emulator on loopback) was typed on purpose; any known cloud's URL signs in at its Entra ID host only.
    customSignInHost: url.cloud === null,
    notes: '',
    builtIn: null,
    scenario: null,
    credential: explicit,
  }
}

function normalizedOrThrow(raw: string) {
  const normalized = normalizeUrl(raw)
  if (!normalized.ok) throw new UsageError(`--url: ${normalized.problem.message}`)
  return normalized.value
}

/**
 * Builds the app's services over the CLI host and registers what the flags describe: a saved
 * connection (with a credential for this process only) or an ad-hoc one. Close it when done.
 */
export async function openCliConnection(
  values: ConnectionFlagValues,
  io: CliIo,
  options: CliConnectionOptions = {},
): Promise<CliConnection> {
  checkCombinations(values)
  const caPem = values.caFile ? [readCa(values.caFile)] : []
  const host = createCliHost(io, { caPem })
  const services = createServices(host, {
    sample: createSampleEnvironment(options.sampleRows ? { rows: options.sampleRows } : {}),
  })
  try {
    if (values.connection !== undefined) {
      const connection = await savedConnection(services, values.connection)
      const secret = await secretReader(values, io)
      if (secret)
        services.connections.provideCredential(connection.id, async () => ({ kind: 'secret', secret: await secret() }))
      const password = passwordOf(values, io)
      if (password && connection.auth.kind === 'certificate') {
        const auth = connection.auth
        services.connections.provideCredential(connection.id, async () =>
          certificateCredential(
            loadCertificate({ path: auth.certificatePath, keyPath: auth.keyPath, format: auth.format, password }),
            auth.assertion,
          ),
        )
      }
      return { services, connection, close: () => host.close() }
    }
    const { credential, ...input } = await fromFlags(values, services, io)
    const connection = services.connections.registerAdHoc(input, credential)
    return { services, connection, close: () => host.close() }
  } catch (error) {
    await host.close()
    throw error
  }
}
