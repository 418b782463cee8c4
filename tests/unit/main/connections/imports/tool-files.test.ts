import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseToolFile } from '../../../../../main/connections/imports'
import { isAppFailure } from '@common/result'

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../../../../fixtures/tool-imports', name), 'utf8')

/** Everything a parse produced, as one string: to prove an encrypted value went nowhere. */
const everything = (value: unknown) => JSON.stringify(value)

describe('pac auth profiles (authprofiles_v2.json)', () => {
  const parsed = parseToolFile('pac', fixture('pac-authprofiles_v2.json'))

  it('takes application profiles with their environment, app id, tenant and cloud', () => {
    expect(parsed.entries.map((entry) => entry.item.connection.name)).toEqual(['Fabrikam UAT (app)', 'Agency GCC prod'])
    const [uat, gcc] = parsed.entries.map((entry) => entry.item.connection)
    expect(uat).toMatchObject({
      orgUrl: 'https://fabrikamuat.crm4.dynamics.com',
      clientId: '7d3f1c2a-5b6e-4f80-9a1b-2c3d4e5f6a7b',
      tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
      cloud: 'commercial',
      authorityHost: 'login.microsoftonline.com',
      environment: 'uat',
      auth: { kind: 'secret' },
    })
    expect(gcc).toMatchObject({
      orgUrl: 'https://agency.crm9.dynamics.com',
      cloud: 'gcc',
      environment: 'prod',
      readOnly: true,
    })
    expect(parsed.entries.every((entry) => entry.item.secret === undefined)).toBe(true)
  })

  it('skips a user profile and a profile without an environment, saying why', () => {
    expect(parsed.skipped).toEqual([
      { name: 'Contoso', reason: expect.stringContaining('a user profile (alex@contoso.onmicrosoft.com)') },
      { name: 'Tenant admin app', reason: expect.stringContaining('no environment is selected') },
    ])
    expect(parsed.notes.join(' ')).toContain('pac.spn.cache.dat')
  })

  it('refuses a file that is not a profiles file, with what it was read as', () => {
    let caught: unknown
    try {
      parseToolFile('pac', '{"connections": []}')
    } catch (error) {
      caught = error
    }
    expect(isAppFailure(caught)).toBe(true)
    expect((caught as Error).message).toContain('no "Profiles" list')
  })

  it('reads the same format for the Dataverse CLI and says that its own file was not verified', () => {
    const dataverse = parseToolFile('dataverse-cli', fixture('pac-authprofiles_v2.json'))
    expect(dataverse.entries).toHaveLength(2)
    expect(dataverse.notes.join(' ')).toMatch(/compatible with pac auth profiles.*could not be verified/)
  })
})

describe('XrmToolBox connection file', () => {
  const text = fixture('xrmtoolbox-connections.xml')
  const parsed = parseToolFile('xrmtoolbox', text)

  it('takes the client-secret and certificate connections without their secrets', () => {
    const connections = parsed.entries.map((entry) => entry.item.connection)
    expect(connections.map((c) => c.name)).toEqual(['Northwind Test (S2S)', 'Northwind Prod (certificate)'])
    expect(connections[0]).toMatchObject({
      orgUrl: 'https://northwindtest.crm4.dynamics.com',
      clientId: '2a4c6e8f-1b3d-4f5a-9c7e-0d2f4a6c8e1b',
      environment: 'test',
    })
    expect(connections[1]?.notes).toContain('thumbprint A1B2C3D4E5F60718293A4B5C6D7E8F9012345678')
    expect(connections[1]?.environment).toBe('prod')
    expect(parsed.entries.every((entry) => entry.item.secret === undefined)).toBe(true)
  })

  it('never keeps an encrypted secret or password anywhere in the result', () => {
    const all = everything(parsed)
    expect(all).not.toContain('XTBENCRYPTEDSECRET')
    expect(all).not.toContain('XTBENCRYPTEDPASSWORD')
    expect(parsed.notes.join(' ')).toMatch(/not decrypted or imported/)
  })

  it('skips a user sign-in (OAuth with MFA) and says why', () => {
    expect(parsed.skipped).toEqual([
      { name: 'Northwind Dev (my account)', reason: expect.stringContaining('signs in as a user (oauth)') },
    ])
  })

  it('refuses XML that is not a connection file', () => {
    expect(() => parseToolFile('xrmtoolbox', '<Other><ConnectionDetail/></Other>')).toThrow(/not an XrmToolBox/)
    expect(() => parseToolFile('xrmtoolbox', '<CrmConnections><Connections>')).toThrow(/not well-formed XML/)
  })
})

describe('Power Platform ToolBox connections.json', () => {
  const parsed = parseToolFile('pptb', fixture('pptb-connections.json'))

  it('takes a client-secret connection with a plain client id and its environment kind', () => {
    expect(parsed.entries.map((entry) => entry.item.connection)).toEqual([
      expect.objectContaining({
        name: 'Tailspin UAT',
        orgUrl: 'https://tailspinuat.crm11.dynamics.com',
        clientId: 'c0ffee00-1234-4abc-8def-0123456789ab',
        environment: 'uat',
      }),
    ])
  })

  it('skips an encrypted client id and an interactive connection, and keeps no encrypted value', () => {
    expect(parsed.skipped.map((s) => s.name)).toEqual(['Tailspin Production', 'Tailspin Dev (me)'])
    expect(parsed.skipped[0]?.reason).toMatch(/client id encrypted/)
    expect(parsed.skipped[1]?.reason).toMatch(/"interactive"/)
    expect(everything(parsed)).not.toContain('PPTBENCRYPTED')
    expect(everything(parsed)).not.toContain('djEwAAAA')
  })
})
