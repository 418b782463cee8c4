import { SNIPPET_ENV, type ResolvedSnippet } from './target'

/** A single-quoted bash word: nothing inside is expanded. */
function sq(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

function tokenStep(s: ResolvedSnippet): string[] {
  const common = [`CLIENT_ID=${sq(s.target.clientId)}`, `TOKEN_URL=${sq(s.tokenUrl)}`]
  const request = (credentialLines: string[]) => [
    'TOKEN=$(curl --silent --show-error --fail-with-body \\',
    "  --data-urlencode 'grant_type=client_credentials' \\",
    '  --data-urlencode "client_id=${CLIENT_ID}" \\',
    ...credentialLines,
    `  --data-urlencode ${sq(`scope=${s.scope}`)} \\`,
    `  "\${TOKEN_URL}" | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
  ]
  if (s.target.credential === 'secret') {
    return [
      `# Set ${SNIPPET_ENV.secret} to the client secret VALUE first (not its ID); it is never written here.`,
      ...common,
      ...request([`  --data-urlencode "client_secret=\${${SNIPPET_ENV.secret}:?set ${SNIPPET_ENV.secret}}" \\`]),
    ]
  }
  return [
    `# Set ${SNIPPET_ENV.certificatePem} to a PEM file holding the certificate and its unencrypted private key`,
    '# (from a PFX: openssl pkcs12 -in cert.pfx -nodes -out cert.pem). Needs openssl.',
    ...common,
    `CERT="\${${SNIPPET_ENV.certificatePem}:?set ${SNIPPET_ENV.certificatePem}}"`,
    "b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }",
    'X5T=$(openssl x509 -in "$CERT" -outform DER | openssl dgst -sha1 -binary | b64url)',
    'NOW=$(date +%s)',
    `HEADER=$(printf '{"alg":"RS256","typ":"JWT","x5t":"%s"}' "$X5T" | b64url)`,
    `PAYLOAD=$(printf '{"aud":"%s","iss":"%s","sub":"%s","jti":"%s","nbf":%d,"exp":%d}' \\`,
    '  "$TOKEN_URL" "$CLIENT_ID" "$CLIENT_ID" "$(openssl rand -hex 16)" "$NOW" "$((NOW + 600))" | b64url)',
    `SIGNATURE=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$CERT" -binary | b64url)`,
    ...request([
      "  --data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer' \\",
      '  --data-urlencode "client_assertion=${HEADER}.${PAYLOAD}.${SIGNATURE}" \\',
    ]),
  ]
}

export function curlSnippet(s: ResolvedSnippet): string {
  const lines = ['#!/usr/bin/env bash', `# ${s.summary}`, 'set -euo pipefail', '', ...tokenStep(s), '']
  lines.push(`curl --silent --show-error --fail-with-body --request ${s.method} \\`)
  lines.push('  --header "Authorization: Bearer ${TOKEN}" \\')
  for (const [name, value] of s.headers) lines.push(`  --header ${sq(`${name}: ${value}`)} \\`)
  if (s.body !== undefined) lines.push(`  --data-binary ${sq(s.body)} \\`)
  lines.push(`  ${sq(s.url)}`)
  return lines.join('\n') + '\n'
}
