/**
 * The one gate in front of every token request: the sign-in host must be Entra ID for the
 * connection's cloud, unless the user chose a custom host in the editor. A client secret (or a
 * signed assertion) goes to that host, so a look-alike host in a shared connection file would
 * collect it.
 */
import { signInHostProblem, type SignInHostChoice } from '@common/clouds'
import { AppFailure } from '@common/result'

/** Throws HOST_NOT_ALLOWED (what, why, next) when no token may be asked for at this host. */
export function assertSignInHost(choice: SignInHostChoice): void {
  const problem = signInHostProblem(choice)
  if (!problem) return
  throw new AppFailure({
    code: 'HOST_NOT_ALLOWED',
    ...problem,
    details: { field: 'authorityHost', authorityHost: choice.authorityHost.trim().toLowerCase(), cloud: choice.cloud },
  })
}
