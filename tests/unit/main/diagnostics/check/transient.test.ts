import { describe, expect, it } from 'vitest'
import { retryingUnavailableReads, warnAfterRetries } from '../../../../../main/diagnostics/check/transient'
import { createTransport } from '../../../../../main/http/transport'

/** A server that answers 503 to the first `failures` requests, then 200, counting what it saw. */
function unavailableServer(failures: number) {
  const seen: string[] = []
  const transport = createTransport(
    async (request) => {
      seen.push(request.method)
      return seen.length <= failures
        ? new Response('{"error":{"code":"0x80040216","message":"busy"}}', { status: 503 })
        : new Response('ok')
    },
    { orgHost: 'contoso.crm.dynamics.com', authorityHost: null },
  )
  return { seen, transport }
}

describe('the check asks a read again after a 503', () => {
  it('sends a GET once more and counts the retry', async () => {
    const server = unavailableServer(1)
    let retries = 0
    const send = retryingUnavailableReads(server.transport, () => retries++)
    const response = await send(new Request('https://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI'))
    expect([response.status, await response.text(), retries, server.seen]).toEqual([200, 'ok', 1, ['GET', 'GET']])
  })

  it('hands back the second 503: one more ask, not a loop', async () => {
    const server = unavailableServer(5)
    let retries = 0
    const response = await retryingUnavailableReads(
      server.transport,
      () => retries++,
    )(new Request('https://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI'))
    expect([response.status, retries, server.seen.length]).toEqual([503, 1, 2])
  })

  it('never repeats a write', async () => {
    const server = unavailableServer(1)
    let retries = 0
    const response = await retryingUnavailableReads(
      server.transport,
      () => retries++,
    )(new Request('https://contoso.crm.dynamics.com/api/data/v9.2/accounts', { method: 'POST', body: '{}' }))
    expect([response.status, retries, server.seen]).toEqual([503, 0, ['POST']])
  })
})

describe('a step that needed a retry', () => {
  const passed = { status: 'pass' as const, summary: 'Dataverse knows this app.' }

  it('becomes a warning that names the 503s and how to follow up', () => {
    const outcome = warnAfterRetries(passed, 2, 'commercial')
    expect(outcome.status).toBe('warn')
    expect(outcome.summary).toBe('Dataverse knows this app — after Dataverse answered 503 2 times and was asked again.')
    expect(outcome.diagnoses?.map((d) => d.id)).toEqual(['service-unavailable'])
  })

  it('is left alone when nothing was retried, or when it failed anyway', () => {
    expect(warnAfterRetries(passed, 0, 'commercial')).toBe(passed)
    const failed = { status: 'fail' as const, summary: 'Cannot read account.' }
    expect(warnAfterRetries(failed, 1, 'commercial')).toBe(failed)
  })
})
