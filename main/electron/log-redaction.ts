import { scrubSecrets } from '../diagnostics/report/scrub'
import { redactUrl } from '../http/timeline'

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>()]+/gi
/** Entra ID client secrets: three characters, a digit, "Q~", then 31–34 more. */
const ENTRA_SECRET = /\b[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g

/**
 * One log line as it may be written to disk: every URL redacted like the request timeline
 * (credential-named query values, JWTs, user info), then tokens, Bearer values, client_secret=
 * and password fields, and anything shaped like an Entra client secret.
 */
export function redactLogLine(text: string): string {
  return scrubSecrets(text.replace(URL_IN_TEXT, (url) => redactUrl(url))).replace(ENTRA_SECRET, '[redacted secret]')
}
