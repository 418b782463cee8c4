/**
 * How close a connection's credential is to its expiry: the date the user noted for a secret (from
 * the portal's Expires column), or a certificate's NotAfter read from its file. Secrets and
 * certificates expire on a fixed day and the app keeps working until then, so the warning has to
 * come before the failure.
 */

/** Warn this many days ahead: long enough to get a new secret approved and rolled out. */
const EXPIRY_WARNING_DAYS = 30

const DAY_MS = 86_400_000

export interface CredentialExpiry {
  readonly state: 'expired' | 'soon'
  /** The expiry as noted: a date (YYYY-MM-DD) or an instant. */
  readonly on: string
  /** Soon: whole days left (0 on the last day). Expired: whole days since (0 on the day it expired). */
  readonly days: number
}

/** A date alone means "valid through that day" (UTC), as the portal shows it. */
function expiryInstant(on: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(on) ? Date.parse(`${on}T23:59:59.999Z`) : Date.parse(on)
}

/** Null when there is no date, it cannot be read, or it is more than EXPIRY_WARNING_DAYS away. */
export function credentialExpiry(on: string | undefined, now: Date): CredentialExpiry | null {
  if (!on) return null
  const at = expiryInstant(on)
  if (Number.isNaN(at)) return null
  const left = at - now.getTime()
  if (left < 0) return { state: 'expired', on, days: Math.floor(-left / DAY_MS) }
  const days = Math.floor(left / DAY_MS)
  return days < EXPIRY_WARNING_DAYS ? { state: 'soon', on, days } : null
}

/** The expiry a stored or shown credential carries, whichever kind it is. */
export function expiryOf(
  auth:
    | { readonly kind: 'secret'; readonly expiresOn?: string }
    | { readonly kind: 'certificate'; readonly notAfter?: string }
    | { readonly kind: 'federated' },
): string | undefined {
  // A federated credential has no expiry of its own: each token it presents lives minutes.
  if (auth.kind === 'federated') return undefined
  return auth.kind === 'secret' ? auth.expiresOn : auth.notAfter
}

/** "expires in 12 days", "expires today", "expired 3 days ago": for badges and summaries. */
export function describeExpiry(expiry: CredentialExpiry): string {
  const days = expiry.days === 1 ? '1 day' : `${expiry.days} days`
  if (expiry.state === 'expired') return expiry.days === 0 ? 'expired today' : `expired ${days} ago`
  return expiry.days === 0 ? 'expires today' : `expires in ${days}`
}
