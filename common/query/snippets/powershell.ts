import { SNIPPET_ENV, type ResolvedSnippet } from './target'

/** A single-quoted PowerShell string: `$` stays literal, which OData's `$select` needs. */
function sq(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : sq(name)
}

function credential(s: ResolvedSnippet): { lines: string[]; body: string[] } {
  if (s.target.credential === 'secret') {
    return {
      lines: [
        `# Set $env:${SNIPPET_ENV.secret} to the client secret VALUE first (not its ID); it is never written here.`,
        `if (-not $env:${SNIPPET_ENV.secret}) { throw 'Set ${SNIPPET_ENV.secret} to the client secret value.' }`,
      ],
      body: [`  client_secret = $env:${SNIPPET_ENV.secret}`],
    }
  }
  return {
    lines: [
      `# Set $env:${SNIPPET_ENV.certificatePfx} to the certificate's .pfx file and $env:${SNIPPET_ENV.certificatePassword} to its password.`,
      `$cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($env:${SNIPPET_ENV.certificatePfx}, $env:${SNIPPET_ENV.certificatePassword})`,
      "function ConvertTo-Base64Url([byte[]]$Bytes) { [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }",
      '$now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()',
      "$jwtHeader = @{ alg = 'RS256'; typ = 'JWT'; x5t = (ConvertTo-Base64Url $cert.GetCertHash()) } | ConvertTo-Json -Compress",
      '$jwtPayload = @{ aud = $tokenUri; iss = $clientId; sub = $clientId; jti = [guid]::NewGuid().ToString(); nbf = $now; exp = $now + 600 } | ConvertTo-Json -Compress',
      "$unsigned = (ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes($jwtHeader))) + '.' + (ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes($jwtPayload)))",
      '$rsa = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($cert)',
      '$signature = $rsa.SignData([Text.Encoding]::UTF8.GetBytes($unsigned), [Security.Cryptography.HashAlgorithmName]::SHA256, [Security.Cryptography.RSASignaturePadding]::Pkcs1)',
    ],
    body: [
      "  client_assertion_type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'",
      "  client_assertion      = $unsigned + '.' + (ConvertTo-Base64Url $signature)",
    ],
  }
}

export function powershellSnippet(s: ResolvedSnippet): string {
  const { lines: credentialLines, body } = credential(s)
  const out = [
    `# ${s.summary}`,
    `$clientId = ${sq(s.target.clientId)}`,
    `$tokenUri = ${sq(s.tokenUrl)}`,
    ...credentialLines,
    '$token = Invoke-RestMethod -Method Post -Uri $tokenUri -Body @{',
    "  grant_type    = 'client_credentials'",
    '  client_id     = $clientId',
    ...body,
    `  scope         = ${sq(s.scope)}`,
    '}',
    '$headers = @{',
    '  Authorization = "Bearer $($token.access_token)"',
    ...s.headers
      .filter(([name]) => name.toLowerCase() !== 'content-type')
      .map(([name, value]) => `  ${key(name)} = ${sq(value)}`),
    '}',
  ]
  // Windows PowerShell refuses Content-Type in -Headers; -ContentType works in every version.
  const contentType = s.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  const bodyArgument =
    s.body !== undefined ? ` -ContentType ${sq(contentType ?? 'application/json')} -Body ${sq(s.body)}` : ''
  out.push(`$result = Invoke-RestMethod -Method ${s.method} -Uri ${sq(s.url)} -Headers $headers${bodyArgument}`)
  out.push('if ($null -ne $result.value) { $result.value | Format-Table } else { $result | ConvertTo-Json -Depth 10 }')
  return out.join('\n') + '\n'
}
