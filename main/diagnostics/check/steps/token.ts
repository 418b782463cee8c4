/**
 * `token` and `token-claims`: a fresh token from MSAL (the cache is skipped: a cached token would
 * hide an expired secret), then its claims compared with the connection — audience, tenant, app,
 * credential kind, expiry — and this computer's clock compared with the server's Date header.
 */
import { z } from 'zod'
import type { CatalogId, Diagnosis, Fact } from '@common/diagnostics'
import { AppFailure } from '@common/result'
import { decodeJwt } from '../../../auth/jwt'
import { diagnose } from '../../catalog'
import type { FailureFacts } from '../../failure-facts'
import type { StepOutcome } from '../../pipeline'
import { inspectDecoded, RECORDED_CREDENTIAL_LABEL, recordedCredential } from '../../token-inspector'
import type { CheckKit, CheckStep } from '../context'
import { federatedFailureLines } from '../federated'
import { evidenceOf, explainFailure, failedStep, redactExcerpt, stepDiagnoses } from '../failure'
import { withSecretRenewalPath } from '../secret-renewal'

/** Entra ID and Dataverse tolerate about five minutes; a minute already shows up as odd token times. */
const SKEW_FAIL_SECONDS = 300
const SKEW_WARN_SECONDS = 60

/**
 * MSAL reports a failed metadata request as endpoints_resolution_error and drops the AADSTS
 * answer (an unknown tenant is the usual one). Asking the metadata endpoint ourselves recovers it.
 */
/**
 * Entra ID's answer to the tenant's metadata document when MSAL could not resolve its endpoints:
 * the token endpoint's error body (`error`, `error_codes`, `error_description`) as facts, or null
 * when the document loads or the answer is not such a body.
 */
async function probeMetadata(
  kit: CheckKit,
  signal: AbortSignal,
): Promise<{ body: string; facts: FailureFacts } | null> {
  const url = `https://${kit.state.authorityHost}/${encodeURIComponent(kit.state.tenantId)}/v2.0/.well-known/openid-configuration`
  try {
    const response = await kit.transport('token')(new Request(url, { method: 'GET', signal }))
    const body = await response.text()
    if (response.ok) return null
    const parsed = EntraErrorBodySchema.safeParse(JSON.parse(body))
    if (!parsed.success) return null
    const { error, error_codes: codes, error_description: description } = parsed.data
    return {
      body,
      facts: {
        ...(codes?.[0] !== undefined ? { aadsts: String(codes[0]) } : {}),
        ...(error ? { authErrorCode: error } : {}),
        ...(description ? { serverMessage: description } : {}),
      },
    }
  } catch {
    return null
  }
}

const EntraErrorBodySchema = z.object({
  error: z.string().optional(),
  error_codes: z.array(z.number().int()).optional(),
  error_description: z.string().optional(),
})

function aadstsOf(error: unknown): number | null {
  const code = error instanceof AppFailure ? error.details?.aadsts : undefined
  return code ? Number(code) : null
}

export function tokenStep(kit: CheckKit): CheckStep {
  return {
    id: 'token',
    async run({ signal }): Promise<StepOutcome> {
      const { state, input } = kit
      const entries = () => kit.timeline('token').entries()
      const credential = state.credential
      if (!credential || !state.authorityHost)
        return { status: 'skip', summary: 'Skipped: no credential or sign-in host to use.' }
      const started = kit.now()
      try {
        state.token = await kit.env.tokens.getToken(
          {
            authorityHost: state.authorityHost,
            cloud: state.cloud,
            customSignInHost: state.customSignInHost,
            tenantId: state.tenantId,
            clientId: input.clientId.trim(),
            resource: state.orgUrl,
            credential,
            transport: kit.transport('token'),
          },
          { signal, forceRefresh: true },
        )
      } catch (error) {
        let report = explainFailure(error, state.cloud)
        const code = error instanceof AppFailure ? error.details?.errorCode : undefined
        if (code === 'endpoints_resolution_error') {
          const probed = await probeMetadata(kit, signal)
          const diagnoses = probed ? stepDiagnoses(probed.facts, state.cloud) : []
          if (probed && diagnoses.length)
            report = {
              ...report,
              diagnoses,
              summary: `Entra ID refused the sign-in metadata request: ${diagnoses[0]?.title ?? ''}.`,
              excerpt: redactExcerpt(probed.body),
            }
        }
        const lines = state.federatedToken
          ? federatedFailureLines(state.federatedToken, input.federatedExpectedSubject, aadstsOf(error))
          : null
        if (lines) report = { ...report, excerpt: [report.excerpt, '', ...lines].join('\n') }
        return failedStep(withSecretRenewalPath(report, input.credentialKind, state.cloud), entries())
      }
      const minutes = Math.round((state.token.expiresOn.getTime() - kit.now()) / 60_000)
      return {
        status: 'pass',
        summary: `Entra ID issued a token for ${state.orgUrl} (${kit.now() - started} ms, valid for about ${minutes} min).`,
        facts: [
          { label: 'Scope', value: `${state.orgUrl}/.default`, sensitive: true },
          { label: 'Authority', value: `https://${state.authorityHost}/${state.tenantId}`, sensitive: true },
          { label: 'Expires', value: state.token.expiresOn.toISOString(), volatile: true },
        ],
        evidence: evidenceOf(
          entries(),
          undefined,
          'Token received (its value stays in the main process and is never shown).',
        ),
      }
    },
  }
}

const CREDENTIAL_WORDS = { secret: 'secret', certificate: 'certificate', federated: 'federated credential' } as const

const CLAIM_FACTS = ['aud', 'tid', 'appid', 'azp', 'appidacr', 'azpacr', 'idtyp', 'ver', 'exp'] as const
const SENSITIVE_CLAIMS = new Set(['aud', 'tid', 'appid', 'azp'])

export function tokenClaimsStep(kit: CheckKit): CheckStep {
  return {
    id: 'token-claims',
    async run(): Promise<StepOutcome> {
      const { state, input } = kit
      if (!state.token) return { status: 'skip', summary: 'Skipped: no token.' }
      const now = kit.now()
      const inspection = inspectDecoded(
        decodeJwt(state.token.accessToken),
        {
          environmentUrl: state.orgUrl,
          tenantId: state.tenantId,
          clientId: input.clientId.trim(),
          credentialKind: input.credentialKind,
        },
        now,
      )
      const facts: Fact[] = inspection.claims
        .filter((claim) => (CLAIM_FACTS as readonly string[]).includes(claim.name))
        .map((claim) => ({
          label: claim.name,
          value: claim.value,
          ...(SENSITIVE_CLAIMS.has(claim.name) ? { sensitive: true } : {}),
          ...(claim.name === 'exp' ? { volatile: true } : {}),
        }))
      const acr = inspection.claims.find((claim) => claim.name === 'appidacr' || claim.name === 'azpacr')
      const recorded = recordedCredential(acr?.value)
      if (acr)
        facts.push({
          label: RECORDED_CREDENTIAL_LABEL,
          value: recorded
            ? `${recorded} (${acr.name} "${acr.value}")`
            : `${acr.name} "${acr.value}" (not a documented value)`,
        })
      const diagnoses: Diagnosis[] = []
      const notes: string[] = []
      let warn = false
      for (const finding of inspection.findings) {
        if (finding.severity === 'info') continue
        notes.push(finding.message)
        if (finding.severity === 'warning') warn = true
        const id = finding.id as CatalogId | 'token-v2-format'
        if (id === 'token-v2-format') continue
        diagnoses.push(
          diagnose(id, {
            confidence: finding.severity === 'error' ? 'high' : 'medium',
            cloud: state.cloud,
            matched: finding.message,
          }),
        )
      }
      if (state.serverClock) {
        const offset = (state.serverClock.local - state.serverClock.server) / 1000
        facts.push({
          label: 'Clock difference with the server',
          value: `${offset >= 0 ? '+' : ''}${offset.toFixed(1)} s`,
          volatile: true,
        })
        if (Math.abs(offset) > SKEW_WARN_SECONDS) {
          notes.push(
            `This computer's clock is ${Math.abs(offset).toFixed(0)} s ${offset > 0 ? 'ahead of' : 'behind'} the server (Date header).`,
          )
          const severe = Math.abs(offset) > SKEW_FAIL_SECONDS
          if (severe)
            diagnoses.push(
              diagnose('clock-skew', {
                confidence: 'high',
                cloud: state.cloud,
                matched: `server Date differs by ${offset.toFixed(0)} s`,
              }),
            )
          else warn = true
        }
      } else {
        facts.push({ label: 'Clock difference with the server', value: 'not measured: the server sent no Date header' })
      }
      const errors = inspection.findings.filter((finding) => finding.severity === 'error')
      const excerpt = notes.join('\n')
      if (errors.length || diagnoses.some((d) => d.id === 'clock-skew')) {
        return {
          status: 'fail',
          summary: `The token does not fit the connection: ${notes[0] ?? ''}`,
          facts,
          diagnoses,
          evidence: { excerpt, requestIds: [] },
        }
      }
      if (warn)
        return {
          status: 'warn',
          summary: notes[0] ?? 'The token has a minor issue.',
          facts,
          diagnoses,
          evidence: { excerpt, requestIds: [] },
        }
      return {
        status: 'pass',
        summary: `An application token (v${inspection.version}) for this environment, tenant and app, signed with a ${CREDENTIAL_WORDS[input.credentialKind]}.`,
        facts,
      }
    },
  }
}
