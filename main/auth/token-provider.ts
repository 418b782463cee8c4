/**
 * Access tokens for Dataverse with the client-credentials grant, through MSAL Node.
 *
 * One ConfidentialClientApplication per (authority, client id, credential fingerprint), kept with
 * MSAL's own in-memory token cache, so 100 queries cost one token request. All MSAL traffic goes
 * through the calling connection's transport (see msal-network.ts).
 *
 * knownAuthorities is always the connection's authority host. For the emulator or a custom host
 * that stops MSAL calling login.microsoftonline.com for instance discovery; for the real clouds it
 * keeps every sign-in request on the cloud's own host (MSAL's instance discovery would otherwise
 * call the commercial host even for login.microsoftonline.us), which the host allow-list requires.
 * The authority URL itself stays the normal one: https://<authority host>/<tenant>.
 *
 * Before anything else, the authority host must be Entra ID for the target's cloud unless the user
 * chose a custom host (sign-in-host.ts): the secret travels to that host.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node'
import type { Cloud } from '@common/clouds'
import type { CertificateAssertion } from '@common/connection'
import { AppFailure } from '@common/result'
import type { Transport } from '../http/types'
import { tokenCallContext, transportNetworkClient, type TokenCallContext } from './msal-network'
import { assertSignInHost } from './sign-in-host'

export type ClientCredential =
  | { readonly kind: 'secret'; readonly secret: string }
  | {
      readonly kind: 'certificate'
      /** PKCS#8 PEM. */
      readonly privateKeyPem: string
      readonly thumbprintSha256: string
      /**
       * PS256 with the SHA-256 thumbprint (`x5t#S256`, what Microsoft now recommends and the default),
       * or RS256 with the SHA-1 thumbprint (`x5t`), which MSAL sends when given only the SHA-1 one.
       */
      readonly assertion?: CertificateAssertion
      /** Needed for the RS256 + x5t assertion. */
      readonly thumbprintSha1?: string
      /** PEM chain to send as x5c; omit to not send it. */
      readonly x5c?: string
    }
  | {
      readonly kind: 'federated'
      /** Reads the external (OIDC) token; MSAL calls it on every token request, as these tokens live minutes. */
      readonly assertion: () => Promise<string>
      /** Where the token comes from (source and reference), for the client cache key; never the token. */
      readonly sourceId: string
      /** The source in words ("the file /run/token"), for facts and messages. */
      readonly source: string
    }

export interface TokenTarget {
  /** host[:port] of the Entra ID authority. */
  readonly authorityHost: string
  /** The connection's cloud: the authority host must be its Entra ID host unless customSignInHost. */
  readonly cloud: Cloud
  /** The user's explicit choice of a host that is not Entra ID (an emulator); never set by an import. */
  readonly customSignInHost: boolean
  readonly tenantId: string
  readonly clientId: string
  /** The org URL (no trailing slash); the scope asked for is `<resource>/.default`. */
  readonly resource: string
  readonly credential: ClientCredential
  /** The connection's transport: its allow-list must include the authority host. */
  readonly transport: Transport
}

export interface AccessToken {
  /** The raw bearer token. Main process only: never sent over IPC, logged or stored. */
  readonly accessToken: string
  readonly expiresOn: Date
  readonly fromCache: boolean
}

export interface GetTokenOptions {
  readonly signal?: AbortSignal
  /** Skip MSAL's cache (e.g. after Dataverse answered 401 to a cached token). */
  readonly forceRefresh?: boolean
}

export interface TokenProvider {
  getToken(target: TokenTarget, options?: GetTokenOptions): Promise<AccessToken>
  /** Drops the MSAL client (and its cached tokens) for this target's authority, client id and credential. */
  drop(target: Pick<TokenTarget, 'authorityHost' | 'tenantId' | 'clientId' | 'credential'>): boolean
  /** How many MSAL clients are cached (for tests and diagnostics). */
  readonly size: number
}

function authorityUrl(target: Pick<TokenTarget, 'authorityHost' | 'tenantId'>): string {
  return `https://${target.authorityHost.toLowerCase()}/${target.tenantId.trim()}`
}

function firstMatch(text: string, pattern: RegExp): string | null {
  return text.match(pattern)?.[1] ?? null
}

/** MSAL's error, wrapped with the facts diagnostics needs and kept whole as `cause`. */
export function authFailure(
  error: unknown,
  target: Pick<TokenTarget, 'authorityHost' | 'tenantId' | 'clientId'>,
): AppFailure {
  const e = (error ?? {}) as {
    errorCode?: unknown
    errorMessage?: unknown
    errorNo?: unknown
    status?: unknown
    subError?: unknown
    correlationId?: unknown
    message?: unknown
    name?: unknown
  }
  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : null
  const errorMessage =
    typeof e.errorMessage === 'string' ? e.errorMessage : typeof e.message === 'string' ? e.message : ''
  const aadsts =
    (typeof e.errorNo === 'number' || typeof e.errorNo === 'string' ? String(e.errorNo) : null) ??
    firstMatch(errorMessage, /AADSTS(\d+)/)
  const description = firstMatch(errorMessage, /(AADSTS\d+:[^\r\n]*?)(?:\s+Trace ID:|\s+-\s+Correlation ID:|$)/)
  const host = target.authorityHost
  return new AppFailure(
    {
      code: 'AUTH_FAILED',
      message: aadsts
        ? `Entra ID refused the token request (AADSTS${aadsts}).`
        : `Getting a token from ${host} failed${errorCode ? ` (${errorCode})` : ''}.`,
      cause:
        description ?? (errorMessage ? errorMessage.slice(0, 400) : 'MSAL reported an error without a description.'),
      next: 'Run the connection check: it tests each step (tenant, app, credential, application user) and says which one to fix.',
      details: {
        errorName: typeof e.name === 'string' ? e.name : null,
        errorCode,
        aadsts,
        status: typeof e.status === 'number' ? e.status : null,
        subError: typeof e.subError === 'string' && e.subError ? e.subError : null,
        correlationId:
          firstMatch(errorMessage, /Correlation ID:\s*([0-9a-f-]{36})/i) ??
          (typeof e.correlationId === 'string' ? e.correlationId : null),
        traceId: firstMatch(errorMessage, /Trace ID:\s*([0-9a-f-]{36})/i),
        errorMessage: errorMessage.slice(0, 2000),
        authorityHost: host,
        tenantId: target.tenantId,
        clientId: target.clientId,
      },
    },
    { cause: error },
  )
}

/**
 * MSAL's own rule for serving a cached client-credentials token (ClientCredentialClient): until
 * 5 minutes (tokenRenewalOffsetSeconds) before it expires, and not past its refresh_in time.
 */
const RENEWAL_OFFSET_MS = 300_000

interface Issued {
  readonly token: AccessToken
  /** Epoch ms until which MSAL would hand back this same token from its cache. */
  readonly until: number
}

/** MSAL's credential options for a secret or a certificate (PS256 + x5t#S256, or RS256 + x5t). */
function credentialConfig(
  credential: Exclude<ClientCredential, { kind: 'federated' }>,
): Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate'> {
  if (credential.kind === 'secret') return { clientSecret: credential.secret }
  const x5c = credential.x5c ? { x5c: credential.x5c } : {}
  if (credential.assertion === 'RS256') {
    if (!credential.thumbprintSha1)
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: 'The RS256 certificate assertion needs the SHA-1 thumbprint.',
        cause: 'MSAL signs RS256 with the x5t (SHA-1) header, and the thumbprint was not loaded.',
        next: 'Choose the certificate file again.',
      })
    return {
      clientCertificate: { thumbprint: credential.thumbprintSha1, privateKey: credential.privateKeyPem, ...x5c },
    }
  }
  return {
    clientCertificate: { thumbprintSha256: credential.thumbprintSha256, privateKey: credential.privateKeyPem, ...x5c },
  }
}

export function createTokenProvider(): TokenProvider {
  const clients = new Map<string, ConfidentialClientApplication>()
  /*
   * The last token per MSAL client and scope, served while MSAL itself would serve it from its
   * cache. A cache hit inside MSAL still costs a correlation id, an authority and cache-key walk
   * and a result object (about 0.2 ms, near 1 ms between large pages); every query asks for a
   * token. Anything MSAL would decide differently (expiry, refresh_in, forceRefresh, a dropped
   * client) goes to MSAL.
   */
  const issued = new Map<string, Map<string, Issued>>()
  // Credential fingerprints are keyed with a per-process random key, so the map never holds
  // anything from which a secret could be guessed offline.
  const fingerprintKey = randomBytes(32)

  const fingerprint = (credential: ClientCredential): string => {
    const material =
      credential.kind === 'secret'
        ? `secret\0${credential.secret}`
        : credential.kind === 'federated'
          ? `federated\0${credential.sourceId}`
          : `certificate\0${credential.thumbprintSha256}\0${credential.assertion ?? 'PS256'}\0${credential.privateKeyPem}\0${credential.x5c ?? ''}`
    return createHmac('sha256', fingerprintKey).update(material).digest('hex')
  }

  const keyOf = (target: Pick<TokenTarget, 'authorityHost' | 'tenantId' | 'clientId' | 'credential'>): string =>
    `${authorityUrl(target).toLowerCase()}|${target.clientId.toLowerCase()}|${fingerprint(target.credential)}`

  /*
   * A federated client's assertion callback reads through the latest credential given for its key,
   * so a reader handed in later (the same source, read another way) is the one MSAL calls.
   */
  const assertionReaders = new Map<string, () => Promise<string>>()

  const create = (target: TokenTarget, key: string): ConfidentialClientApplication => {
    const credential = target.credential
    const auth: Configuration['auth'] = {
      clientId: target.clientId,
      authority: authorityUrl(target),
      knownAuthorities: [target.authorityHost.toLowerCase()],
      ...(credential.kind === 'federated'
        ? { clientAssertion: () => (assertionReaders.get(key) ?? credential.assertion)() }
        : credentialConfig(credential)),
    }
    return new ConfidentialClientApplication({
      auth,
      system: {
        networkClient: transportNetworkClient,
        loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => undefined },
      },
    })
  }

  return {
    get size() {
      return clients.size
    },

    drop(target) {
      const key = keyOf(target)
      issued.delete(key)
      assertionReaders.delete(key)
      return clients.delete(key)
    },

    async getToken(target, options = {}) {
      const signal = options.signal ?? new AbortController().signal
      signal.throwIfAborted()
      assertSignInHost(target)
      const key = keyOf(target)
      const scope = `${target.resource.replace(/\/+$/, '')}/.default`
      if (!options.forceRefresh) {
        const known = issued.get(key)?.get(scope)
        if (known && Date.now() < known.until) return known.token
      }
      if (target.credential.kind === 'federated') assertionReaders.set(key, target.credential.assertion)
      let client = clients.get(key)
      if (!client) {
        client = create(target, key)
        clients.set(key, client)
      }
      const context: TokenCallContext = { transport: target.transport, signal, failures: [], requests: [] }
      let result
      try {
        result = await tokenCallContext.run(context, () =>
          client.acquireTokenByClientCredential({
            scopes: [scope],
            skipCache: options.forceRefresh ?? false,
          }),
        )
      } catch (error) {
        // A transport failure (TLS, DNS, allow-list, cancel) is the real story; MSAL reports it as a
        // generic network or endpoint-resolution error, so the transport's own failure is thrown.
        const transportFailure = context.failures[0]
        if (transportFailure) throw transportFailure
        // The federated token could not be read: its own failure says which source and what to do.
        if (error instanceof AppFailure) throw error
        throw authFailure(error, target)
      }
      if (!result?.accessToken) {
        throw authFailure(new Error('MSAL returned no token and no error.'), target)
      }
      const expiresOn = result.expiresOn ?? new Date(Date.now() + 3_600_000)
      // Without MSAL's expiry there is nothing to hold the token to: MSAL is asked every time.
      if (result.expiresOn) {
        const until = Math.min(
          expiresOn.getTime() - RENEWAL_OFFSET_MS,
          result.refreshOn?.getTime() ?? Number.POSITIVE_INFINITY,
        )
        let scopes = issued.get(key)
        if (!scopes) {
          scopes = new Map()
          issued.set(key, scopes)
        }
        scopes.set(scope, { token: { accessToken: result.accessToken, expiresOn, fromCache: true }, until })
      }
      return { accessToken: result.accessToken, expiresOn, fromCache: result.fromCache }
    },
  }
}
