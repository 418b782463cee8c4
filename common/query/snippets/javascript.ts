import { SNIPPET_ENV, type ResolvedSnippet } from './target'

function str(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`
}

export function javascriptSnippet(s: ResolvedSnippet): string {
  const authorityHost = new URL(s.authority).host
  const credential =
    s.target.credential === 'secret'
      ? {
          setup: [
            `const secret = process.env.${SNIPPET_ENV.secret}`,
            `if (!secret) throw new Error('Set ${SNIPPET_ENV.secret} to the client secret value (not its ID).')`,
          ],
          auth: '    clientSecret: secret,',
        }
      : {
          setup: [
            `const pemPath = process.env.${SNIPPET_ENV.certificatePem}`,
            `if (!pemPath) throw new Error('Set ${SNIPPET_ENV.certificatePem} to a PEM file with the certificate and its private key.')`,
            "const pem = readFileSync(pemPath, 'utf8')",
            'const certificate = new X509Certificate(pem)',
          ],
          auth: "    clientCertificate: { thumbprintSha256: certificate.fingerprint256.replaceAll(':', ''), privateKey: pem },",
        }
  const lines = [
    `// ${s.summary}`,
    '// npm install @azure/msal-node   (Node 20+; save as query.mjs and run: node query.mjs)',
    ...(s.target.credential === 'certificate'
      ? ["import { X509Certificate } from 'node:crypto'", "import { readFileSync } from 'node:fs'"]
      : []),
    "import { ConfidentialClientApplication } from '@azure/msal-node'",
    '',
    ...credential.setup,
    'const app = new ConfidentialClientApplication({',
    '  auth: {',
    `    clientId: ${str(s.target.clientId)},`,
    `    authority: ${str(s.authority)},`,
    `    knownAuthorities: [${str(authorityHost)}],`,
    credential.auth,
    '  },',
    '})',
    `const result = await app.acquireTokenByClientCredential({ scopes: [${str(s.scope)}] })`,
    "if (!result) throw new Error('No token was returned.')",
    '',
    `const response = await fetch(${str(s.url)}, {`,
    `  method: ${str(s.method)},`,
    '  headers: {',
    '    Authorization: `Bearer ${result.accessToken}`,',
    ...s.headers.map(([name, value]) => `    ${/^[A-Za-z_$][\w$]*$/.test(name) ? name : str(name)}: ${str(value)},`),
    '  },',
    ...(s.body !== undefined ? [`  body: ${str(s.body)},`] : []),
    '})',
    'const text = await response.text()',
    'if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${text}`)',
    'console.log(text ? JSON.stringify(JSON.parse(text), null, 2) : `${response.status} ${response.statusText}`)',
  ]
  return lines.join('\n') + '\n'
}
