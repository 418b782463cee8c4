/**
 * The product's own client sends `$batch` to the HTTPS emulator through its guarded transport:
 * a batch of GETs goes through on a read-only connection; a change set is refused there before
 * it is sent (main/http/guards.ts reads the batch with main/http/batch.ts) and runs on a writable
 * connection.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import { createNodeFetch } from '../../../main/http/node-fetch'
import { batchBody, readBatchAnswer, type RawItem } from '../../support/batch-text'
import { emulatorConnection, emulatorQueryKit } from '../../support/emulator-session'

let emulator: RunningEmulator
let dir: string
const API = '/api/data/v9.2'

beforeAll(async () => {
  emulator = await startHttpsEmulator({ orgs: [{ name: 'contoso' }], rows: { accounts: 30, contacts: 30 } })
  dir = await mkdtemp(join(tmpdir(), 'dvw-batch-'))
})
afterAll(async () => {
  await emulator?.close()
  await rm(dir, { recursive: true, force: true })
})

function clientFor(readOnly: boolean, name: string) {
  const kit = emulatorQueryKit(join(dir, name), {
    base: createNodeFetch({ ca: [emulator.caPem], proxyUrl: null }),
    connection: emulatorConnection(emulator.orgs[0]!.url, emulator.authorityUrl, readOnly),
    history: false,
  })
  return kit.session.client
}

function send(client: ReturnType<typeof clientFor>, items: readonly RawItem[]) {
  const { body, contentType } = batchBody(items)
  return client.request({ method: 'POST', path: '$batch', headers: { 'content-type': contentType }, body })
}

const createTwo: RawItem = {
  changeset: [
    { method: 'POST', url: `${API}/accounts`, contentId: '1', body: { name: 'Product batch account' } },
    {
      method: 'POST',
      url: `${API}/contacts`,
      contentId: '2',
      body: { lastname: 'Product batch contact', 'parentcustomerid_account@odata.bind': '$1' },
    },
  ],
}

describe('$batch from the product client', () => {
  it('sends a batch of GETs on a read-only connection and reads the multipart answer', async () => {
    const answer = await send(clientFor(true, 'read-only'), [
      { method: 'GET', url: `${API}/accounts?$select=name&$top=2` },
      { method: 'GET', url: `${API}/WhoAmI` },
    ])
    expect(answer.status).toBe(200)
    const parts = readBatchAnswer(answer.headers['content-type'] ?? '', answer.text)
    expect(parts.map((part) => part.status)).toEqual([200, 200])
    expect(parts[0]?.json.value).toHaveLength(2)
  })

  it('refuses a change set on a read-only connection before the emulator sees it', async () => {
    const before = emulator.emulator.table('account').length
    await expect(send(clientFor(true, 'read-only-write'), [createTwo])).rejects.toMatchObject({ code: 'READ_ONLY' })
    expect(emulator.emulator.table('account')).toHaveLength(before)
  })

  it('runs the change set on a writable connection', async () => {
    const answer = await send(clientFor(false, 'writable'), [createTwo])
    expect(answer.status).toBe(200)
    const parts = readBatchAnswer(answer.headers['content-type'] ?? '', answer.text)
    expect(parts.map((part) => [part.contentId, part.status])).toEqual([
      ['1', 204],
      ['2', 204],
    ])
    const account = emulator.emulator.table('account').find((row) => row.name === 'Product batch account')
    const contact = emulator.emulator.table('contact').find((row) => row.lastname === 'Product batch contact')
    expect(contact?._parentcustomerid_value).toBe(account?.accountid)
  })
})
