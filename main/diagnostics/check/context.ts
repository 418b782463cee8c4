/**
 * What a preflight check runs against and the state its steps hand to each other. A check is built
 * from a CheckInput (what the user configured, as typed) and a CheckEnvironment (how requests go
 * out), so the same steps serve a saved connection, the offline sample and `dvw check --url …`.
 */
import type { Cloud } from '@common/clouds'
import type { StepId } from '@common/diagnostics'
import type { AccessToken, ClientCredential, TokenProvider } from '../../auth/token-provider'
import { createDataverseClient, type DataverseClient } from '../../dataverse/client'
import { Timeline } from '../../http/timeline'
import { createTransport } from '../../http/transport'
import type { DataverseResponseObserver, FetchLike, Transport } from '../../http/types'
import type { PipelineStep } from '../pipeline'
import type { PresentedFederatedToken } from './federated'
import { retryingUnavailableReads } from './transient'

/** A step's work; which steps it waits for is common/check-steps.ts's to say, so it is not declared twice. */
export type CheckStep = Omit<PipelineStep, 'dependsOn'>

export const DEFAULT_PROBE_TABLES = ['account', 'contact'] as const

export interface CheckInput {
  /** As typed or stored; the config step normalises it. */
  readonly url: string
  /** A GUID or verified domain; empty to take the environment's tenant from discovery. */
  readonly tenantId: string
  readonly clientId: string
  /** The cloud's Entra host (host[:port]); null when unknown (taken from discovery). */
  readonly authorityHost: string | null
  readonly cloud?: Cloud
  /**
   * A saved connection's custom sign-in host choice. Not given (typed `dvw check` flags): allowed
   * only when neither the input nor the URL names a cloud to hold the sign-in host to.
   */
  readonly customSignInHost?: boolean
  readonly apiVersion?: string
  readonly credentialKind: 'secret' | 'certificate' | 'federated'
  /** The expiry noted for the secret (a date) or the certificate's NotAfter, when known. */
  readonly credentialExpiresOn?: string
  /** A federated credential's Subject as the app registration has it, to compare with the presented token's. */
  readonly federatedExpectedSubject?: string
  /** Resolves the credential in main; throws an AppFailure when none is available. */
  readonly credential: () => Promise<ClientCredential>
  /** Logical names read with $top=1 by the privileges step. */
  readonly probeTables?: readonly string[]
  readonly connectionId?: string
}

export interface CheckEnvironment {
  /** The base fetch requests go out through (Node, Electron net.fetch, or the in-process emulator). */
  readonly base: FetchLike
  readonly tokens: TokenProvider
  /** The in-process emulator: there is no DNS or TLS to test. */
  readonly offline: boolean
  /** Extra trusted CA certificates (PEM) for the TLS handshake, as given to the base fetch. */
  readonly trustedCa?: readonly string[]
  /** The proxy requests use, when known: a direct DNS lookup or handshake would then not show what the app sees. */
  readonly proxy?: string | null
  /** The app's request list: each request of the check is listed there too (the Requests tab). */
  readonly requestList?: Timeline
  /** Sees each Dataverse response (the connection's service-protection budget is read from them). */
  readonly observe?: DataverseResponseObserver
  /** Per request; a check should not hang for the transport's default two minutes. */
  readonly requestTimeoutMs?: number
  readonly now?: () => number
}

/** Written by a step, read by the steps that depend on it (the pipeline orders them). */
interface CheckState {
  orgUrl: string
  apiVersion: string
  tenantId: string
  authorityHost: string | null
  cloud: Cloud
  /** Set by the config step: whether the token step may use a host that is not Entra ID for the cloud. */
  customSignInHost: boolean
  credential: ClientCredential | null
  /** What the federated token presented (decoded by the config step; the token itself is not kept). */
  federatedToken: PresentedFederatedToken | null
  /** The server's Date header and the local time it arrived, for the clock-skew check. */
  serverClock: { readonly server: number; readonly local: number } | null
  token: AccessToken | null
  userId: string | null
  whoAmIHeaders: Readonly<Record<string, string>>
}

export interface CheckKit {
  readonly input: CheckInput
  readonly env: CheckEnvironment
  readonly state: CheckState
  /**
   * A transport for one step, recording into that step's own timeline so requests can be attributed;
   * a read answered 503 is sent once more (transient.ts).
   */
  transport(stepId: StepId): Transport
  timeline(stepId: StepId): Timeline
  /** A Web API client for one step, using the token the token step acquired. */
  client(stepId: StepId): DataverseClient
  /** How many of the step's reads were asked again after a 503. */
  retries(stepId: StepId): number
  now(): number
}

function hostOf(url: string): string {
  return new URL(url).host.toLowerCase()
}

export function createKit(input: CheckInput, env: CheckEnvironment): CheckKit {
  const retries = new Map<StepId, number>()
  const timelines = new Map<StepId, Timeline>()
  const timeline = (stepId: StepId): Timeline => {
    let found = timelines.get(stepId)
    if (!found) {
      found = new Timeline()
      if (env.requestList) found.forwardTo(env.requestList)
      timelines.set(stepId, found)
    }
    return found
  }
  const state: CheckState = {
    orgUrl: '',
    apiVersion: input.apiVersion ?? '9.2',
    tenantId: input.tenantId.trim(),
    authorityHost: input.authorityHost?.toLowerCase() ?? null,
    cloud: input.cloud ?? 'commercial',
    customSignInHost: input.customSignInHost ?? false,
    credential: null,
    federatedToken: null,
    serverClock: null,
    token: null,
    userId: null,
    whoAmIHeaders: {},
  }
  const noteRetry = (stepId: StepId) => retries.set(stepId, (retries.get(stepId) ?? 0) + 1)
  const transport = (stepId: StepId): Transport => {
    const direct = createTransport(env.base, {
      connectionId: input.connectionId ?? null,
      orgHost: hostOf(state.orgUrl),
      authorityHost: state.authorityHost,
      // A check only reads and signs in; the guard makes that a guarantee, not a habit.
      readOnly: true,
      timeline: timeline(stepId),
      totalTimeoutMs: env.requestTimeoutMs ?? 30_000,
      // A 429 is a finding to report with its Retry-After, not something to sit out.
      throttle: { maxRetries: 0 },
      ...(env.observe ? { observe: env.observe } : {}),
    })
    return retryingUnavailableReads(direct, () => noteRetry(stepId))
  }
  return {
    input,
    env,
    state,
    timeline,
    transport,
    client: (stepId) =>
      createDataverseClient({
        connection: { orgUrl: state.orgUrl, apiVersion: state.apiVersion },
        transport: transport(stepId),
        tokens: async () => {
          if (!state.token) throw new Error('the token step has not produced a token')
          return state.token
        },
      }),
    retries: (stepId) => retries.get(stepId) ?? 0,
    now: env.now ?? Date.now,
  }
}
