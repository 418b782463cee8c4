import { describe, expect, it, vi } from 'vitest'
import { AppFailure } from '@common/result'
import { createApi } from '../../../../main/ipc/api'
import { dispatch, type DispatchHost } from '../../../../main/ipc/dispatch'
import type { ApiTable } from '../../../../main/ipc/handler-types'
import { createServices } from '../../../../main/app/create-services'
import { createTestHost } from '../../../support/test-host'

const info = {
  name: 'Dataverse Workbench',
  version: '0.1.0',
  electron: null,
  chromium: null,
  node: '20',
  platform: 'linux',
  arch: 'x64',
  host: 'harness' as const,
}

function host(overrides: { appInfo?: () => unknown } = {}) {
  const report = vi.fn<(channel: string, error: unknown) => void>()
  const testHost = { ...createTestHost('/tmp/unused'), appInfo: () => info, ...overrides } as ReturnType<
    typeof createTestHost
  >
  const dispatchHost: DispatchHost = {
    services: createServices(testHost),
    send: vi.fn(),
    report,
  }
  return Object.assign(dispatchHost, { report })
}

describe('dispatch', () => {
  it('returns data for a valid call', async () => {
    expect(await dispatch(createApi(), 'app:info', undefined, host())).toEqual({ ok: true, data: info })
  })

  it('refuses an unknown channel', async () => {
    const result = await dispatch(createApi(), 'shell:exec', {}, host())
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
  })

  it('rejects invalid input without echoing the values sent', async () => {
    const result = await dispatch(createApi(), 'app:open-external', { url: { secret: 'hunter2-value' } }, host())
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(JSON.stringify(result)).not.toContain('hunter2-value')
    expect(JSON.stringify(result)).toContain('url')
  })

  it('turns an AppFailure into its error, with cause and next step', async () => {
    const result = await dispatch(createApi(), 'app:open-external', { url: 'https://evil.example/' }, host())
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.cause).toMatch(/Microsoft documentation/)
    expect(result.error.next.length).toBeGreaterThan(0)
  })

  it('never throws: an unexpected error becomes INTERNAL and is reported', async () => {
    const h = host({
      appInfo: () => {
        throw new Error('boom with token eyJhbGciOi')
      },
    })
    const result = await dispatch(createApi(), 'app:info', undefined, h)
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain('eyJhbGciOi')
    expect(h.report).toHaveBeenCalledWith('app:info', expect.any(Error))
  })

  it('L7 never logs the user:password of a URL in an unexpected error', async () => {
    const h = host({
      appInfo: () => {
        new Request('https://admin:hunter2@contoso.crm.dynamics.com/api/data/v9.2/accounts')
        return info
      },
    })
    const result = await dispatch(createApi(), 'app:info', undefined, h)
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    const [, logged] = h.report.mock.calls[0] ?? []
    expect(logged).toBeInstanceOf(Error)
    const text = `${(logged as Error).message}\n${(logged as Error).stack}`
    expect(text).toMatch(/credentials/)
    expect(text).not.toMatch(/hunter2|admin:/)
  })

  it('strips fields the response contract does not declare', async () => {
    const leaky = { ...info, clientSecret: 'do-not-leak' }
    const result = await dispatch(createApi(), 'app:info', undefined, host({ appInfo: () => leaky }))
    expect(JSON.stringify(result)).not.toContain('do-not-leak')
  })

  it('reports a response that breaks its contract instead of sending it', async () => {
    const api = { ...createApi(), 'app:info': async () => ({ name: 42 }) } as unknown as ApiTable
    const h = host()
    const result = await dispatch(api, 'app:info', undefined, h)
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(h.report).toHaveBeenCalled()
  })

  it('passes AppFailure details through', async () => {
    const api = {
      ...createApi(),
      'app:info': async () => {
        throw new AppFailure({ code: 'NOT_FOUND', message: 'm', cause: 'c', next: 'n', details: { id: 'x' } })
      },
    } as unknown as ApiTable
    expect(await dispatch(api, 'app:info', undefined, host())).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'm', cause: 'c', next: 'n', details: { id: 'x' } },
    })
  })

  it('holds a failure to the error contract: undeclared detail fields are stripped, mistyped details dropped and logged', async () => {
    const failWith = (details: unknown) =>
      ({
        ...createApi(),
        'app:info': async () => {
          throw new AppFailure({ code: 'NOT_FOUND', message: 'm', cause: 'c', next: 'n', details } as never)
        },
      }) as unknown as ApiTable
    const stray = await dispatch(failWith({ id: 'x', body: 'client_secret=abc' }), 'app:info', undefined, host())
    expect(stray).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'm', cause: 'c', next: 'n', details: { id: 'x' } },
    })
    const h = host()
    const mistyped = await dispatch(failWith({ id: 42 }), 'app:info', undefined, h)
    expect(mistyped).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'm', cause: 'c', next: 'n' } })
    expect(h.report).toHaveBeenCalledWith(
      'app:info',
      expect.objectContaining({ message: expect.stringContaining('NOT_FOUND failure failed its contract') }),
    )
  })
})
