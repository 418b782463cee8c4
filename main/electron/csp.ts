/**
 * The renderer's Content-Security-Policy. Sent as a response header by the app:// protocol
 * and repeated as a <meta> tag in renderer/index.html, so a page served any other way is still
 * locked down. Monaco and Fluent UI inject <style> elements at run time, hence 'unsafe-inline'
 * for styles only; scripts never run inline. Workers are bundled files (or blob: for Monaco's
 * fallback). The renderer never talks to the network: connect-src is our own origin only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')
