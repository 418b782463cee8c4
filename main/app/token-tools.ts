/** Pasted access tokens, for the token inspector in the window and `dvw token`: decoded and compared, never sent. */
export { JwtDecodeError } from '../auth/jwt'
export { inspectToken } from '../diagnostics/token-inspector'
