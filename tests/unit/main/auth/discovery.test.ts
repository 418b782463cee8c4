import { describe, expect, it } from 'vitest'
import {
  authorityFromChallenge,
  compareTenant,
  discoverAuthority,
  parseWwwAuthenticate,
} from '../../../../main/auth/discovery'
import { createTransport } from '../../../../main/http/transport'

const TENANT = '4c192492-e19d-4369-b4be-84470eb0844d'

describe('WWW-Authenticate parsing', () => {
  const forms: ReadonlyArray<readonly [string, string]> = [
    [
      'the observed form: comma and space, unquoted',
      `Bearer authorization_uri=https://login.microsoftonline.com/${TENANT}/oauth2/authorize, resource_id=https://contoso.crm.dynamics.com/`,
    ],
    [
      'quoted values',
      `Bearer authorization_uri="https://login.microsoftonline.com/${TENANT}/oauth2/authorize", resource_id="https://contoso.crm.dynamics.com/"`,
    ],
    [
      'commas without spaces',
      `Bearer authorization_uri=https://login.microsoftonline.com/${TENANT}/oauth2/authorize,resource_id=https://contoso.crm.dynamics.com/`,
    ],
    [
      'spaces without commas',
      `Bearer authorization_uri=https://login.microsoftonline.com/${TENANT}/oauth2/authorize resource_id=https://contoso.crm.dynamics.com/`,
    ],
    [
      'any case, extra spaces around =',
      `bearer   Authorization_URI = "https://login.microsoftonline.com/${TENANT}/oauth2/authorize" ,  RESOURCE_ID=https://contoso.crm.dynamics.com/`,
    ],
    [
      'tabs and a trailing comma',
      `BEARER\tauthorization_uri=https://login.microsoftonline.com/${TENANT}/oauth2/authorize,\tresource_id=https://contoso.crm.dynamics.com/,`,
    ],
    [
      'after another challenge',
      `Basic realm="proxy", Bearer authorization_uri=https://login.microsoftonline.com/${TENANT}/oauth2/authorize, resource_id=https://contoso.crm.dynamics.com/`,
    ],
    [
      'a v2 authorize path',
      `Bearer authorization_uri=https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize, resource_id=https://contoso.crm.dynamics.com/`,
    ],
  ]

  it.each(forms)('reads the tenant from %s', (_name, header) => {
    const found = authorityFromChallenge(header)
    expect(found).toEqual({
      tenantId: TENANT,
      authorityHost: 'login.microsoftonline.com',
      authorityUrl: `https://login.microsoftonline.com/${TENANT}`,
      resourceId: 'https://contoso.crm.dynamics.com/',
    })
  })

  it('keeps a port in the authority host (the HTTPS emulator)', () => {
    expect(
      authorityFromChallenge(`Bearer authorization_uri=https://127.0.0.1:8443/${TENANT}/oauth2/authorize`)
        ?.authorityHost,
    ).toBe('127.0.0.1:8443')
  })

  it('reads sovereign authority hosts', () => {
    expect(
      authorityFromChallenge(`Bearer authorization_uri=https://login.microsoftonline.us/${TENANT}/oauth2/authorize`)
        ?.authorityHost,
    ).toBe('login.microsoftonline.us')
  })

  it('handles an escaped quote inside a quoted value', () => {
    expect(parseWwwAuthenticate('Bearer error_description="a \\"quoted\\" word", error=invalid_token')).toEqual([
      { scheme: 'bearer', params: { error_description: 'a "quoted" word', error: 'invalid_token' } },
    ])
  })

  it.each([
    ['no Bearer challenge', 'Basic realm="x"'],
    ['no authorization_uri', 'Bearer resource_id=https://contoso.crm.dynamics.com/'],
    [
      'the common endpoint (Global Discovery)',
      'Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize',
    ],
    ['an http authority', `Bearer authorization_uri=http://login.microsoftonline.com/${TENANT}/oauth2/authorize`],
    ['junk', '===,,, "'],
    ['empty', ''],
  ])('returns null for %s', (_name, header) => {
    expect(authorityFromChallenge(header)).toBeNull()
  })
})

describe('tenant comparison', () => {
  it('fills an empty tenant, matches GUIDs case-insensitively, flags a different GUID, and cannot compare a domain offline', () => {
    expect(compareTenant('', TENANT)).toBe('empty')
    expect(compareTenant(TENANT.toUpperCase(), TENANT)).toBe('same')
    expect(compareTenant('11111111-2222-3333-4444-555555555555', TENANT)).toBe('different')
    expect(compareTenant('contoso.onmicrosoft.com', TENANT)).toBe('not-comparable')
  })
})

describe('discoverAuthority', () => {
  const transportFor = (respond: (request: Request) => Response, seen: Request[] = []) =>
    createTransport(
      async (request) => {
        seen.push(request)
        return respond(request)
      },
      { orgHost: 'contoso.crm.dynamics.com', authorityHost: null },
    )

  it('sends one anonymous GET to the Web API root and reads the challenge', async () => {
    const seen: Request[] = []
    const transport = transportFor(
      () =>
        new Response(null, {
          status: 401,
          headers: {
            'www-authenticate': `Bearer authorization_uri=https://login.microsoftonline.com/${TENANT}/oauth2/authorize, resource_id=https://contoso.crm.dynamics.com/`,
          },
        }),
      seen,
    )
    const found = await discoverAuthority({ orgUrl: 'https://contoso.crm.dynamics.com', apiVersion: '9.2', transport })
    expect(found.tenantId).toBe(TENANT)
    expect(seen).toHaveLength(1)
    expect(seen[0]?.url).toBe('https://contoso.crm.dynamics.com/api/data/v9.2/')
    expect(seen[0]?.method).toBe('GET')
    expect(seen[0]?.headers.has('authorization')).toBe(false)
  })

  it('explains a 404 (not a Dataverse Web API) and a 401 without a challenge', async () => {
    await expect(
      discoverAuthority({
        orgUrl: 'https://contoso.crm.dynamics.com',
        apiVersion: '9.2',
        transport: transportFor(() => new Response('nope', { status: 404 })),
      }),
    ).rejects.toMatchObject({
      code: 'DATAVERSE_ERROR',
      message: expect.stringMatching(/404/),
      explanation: expect.stringMatching(/not a Dataverse Web API/),
    })
    await expect(
      discoverAuthority({
        orgUrl: 'https://contoso.crm.dynamics.com',
        apiVersion: '9.2',
        transport: transportFor(() => new Response(null, { status: 401 })),
      }),
    ).rejects.toMatchObject({ code: 'DATAVERSE_ERROR', message: expect.stringMatching(/without a WWW-Authenticate/) })
  })
})
