import { describe, expect, it } from 'vitest'
import { createCliHost } from '../../../../main/cli/host'
import type { CliIo } from '../../../../main/cli/io'

const io: CliIo = {
  stdout: () => undefined,
  stderr: () => undefined,
  env: { DVW_DATA_DIR: '/tmp/dvw-cli-data' },
  readStdin: async () => '',
  isTty: false,
}

describe('CLI host', () => {
  const host = createCliHost(io)

  it('keeps secrets in memory for the one command and its stores in DVW_DATA_DIR', async () => {
    expect(host.kind).toBe('cli')
    expect(host.vault.persistent).toBe(false)
    expect(host.dataDir).toBe('/tmp/dvw-cli-data')
    expect(host.openStore('connections').path).toBe('/tmp/dvw-cli-data/connections.json')
  })

  it('says clearly that there are no dialogs or clipboard', async () => {
    await expect(host.pickFiles({ title: 't', filters: [] })).rejects.toMatchObject({ code: 'UNSUPPORTED' })
    await expect(host.writeClipboard('x')).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      next: expect.stringMatching(/option/),
    })
  })
})
