/**
 * `config`: everything that can be judged without the network. The URL is normalised (a path or
 * a deep link is cut back to the environment root, with a warning), the tenant and client id
 * formats are checked, and the credential is loaded. A secret shaped like a GUID is almost always
 * the secret's *ID* pasted instead of its value, and is caught here before Entra ID sees it.
 */
import { signInHostOf } from '@common/clouds'
import { isGuid, TenantIdSchema } from '@common/connection'
import { credentialExpiry, describeExpiry, type CredentialExpiry } from '@common/credential-expiry'
import type { CatalogId, Diagnosis, Fact } from '@common/diagnostics'
import { redactExcerpt } from '../failure'
import { AppFailure } from '@common/result'
import { normalizeUrl } from '../../../connections/url'
import { diagnose } from '../../catalog'
import type { StepOutcome } from '../../pipeline'
import type { CheckInput, CheckKit, CheckStep } from '../context'
import { federatedFindings, presentedToken } from '../federated'

const PATH_WARNINGS = new Set(['path-removed', 'soap-endpoint', 'url-encoded', 'api-host'])

function expiryDiagnosis(kind: CheckInput['credentialKind'], state: CredentialExpiry['state']): CatalogId {
  if (state === 'soon') return 'credential-expiring'
  return kind === 'secret' ? 'secret-expired' : 'certificate-expired'
}

function fail(summary: string, diagnoses: Diagnosis[], facts: Fact[] = []): StepOutcome {
  return { status: 'fail', summary, diagnoses, facts, evidence: { excerpt: '', requestIds: [] } }
}

export function configStep(kit: CheckKit): CheckStep {
  return {
    id: 'config',
    async run() {
      const { input, state } = kit
      const cloud = state.cloud
      const normalized = normalizeUrl(input.url)
      if (!normalized.ok) {
        const { problem } = normalized
        const id = problem.id === 'unsupported-scheme' ? 'url-not-https' : 'url-not-dataverse'
        return fail(`The environment URL cannot be used: ${problem.message}`, [
          diagnose(id, { confidence: 'high', cloud, matched: problem.message }),
        ])
      }
      const url = normalized.value
      state.orgUrl = url.orgUrl
      state.apiVersion = input.apiVersion ?? url.apiVersion
      if (input.cloud === undefined && url.cloud) state.cloud = url.cloud
      state.customSignInHost = input.customSignInHost ?? (input.cloud === undefined && !url.cloud)
      state.authorityHost ??= url.cloud ? signInHostOf(url.cloud) : null

      const facts: Fact[] = [
        { label: 'Environment', value: url.orgUrl, sensitive: true },
        { label: 'Web API', value: url.webApiUrl, sensitive: true },
        { label: 'Cloud', value: url.cloud ?? `${state.cloud} (host not recognised; taken from the connection)` },
        { label: 'Tenant', value: state.tenantId || '(not set: taken from the environment)', sensitive: true },
        { label: 'Client ID', value: input.clientId, sensitive: true },
        { label: 'Sign-in host', value: state.authorityHost ?? '(taken from the environment)' },
      ]
      if (url.region) facts.push({ label: 'Region', value: `${url.region.name} (${url.region.crm})` })
      const problems: Diagnosis[] = []
      if (state.tenantId) {
        const tenant = TenantIdSchema.safeParse(state.tenantId)
        if (!tenant.success) {
          const common = ['common', 'organizations', 'consumers'].includes(state.tenantId.toLowerCase())
          problems.push(
            diagnose(common ? 'tenant-missing' : 'tenant-id-malformed', {
              confidence: 'high',
              cloud,
              matched: `tenant "${state.tenantId}"`,
            }),
          )
        }
      }
      if (!isGuid(input.clientId.trim()))
        problems.push(
          diagnose('client-id-malformed', { confidence: 'high', cloud, matched: `client ID "${input.clientId}"` }),
        )

      let credentialFact: Fact
      const federatedFacts: Fact[] = []
      const federatedWarnings: ReturnType<typeof federatedFindings>['warnings'] = []
      try {
        const credential = await input.credential()
        state.credential = credential
        if (credential.kind === 'secret') {
          const secret = credential.secret.trim()
          if (!secret) {
            problems.push(
              diagnose('secret-missing', { confidence: 'high', cloud, matched: 'the client secret is empty' }),
            )
          } else if (isGuid(secret)) {
            problems.push(
              diagnose('secret-looks-like-id', {
                confidence: 'high',
                cloud,
                matched: 'the client secret is shaped like a GUID (a Secret ID)',
              }),
            )
          }
          credentialFact = { label: 'Credential', value: `client secret (${secret.length} characters)` }
        } else if (credential.kind === 'federated') {
          const token = presentedToken(await credential.assertion())
          state.federatedToken = token
          const found = federatedFindings(token, input.federatedExpectedSubject, kit.now(), cloud)
          federatedFacts.push(...found.facts)
          federatedWarnings.push(...found.warnings)
          credentialFact = {
            label: 'Credential',
            value: `federated credential, token read from ${credential.source} (the token is never shown)`,
          }
        } else {
          credentialFact = {
            label: 'Credential',
            value:
              credential.assertion === 'RS256'
                ? `certificate, RS256 assertion with x5t (SHA-1 thumbprint ${credential.thumbprintSha1 ?? '?'})${credential.x5c ? ', sends x5c' : ''}`
                : `certificate, PS256 assertion with x5t#S256 (SHA-256 thumbprint ${credential.thumbprintSha256})${credential.x5c ? ', sends x5c' : ''}`,
          }
        }
      } catch (error) {
        const message =
          error instanceof AppFailure
            ? `${error.message} ${error.explanation}`
            : error instanceof Error
              ? error.message
              : String(error)
        problems.push(
          diagnose(input.credentialKind === 'federated' ? 'federated-token-unavailable' : 'secret-missing', {
            confidence: error instanceof AppFailure && error.code === 'SECRET_UNAVAILABLE' ? 'high' : 'medium',
            cloud,
            matched: redactExcerpt(message),
          }),
        )
        credentialFact = {
          label: 'Credential',
          value: `${input.credentialKind}: not available (${error instanceof AppFailure ? error.message : 'could not be loaded'})`,
        }
      }
      facts.push(credentialFact, ...federatedFacts)

      if (problems.length) {
        return fail(
          problems.length === 1
            ? (problems[0] as Diagnosis).title + '.'
            : `${problems.length} settings are wrong: ${problems.map((p) => p.title.toLowerCase()).join('; ')}.`,
          problems,
          facts,
        )
      }
      const warnings: { summary: string; diagnosis: Diagnosis; excerpt: string }[] = []
      const changed = url.warnings.filter((warning) => PATH_WARNINGS.has(warning.id))
      if (changed.length) {
        const excerpt = changed.map((w) => w.message).join('\n')
        warnings.push({
          summary: `The URL was cleaned to the environment root ${url.orgUrl}; save it that way.`,
          diagnosis: diagnose('url-has-path', {
            confidence: 'medium',
            cloud,
            matched: changed.map((w) => w.message).join(' '),
          }),
          excerpt,
        })
      }
      warnings.push(...federatedWarnings)
      const expiry = credentialExpiry(input.credentialExpiresOn, new Date(kit.now()))
      if (expiry) {
        const what = input.credentialKind === 'secret' ? 'The client secret' : 'The certificate'
        facts.push({
          label: input.credentialKind === 'secret' ? 'Secret expires' : 'Certificate valid until',
          value: expiry.on,
        })
        warnings.push({
          summary: `${what} ${describeExpiry(expiry)} (${expiry.on.slice(0, 10)}).`,
          diagnosis: diagnose(expiryDiagnosis(input.credentialKind, expiry.state), {
            // A secret's date is what the user noted; a certificate's comes from the file itself.
            confidence: input.credentialKind === 'certificate' || expiry.state === 'soon' ? 'high' : 'medium',
            cloud,
            matched: `${input.credentialKind === 'secret' ? 'expiry noted for the secret' : 'certificate NotAfter'}: ${expiry.on}`,
          }),
          excerpt: '',
        })
      }
      if (warnings.length) {
        return {
          status: 'warn',
          summary: warnings.map((warning) => warning.summary).join(' '),
          facts,
          diagnoses: warnings.map((warning) => warning.diagnosis),
          evidence: {
            excerpt: warnings
              .map((warning) => warning.excerpt)
              .filter(Boolean)
              .join('\n'),
            requestIds: [],
          },
        }
      }
      return { status: 'pass', summary: 'The URL, tenant, client ID and credential are well formed.', facts }
    },
  }
}
