/**
 * The preflight check's steps in one place: what each is called, what it proves when it passes,
 * and which steps it needs first. main runs the graph from here (a step runs once those it depends
 * on have passed), and the window, the reports and `dvw check` name the steps from here.
 */
import type { StepId } from './diagnostics'

export interface CheckStepInfo {
  readonly id: StepId
  /** What the stepper, the reports and the CLI call it. */
  readonly title: string
  /** What a pass proves, in one sentence. */
  readonly proves: string
  /** The steps that must pass before this one can run. */
  readonly dependsOn: readonly StepId[]
}

const step = (id: StepId, title: string, proves: string, dependsOn: readonly StepId[]): CheckStepInfo => ({
  id,
  title,
  proves,
  dependsOn,
})

/**
 * Keyed by id, so a step added to STEP_IDS without its metadata does not compile. The graph:
 *
 *   config ─┬─ dns ── tls
 *           └─ discovery ── token ─┬─ token-claims
 *                                  └─ whoami ─┬─ app-user
 *                                             ├─ roles
 *                                             ├─ privileges
 *                                             └─ limits
 */
export const CHECK_STEPS: Readonly<Record<StepId, CheckStepInfo>> = {
  config: step('config', 'Settings', 'The URL, tenant and client ID are well formed and a credential is there.', []),
  dns: step('dns', 'DNS', 'The environment and sign-in hosts resolve.', ['config']),
  tls: step('tls', 'TLS', 'Both hosts present certificates that verify.', ['dns']),
  discovery: step('discovery', 'Tenant discovery', "The environment's tenant and sign-in host match the settings.", [
    'config',
  ]),
  token: step('token', 'Token', 'Entra ID issues a token with the credential.', ['discovery']),
  'token-claims': step(
    'token-claims',
    'Token claims',
    "The token's audience, tenant, app, credential kind and expiry are right, and this computer's clock agrees.",
    ['token'],
  ),
  whoami: step('whoami', 'WhoAmI', 'Dataverse knows the app as an application user.', ['token']),
  'app-user': step(
    'app-user',
    'Application user',
    'The application user is enabled, non-interactive and in a business unit.',
    ['whoami'],
  ),
  roles: step('roles', 'Security roles', 'The application user has roles, directly or through teams.', ['whoami']),
  privileges: step('privileges', 'Privileges', 'The application user can read the probe tables.', ['whoami']),
  limits: step('limits', 'Limits', 'There is service-protection headroom and the daily entitlement is not used up.', [
    'whoami',
  ]),
}
