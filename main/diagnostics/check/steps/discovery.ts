/**
 * `discovery`: the anonymous request Dataverse answers with a 401 challenge naming its tenant and
 * sign-in host (wire §4.2). What it names is compared with the configuration: a different tenant
 * or another cloud's sign-in host is the answer, before any credential is sent.
 */
import { isSignInHostOf } from '@common/clouds'
import type { Fact } from '@common/diagnostics'
import { authorityFromChallenge, compareTenant } from '../../../auth/discovery'
import { diagnose } from '../../catalog'
import type { CheckKit, CheckStep } from '../context'
import { evidenceOf, explainFailure, failedStep, redactExcerpt } from '../failure'

export function discoveryStep(kit: CheckKit): CheckStep {
  return {
    id: 'discovery',
    async run({ signal }) {
      const { state } = kit
      const cloud = state.cloud
      const url = `${state.orgUrl}/api/data/v${state.apiVersion}/`
      const entries = () => kit.timeline('discovery').entries()
      let response: Response
      try {
        response = await kit.transport('discovery')(
          new Request(url, { method: 'GET', headers: { accept: 'application/json' }, signal }),
        )
      } catch (error) {
        const report = explainFailure(error, cloud)
        return failedStep(report, entries())
      }
      const date = response.headers.get('date')
      if (date && !Number.isNaN(Date.parse(date))) state.serverClock = { server: Date.parse(date), local: kit.now() }
      const body = await response.text().catch(() => '')
      const challenge = response.headers.get('www-authenticate')
      const excerpt = [
        `HTTP ${response.status}`,
        ...(challenge ? [`WWW-Authenticate: ${challenge}`] : []),
        ...(body ? [body.slice(0, 300)] : []),
      ].join('\n')
      const evidence = evidenceOf(entries(), undefined, excerpt)
      const found = response.status === 401 && challenge ? authorityFromChallenge(challenge) : null
      if (response.status === 503) {
        return {
          status: 'fail',
          summary: `${url} answered 503 twice: the environment is unavailable for now.`,
          diagnoses: [diagnose('service-unavailable', { confidence: 'high', cloud, matched: 'HTTP 503' })],
          evidence,
        }
      }
      if (!found) {
        const what =
          response.status === 401
            ? 'asked for sign-in without naming a tenant'
            : `answered ${response.status} instead of asking for sign-in (401)`
        return {
          status: 'fail',
          summary: `${url} ${what}, so it does not look like a Dataverse environment.`,
          diagnoses: [
            diagnose('url-not-dataverse', {
              confidence: response.status === 401 ? 'medium' : 'high',
              cloud,
              matched: `HTTP ${response.status}${challenge ? ` with ${redactExcerpt(challenge)}` : ''}`,
            }),
          ],
          evidence,
        }
      }
      const facts: Fact[] = [
        { label: "Environment's tenant", value: found.tenantId, sensitive: true },
        { label: "Environment's sign-in host", value: found.authorityHost },
        ...(found.resourceId ? [{ label: 'Resource', value: found.resourceId, sensitive: true }] : []),
      ]
      // Two names of the same Entra ID instance (login.windows.net, login.microsoftonline.com) agree.
      const sameEntra =
        isSignInHostOf(cloud, found.authorityHost) &&
        state.authorityHost !== null &&
        isSignInHostOf(cloud, state.authorityHost)
      if (state.authorityHost && state.authorityHost !== found.authorityHost && !sameEntra) {
        return {
          status: 'fail',
          summary: `The environment signs in at ${found.authorityHost}, but the connection uses ${state.authorityHost}.`,
          facts,
          diagnoses: [
            diagnose('tenant-wrong-cloud', {
              confidence: 'high',
              cloud,
              matched: `authorization_uri host ${found.authorityHost}`,
            }),
          ],
          evidence,
        }
      }
      state.authorityHost = found.authorityHost
      const comparison = compareTenant(state.tenantId, found.tenantId)
      if (comparison === 'different') {
        return {
          status: 'fail',
          summary: `The environment belongs to tenant ${found.tenantId}, but the connection names ${state.tenantId}.`,
          facts,
          diagnoses: [
            diagnose('tenant-mismatch', {
              confidence: 'high',
              cloud,
              matched: `authorization_uri names ${found.tenantId}`,
            }),
          ],
          evidence,
        }
      }
      if (comparison === 'empty') {
        state.tenantId = found.tenantId
        return {
          status: 'pass',
          summary: `The environment's tenant is ${found.tenantId}; the check uses it.`,
          facts,
          evidence,
        }
      }
      if (comparison === 'not-comparable') {
        return {
          status: 'pass',
          summary: `The environment's tenant is ${found.tenantId}; the connection names it by domain (${state.tenantId}), which the token step confirms.`,
          facts,
          evidence,
        }
      }
      return {
        status: 'pass',
        summary: `The environment belongs to the configured tenant and signs in at ${found.authorityHost}.`,
        facts,
        evidence,
      }
    },
  }
}
