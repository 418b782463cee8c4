import { SNIPPET_ENV, type ResolvedSnippet } from './target'

function str(value: string): string {
  return JSON.stringify(value)
}

export function pythonSnippet(s: ResolvedSnippet): string {
  const credential =
    s.target.credential === 'secret'
      ? `    client_credential=os.environ[${str(SNIPPET_ENV.secret)}],  # the client secret VALUE, never written here`
      : [
          '    client_credential={',
          `        "private_key_pfx_path": os.environ[${str(SNIPPET_ENV.certificatePfx)}],  # msal 1.29+`,
          `        "passphrase": os.environ.get(${str(SNIPPET_ENV.certificatePassword)}),`,
          '    },',
        ].join('\n')
  const lines = [
    `# ${s.summary}`,
    '# pip install msal requests',
    'import json',
    'import os',
    'import sys',
    '',
    'import msal',
    'import requests',
    '',
    'app = msal.ConfidentialClientApplication(',
    `    ${str(s.target.clientId)},`,
    `    authority=${str(s.authority)},`,
    credential,
    ')',
    `result = app.acquire_token_for_client(scopes=[${str(s.scope)}])`,
    'if "access_token" not in result:',
    "    sys.exit(f\"{result.get('error')}: {result.get('error_description')}\")",
    '',
    'headers = {',
    '    "Authorization": "Bearer " + result["access_token"],',
    ...s.headers.map(([name, value]) => `    ${str(name)}: ${str(value)},`),
    '}',
    `response = requests.request(${str(s.method)}, ${str(s.url)}, headers=headers${s.body !== undefined ? `, data=${str(s.body)}.encode("utf-8")` : ''}, timeout=120)`,
    'print(json.dumps(response.json(), indent=2) if response.content else response.status_code)',
    'response.raise_for_status()',
  ]
  return lines.join('\n') + '\n'
}
