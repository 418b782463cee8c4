/** `dvw connections list|export|import --customer NAME` on a data folder the app's services wrote (real conf files). */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../../main/app/create-services'
import { createTestHost } from '../../support/test-host'
import { runDvw } from '../../support/run-dvw'

let dataDir: string
const ids: Record<string, string> = {}

const dvw = (args: string[]) => runDvw(args, { env: { DVW_DATA_DIR: dataDir } })

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dvw-cli-customers-'))
  const services = createServices(createTestHost(dataDir), { sample: null })
  const contoso = await services.connections.createCustomer({ name: 'Contoso', colour: 'teal' })
  await services.connections.createCustomer({ name: 'Adatum', colour: 'berry' })
  for (const [name, host] of [
    ['Contoso dev', 'contoso-dev.crm4.dynamics.com'],
    ['Contoso prod', 'contoso.crm4.dynamics.com'],
    ['Loose', 'loose.crm.dynamics.com'],
  ] as const) {
    const view = await services.connections.save(null, {
      name,
      orgUrl: `https://${host}`,
      cloud: 'commercial',
      authorityHost: 'login.microsoftonline.com',
      tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
      clientId: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
      environment: name.endsWith('prod') ? 'prod' : 'dev',
      auth: { kind: 'secret', secret: { action: 'clear' } },
    })
    ids[name] = view.id
    if (name.startsWith('Contoso')) await services.connections.setCustomer(view.id, contoso.id)
  }
})
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('dvw connections and customers', () => {
  it('lists the customer of every connection, and filters by customer name without regard to case', async () => {
    const all = await dvw(['connections', 'list', '--json'])
    expect(all.code, all.stderr).toBe(0)
    const rows = JSON.parse(all.stdout) as { name: string; customer: string | null }[]
    expect(rows.map((row) => [row.name, row.customer])).toEqual([
      ['Contoso dev', 'Contoso'],
      ['Contoso prod', 'Contoso'],
      ['Loose', null],
    ])

    const text = await dvw(['connections', 'list'])
    expect(text.stdout).toMatch(/Contoso dev[^\n]*\n {2}Contoso · dev/)
    expect(text.stdout).toMatch(/Loose[^\n]*\n {2}Ungrouped · dev/)

    const only = await dvw(['connections', 'list', '--customer', 'contoso', '--json'])
    expect(only.code, only.stderr).toBe(0)
    expect((JSON.parse(only.stdout) as { name: string }[]).map((row) => row.name)).toEqual([
      'Contoso dev',
      'Contoso prod',
    ])

    const empty = await dvw(['connections', 'list', '--customer', 'Adatum'])
    expect(empty.code).toBe(0)
    expect(empty.stdout).toMatch(/"Adatum" has no connections yet/)
  })

  it('names the saved customers when --customer matches none (exit 1)', async () => {
    const result = await dvw(['connections', 'list', '--customer', 'Fabrikam'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/There is no customer called "Fabrikam"/)
    expect(result.stderr).toMatch(/The saved customers are: Adatum, Contoso\./)
  })

  it("exports one customer's connections and imports them into another customer", async () => {
    const file = join(dataDir, 'contoso-export.json')
    const exported = await dvw(['connections', 'export', file, '--customer', 'CONTOSO'])
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stdout).toMatch(/Exported 2 connections/)
    const text = await readFile(file, 'utf8')
    expect(text).toContain('Contoso dev')
    expect(text).not.toContain('Loose')

    const both = await dvw(['connections', 'export', file, '--customer', 'Contoso', '--ids', ids.Loose ?? ''])
    expect(both.code).toBe(2)

    const imported = await dvw(['connections', 'import', file, '--customer', 'adatum'])
    expect(imported.code, imported.stderr).toBe(0)
    const adatum = await dvw(['connections', 'list', '--customer', 'Adatum', '--json'])
    expect((JSON.parse(adatum.stdout) as { name: string; customer: string }[]).map((row) => row.customer)).toEqual([
      'Adatum',
      'Adatum',
    ])
  })
})
