/** Step titles and descriptions as the renderer shows them. */
import type { StepId } from '@common/diagnostics'

/** What each step is called in the stepper, and what it checks, in plain words. */
export const STEP_LABELS: Readonly<Record<StepId, { readonly title: string; readonly what: string }>> = {
  config: { title: 'Settings', what: 'URL, tenant and client ID formats, and the credential' },
  dns: { title: 'DNS', what: 'The environment and sign-in hosts resolve' },
  tls: { title: 'TLS', what: 'Both hosts present certificates that verify' },
  discovery: {
    title: 'Tenant discovery',
    what: "The environment's tenant and sign-in host, compared with the settings",
  },
  token: { title: 'Token', what: 'Entra ID issues a token with the credential' },
  'token-claims': { title: 'Token claims', what: 'Audience, tenant, app, credential kind, expiry and clock' },
  whoami: { title: 'WhoAmI', what: 'Dataverse knows the app as an application user' },
  'app-user': { title: 'Application user', what: 'Enabled, non-interactive, business unit' },
  roles: { title: 'Security roles', what: 'Roles assigned directly and through teams' },
  privileges: { title: 'Privileges', what: 'Read access on the probe tables' },
  limits: { title: 'Limits', what: 'Service-protection headroom and the daily entitlement' },
}
