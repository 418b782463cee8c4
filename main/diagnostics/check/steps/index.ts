import type { CheckKit, CheckStep } from '../context'
import { privilegesStep, rolesStep } from './access'
import { configStep } from './config'
import { discoveryStep } from './discovery'
import { appUserStep, whoAmIStep } from './identity'
import { limitsStep } from './limits'
import { dnsStep, tlsStep } from './network'
import { tokenClaimsStep, tokenStep } from './token'

/** Every step of the check, wired to one kit (shared input, environment and state). */
export function allSteps(kit: CheckKit): CheckStep[] {
  return [
    configStep(kit),
    dnsStep(kit),
    tlsStep(kit),
    discoveryStep(kit),
    tokenStep(kit),
    tokenClaimsStep(kit),
    whoAmIStep(kit),
    appUserStep(kit),
    rolesStep(kit),
    privilegesStep(kit),
    limitsStep(kit),
  ]
}
