/**
 * Through the real dispatcher and handlers, with conf files in a temp data folder and the fake cloud
 * over HTTPS: a damaged connections file is preserved and reported; and no secret or token ends up in
 * clear text in any file the app writes (connections, exports, anything else in the data folder).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Channel, RequestOf, ResponseOf } from '@common/contract'
import type { Result } from '@common/result'
import { sealSecret } from '@common/seal'
import { createApi } from '../../../main/ipc/api'
import { SAMPLE_CONNECTION_ID } from '../../../main/connections/sample'
import { dispatch } from '../../../main/ipc/dispatch'
import { createNodeFetch, type NodeFetch } from '../../../main/http/node-fetch'
import { createServices, type Services } from '../../../main/app/create-services'
import { serveFakeCloud, type HttpsFakeCloud } from '../../support/fake-cloud'
import { createTestPki } from '../../support/pki'
import { createTestHost, type TestHost } from '../../support/test-host'

const SECRET = 'Zx8Q~at-rest-check-secret-0123456789abcd'

let fake: HttpsFakeCloud
let base: NodeFetch
let dir: string
let host: TestHost
let services: Services
const api = createApi()

beforeAll(async () => {
  const pki = await createTestPki()
  fake = await serveFakeCloud(pki.server, { secret: SECRET })
  base = createNodeFetch({ ca: [pki.ca.cert], proxyUrl: null })
})
afterAll(async () => {
  await Promise.all([fake.close(), base.close()])
})
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-data-'))
  host = createTestHost(dir, 'harness', { fetch: base })
  services = createServices(host)
  return () => rmSync(dir, { recursive: true, force: true })
})

async function call<C extends Channel>(channel: C, input?: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return (await dispatch(api, channel, input, { services, send: () => undefined })) as Result<ResponseOf<C>>
}

async function data<C extends Channel>(channel: C, input?: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await call(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.data
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('a damaged connections file', () => {
  it('is kept byte for byte, copied aside, reported on the list and refused for writes', async () => {
    const damaged = '{"schemaVersion":1,"connections":[{"id":"abc","name":"Contoso prod","orgUrl":'
    writeFileSync(join(dir, 'connections.json'), damaged)

    const list = await data('connections:list')
    expect(list.problem).toMatchObject({ reason: 'unreadable', file: join(dir, 'connections.json') })
    expect(list.problem?.copiedTo).toMatch(/connections\.json\.corrupt-/)

    const key = await data('connections:secret-key')
    const save = await call('connections:save', {
      id: null,
      draft: {
        name: 'New',
        orgUrl: fake.org.origin,
        cloud: 'commercial',
        authorityHost: fake.authority.host,
        customSignInHost: true,
        tenantId: fake.cloud.tenantId,
        clientId: fake.cloud.clientId,
        environment: 'dev',
        auth: { kind: 'secret', secret: { action: 'set', sealed: await sealSecret(key, SECRET) } },
      },
    })
    expect(save.ok).toBe(false)
    if (!save.ok) {
      expect(save.error.code).toBe('STORE_CORRUPT')
      expect(save.error.message).toMatch(/could not be read/)
      expect(save.error.next).toMatch(/A copy was saved as .*connections\.json\.corrupt-/)
    }
    expect(readFileSync(join(dir, 'connections.json'), 'utf8')).toBe(damaged)
    expect(readFileSync(list.problem!.copiedTo!, 'utf8')).toBe(damaged)

    expect((await data('connections:store-reset', { confirm: true })).reset).toBe(true)
    expect((await data('connections:list')).problem).toBeNull()
    expect(readFileSync(list.problem!.copiedTo!, 'utf8')).toBe(damaged)
  })
})

describe('a connections file that holds no document', () => {
  it.each(['null', '[]', '0', '{}'])(
    'L5 holding %s is copied aside, reported on the list and never overwritten',
    async (content) => {
      const file = join(dir, 'connections.json')
      writeFileSync(file, content)

      const list = await data('connections:list')
      expect(list.connections.map((connection) => connection.id)).toEqual([SAMPLE_CONNECTION_ID])
      expect(list.problem).toMatchObject({ reason: 'invalid', file })
      expect(readFileSync(list.problem!.copiedTo!, 'utf8')).toBe(content)

      const duplicate = await call('connections:duplicate', { id: 'abc' })
      expect(duplicate.ok).toBe(false)
      if (!duplicate.ok) {
        expect(duplicate.error.code).toBe('STORE_CORRUPT')
        expect(duplicate.error.next).toMatch(/A copy was saved as .*connections\.json\.corrupt-/)
      }
      expect(readFileSync(file, 'utf8')).toBe(content)
    },
  )

  it('L5 starts with no connections and no problem on a new install', async () => {
    const list = await data('connections:list')
    expect(list.problem).toBeNull()
    expect(list.connections.map((connection) => connection.id)).toEqual([SAMPLE_CONNECTION_ID])
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('secrets at rest', () => {
  it('never writes the secret or a token in clear text to any file under the data folder', async () => {
    const key = await data('connections:secret-key')
    const saved = await data('connections:save', {
      id: null,
      draft: {
        name: 'Contoso dev',
        orgUrl: fake.org.origin,
        cloud: 'commercial',
        authorityHost: fake.authority.host,
        customSignInHost: true,
        tenantId: fake.cloud.tenantId,
        clientId: fake.cloud.clientId,
        environment: 'dev',
        auth: {
          kind: 'secret',
          secret: { action: 'set', sealed: await sealSecret(key, SECRET) },
          expiresOn: '2027-03-01',
        },
      },
    })
    expect(saved.auth).toMatchObject({ hasSecret: true, hint: 'Zx8' })

    const copied = await data('connections:copy-token', { id: saved.id })
    expect(copied.warning).toMatch(/bearer credential/)
    const token = host.clipboard.at(-1)!
    expect(fake.cloud.issuedTokens).toContain(token)
    expect(JSON.stringify(copied)).not.toContain(token)

    await data('connections:duplicate', { id: saved.id })
    mkdirSync(join(dir, 'exports'))
    host.answerNextSave(join(dir, 'exports', 'connections.json'))
    expect((await data('connections:export', { ids: [], format: 'json' })).count).toBe(2)
    host.answerNextSave(join(dir, 'exports', 'connections.txt'))
    await data('connections:export', { ids: [saved.id], format: 'connection-string' })
    expect(readFileSync(join(dir, 'exports', 'connections.txt'), 'utf8')).toMatch(
      /ClientSecret=<client-secret-not-exported>/,
    )

    const files = filesUnder(dir)
    expect(files.map((file) => file.slice(dir.length + 1)).sort()).toEqual([
      'connections.json',
      'exports/connections.json',
      'exports/connections.txt',
    ])
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1')
      for (const secretForm of [SECRET, encodeURIComponent(SECRET), Buffer.from(SECRET).toString('base64'), token]) {
        expect(bytes.includes(secretForm), `${file} contains a secret or token`).toBe(false)
      }
    }
  })
})
