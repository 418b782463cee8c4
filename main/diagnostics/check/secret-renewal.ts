/**
 * When the sign-in fails because the client secret ran out, the fix is a new secret, and that is
 * exactly what a tenant's app management policy (passwordAddition / passwordLifetime) refuses:
 * Entra checks such policies when a secret is added, not at sign-in, so the check cannot see the
 * policy itself. It names the refusal the admin will meet and the way out (certificate or
 * federated credential) beside the expiry, instead of sending them into it unwarned.
 */
import type { Cloud } from '@common/clouds'
import { diagnose } from '../catalog'
import type { FailureReport } from './failure'

export function withSecretRenewalPath(
  report: FailureReport,
  credentialKind: 'secret' | 'certificate' | 'federated',
  cloud: Cloud,
): FailureReport {
  const expired = report.diagnoses.some((diagnosis) => diagnosis.id === 'secret-expired')
  const named = report.diagnoses.some((diagnosis) => diagnosis.id === 'secret-blocked-by-policy')
  if (credentialKind !== 'secret' || !expired || named) return report
  return {
    ...report,
    diagnoses: [
      ...report.diagnoses,
      diagnose('secret-blocked-by-policy', {
        confidence: 'medium',
        cloud,
        matched: 'AADSTS7000222: renewing the secret is where an app management policy refuses',
      }),
    ],
  }
}
