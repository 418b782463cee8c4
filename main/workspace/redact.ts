/**
 * Query text goes into history and saved queries as the user typed it, except anything that looks
 * like a bearer token or a `client_secret=` value, in case one was pasted into the editor by mistake.
 */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g
const SECRET_PARAMETER = /((?:client_secret|access_token|client_assertion)=)[^&\s]+/gi
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]{16,}/g

export function redactQueryText(text: string): string {
  return text.replace(JWT, '[redacted token]').replace(SECRET_PARAMETER, '$1[redacted]').replace(BEARER, '$1[redacted]')
}
