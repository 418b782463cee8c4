import { describe, expect, it } from 'vitest'
import type { Connection } from '@common/connection'
import {
  exportConnectionStrings,
  exportJson,
  guessEnvironment,
  isPlaceholder,
  parseConnectionString,
  parseImport,
  SECRET_PLACEHOLDER,
} from '../../../../main/connections/transfer'

const CLIENT = 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb'
const SECRET = 'Zx8Q~aRealSecret;With=Odd"Chars'

describe('connection-string parsing', () => {
  const equivalent = [
    `AuthType=ClientSecret;Url=https://contoso.crm.dynamics.com;ClientId=${CLIENT};ClientSecret=abc123`,
    `authtype=clientsecret; url=https://contoso.crm.dynamics.com; clientid=${CLIENT}; clientsecret=abc123;`,
    `  ClientSecret = abc123 ;ClientId=${CLIENT};  Url = https://contoso.crm.dynamics.com ; AuthType = ClientSecret  `,
    `AuthType="ClientSecret";Url='https://contoso.crm.dynamics.com';ClientId="${CLIENT}";ClientSecret="abc123"`,
    `Auth Type=ClientSecret;Service Uri=https://contoso.crm.dynamics.com;App Id=${CLIENT};Client Secret=abc123`,
  ]
  it.each(equivalent)('reads %s', (text) => {
    const pairs = parseConnectionString(text)
    const normalised = Object.fromEntries(
      [...pairs].map(([key, value]) => [key.replace('serviceuri', 'url').replace('appid', 'clientid'), value]),
    )
    expect(normalised).toEqual({
      authtype: expect.stringMatching(/^clientsecret$/i),
      url: 'https://contoso.crm.dynamics.com',
      clientid: CLIENT,
      clientsecret: 'abc123',
    })
  })

  it('keeps semicolons and doubled quotes inside a quoted value', () => {
    expect(parseConnectionString(`ClientSecret="a;b""c";Url=x`).get('clientsecret')).toBe('a;b"c')
    expect(parseConnectionString(`ClientSecret='it''s;ok'`).get('clientsecret')).toBe("it's;ok")
  })

  it('recognises placeholders so they are never stored as a secret', () => {
    for (const value of [
      '<your-client-secret>',
      '{secret}',
      '${SECRET}',
      '$(ClientSecret)',
      '%SECRET%',
      '********',
      'your-secret',
      'xxxx',
      SECRET_PLACEHOLDER,
    ]) {
      expect(isPlaceholder(value), value).toBe(true)
    }
    expect(isPlaceholder('Zx8Q~abc')).toBe(false)
  })

  it('guesses production from the host so imports start read-only', () => {
    expect(guessEnvironment('contoso-prod.crm4.dynamics.com')).toBe('prod')
    expect(guessEnvironment('contosouat.crm.dynamics.com')).toBe('uat')
    expect(guessEnvironment('contoso-test.crm.dynamics.com')).toBe('test')
    expect(guessEnvironment('contoso-dev.crm.dynamics.com')).toBe('dev')
  })
})

describe('import', () => {
  it('imports connection strings with the cloud and authority from the URL, the secret for the vault, and warnings for the rest', () => {
    const text = [
      `AuthType=ClientSecret;Url=https://contoso-prod.crm4.dynamics.com/main.aspx;ClientId=${CLIENT};ClientSecret="${SECRET.replaceAll('"', '""')}"`,
      `AuthType=ClientSecret;Url=https://gov.crm.microsoftdynamics.us;ClientId=${CLIENT};ClientSecret=<your-client-secret>`,
      `AuthType=Certificate;Url=https://contoso.crm.dynamics.com;ClientId=${CLIENT};Thumbprint=0123456789abcdef0123456789abcdef01234567`,
      `AuthType=OAuth;Url=https://contoso.crm.dynamics.com;ClientId=${CLIENT};Username=a@b.c;Password=x`,
      '# a comment',
      `Url=https://make.powerapps.com/environments/Default-123;ClientId=${CLIENT}`,
    ].join('\n')
    const { items, warnings } = parseImport(text)
    expect(items).toHaveLength(3)
    const [prod, gov, certificate] = items
    expect(prod?.connection).toMatchObject({
      orgUrl: 'https://contoso-prod.crm4.dynamics.com',
      cloud: 'commercial',
      authorityHost: 'login.microsoftonline.com',
      environment: 'prod',
      readOnly: true,
      tenantId: '',
      clientId: CLIENT,
    })
    expect(prod?.secret).toBe(SECRET)
    expect(gov?.connection).toMatchObject({ cloud: 'gcc-high', authorityHost: 'login.microsoftonline.us' })
    expect(gov?.secret).toBeUndefined()
    expect(certificate?.connection.notes).toContain('0123456789ABCDEF0123456789ABCDEF01234567')
    expect(warnings.join('\n')).toMatch(/Line 2: no real secret/)
    expect(warnings.join('\n')).toMatch(/Line 4 was skipped: AuthType=oauth/)
    expect(warnings.join('\n')).toMatch(/Line 6 was skipped: This is a maker portal link/)
  })

  it('round-trips its own JSON export, which never contains a secret or hint', () => {
    const connection: Connection = {
      id: 'c1',
      name: 'Contoso prod',
      orgUrl: 'https://contoso.crm4.dynamics.com',
      apiVersion: '9.2',
      cloud: 'commercial',
      authorityHost: 'login.microsoftonline.com',
      tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
      clientId: CLIENT,
      auth: { kind: 'secret', hint: 'Zx8', expiresOn: '2027-03-01' },
      environment: 'prod',
      colour: '#c50f1f',
      readOnly: true,
      notes: 'main customer',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      lastTest: null,
      builtIn: null,
      scenario: null,
    }
    const json = exportJson([connection])
    expect(json).not.toContain('Zx8')
    expect(json).not.toContain('"hint"')
    const { items } = parseImport(json)
    expect(items[0]?.connection).toMatchObject({
      name: 'Contoso prod',
      tenantId: connection.tenantId,
      auth: { kind: 'secret', expiresOn: '2027-03-01' },
      readOnly: true,
    })
    expect(items[0]?.secret).toBeUndefined()

    const strings = exportConnectionStrings([connection])
    expect(strings).toBe(
      `AuthType=ClientSecret;Url=https://contoso.crm4.dynamics.com;ClientId=${CLIENT};ClientSecret=${SECRET_PLACEHOLDER}\n`,
    )
    expect(parseImport(strings).items[0]?.secret).toBeUndefined()
  })

  it('explains a JSON file that is not an export, and empty input', () => {
    expect(() => parseImport('{"connections":[{"name":1}]}')).toThrow(/not a Dataverse Workbench connections export/)
    expect(() => parseImport('{oops')).toThrow(/not valid JSON/)
    expect(() => parseImport('  ')).toThrow(/nothing to import/)
    expect(() => parseImport('hello world')).toThrow(/No connection could be imported/)
  })
})

describe('import rules', () => {
  const file = (overrides: Record<string, unknown>) =>
    JSON.stringify({
      format: 'dataverse-workbench/connections',
      version: 1,
      exportedAt: '2026-11-26T09:00:00.000Z',
      connections: [
        {
          name: 'Contoso prod',
          orgUrl: 'https://contoso.crm4.dynamics.com',
          apiVersion: '9.2',
          cloud: 'commercial',
          authorityHost: 'login.microsoftonline.com',
          tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
          clientId: CLIENT,
          environment: 'dev',
          colour: '#0f7b0f',
          readOnly: false,
          notes: '',
          auth: { kind: 'secret' },
          ...overrides,
        },
      ],
    })

  it('H1 imports a look-alike sign-in host blocked (never custom) and says so, naming the host', () => {
    const { items, warnings } = parseImport(
      file({ authorityHost: 'login.microsoftonline.com.evil.example', customSignInHost: true }),
    )
    expect(items[0]?.connection).toMatchObject({
      authorityHost: 'login.microsoftonline.com.evil.example',
      customSignInHost: false,
    })
    expect(warnings.join('\n')).toMatch(
      /BLOCKED\. Its sign-in host login\.microsoftonline\.com\.evil\.example is not Entra ID/,
    )
  })

  it('H1 never imports the custom choice, even for a host that needs none', () => {
    const { items, warnings } = parseImport(file({ customSignInHost: true }))
    expect(items[0]?.connection.customSignInHost).toBe(false)
    expect(warnings.join('\n')).toMatch(/custom sign-in host; that choice is never imported/)
  })

  it('M4 makes an imported production connection read-only whatever the file says, and says so', () => {
    const { items, warnings } = parseImport(file({ environment: 'prod', readOnly: false }))
    expect(items[0]?.connection.readOnly).toBe(true)
    expect(warnings.join('\n')).toMatch(/Production connection, imported read-only although the file had read-only off/)
    const strings = parseImport(
      `AuthType=ClientSecret;Url=https://contoso-prod.crm4.dynamics.com;ClientId=${CLIENT};ClientSecret=abc123`,
    )
    expect(strings.items[0]?.connection.readOnly).toBe(true)
    expect(strings.warnings.join('\n')).toMatch(/Line 1: Production connection, imported read-only/)
  })
})

describe('federated connections in exports', () => {
  const federated = (auth: Connection['auth']): Connection => ({
    id: 'f1',
    name: 'Pipeline',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    apiVersion: '9.2',
    cloud: 'commercial',
    authorityHost: 'login.microsoftonline.com',
    tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
    clientId: CLIENT,
    auth,
    environment: 'dev',
    colour: '#0f7b0f',
    readOnly: false,
    notes: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastTest: null,
    builtIn: null,
    scenario: null,
  })

  it('round-trips a variable or file source with the expected subject', () => {
    const auth = {
      kind: 'federated' as const,
      tokenSource: 'file' as const,
      tokenReference: '/var/run/secrets/azure/tokens/azure-identity-token',
      expectedSubject: 'system:serviceaccount:ops:dvw',
    }
    const { items, warnings } = parseImport(exportJson([federated(auth)]))
    expect(items[0]?.connection.auth).toEqual(auth)
    expect(warnings).toEqual([])
  })

  it('never writes a token command, and imports such a connection without a credential, saying so', () => {
    const json = exportJson([
      federated({ kind: 'federated', tokenSource: 'command', tokenReference: 'curl -s https://x' }),
    ])
    expect(json).not.toContain('curl')
    const { items, warnings } = parseImport(json)
    expect(items[0]?.connection.auth).toEqual({ kind: 'secret' })
    expect(warnings.join(' ')).toContain('its federated token command was not imported')
    // A hand-written file cannot bring one either.
    const forged = json.replace('"tokenSource": "command"', '"tokenSource": "command",\n"tokenReference": "rm -rf ~"')
    expect(parseImport(forged).items[0]?.connection.auth).toEqual({ kind: 'secret' })
  })
})
