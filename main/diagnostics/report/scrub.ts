/**
 * The last line of defence for anything that leaves the app (reports, tickets, exports): even
 * though the report input cannot carry a secret, whatever looks like one is removed here.
 */
const RULES: readonly [RegExp, string][] = [
  // JWTs (access tokens, client assertions): three base64url parts starting with a JSON header.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted token]'],
  // Authorization headers with an opaque (non-JWT) token; short words ("Bearer challenge") are prose.
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{20,}/gi, '$1 [redacted]'],
  // Form fields and query parameters.
  [/\b(client_secret|client_assertion|access_token|refresh_token|password)=[^&\s"'<>]*/gi, '$1=[redacted]'],
  // JSON properties.
  [
    /("(?:client_secret|client_assertion|access_token|refresh_token|clientSecret|password)"\s*:\s*")(?:[^"\\]|\\.)*"/gi,
    '$1[redacted]"',
  ],
]

export function scrubSecrets(text: string): string {
  return RULES.reduce((value, [pattern, replacement]) => value.replace(pattern, replacement), text)
}

/** Scrubs every string inside a value, so a renderer's own escaping cannot hide a secret from the final pass. */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubSecrets(value) as T
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item)) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item)])) as T
  }
  return value
}
