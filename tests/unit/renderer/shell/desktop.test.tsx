import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionView } from '@common/connection'
import type { AppCommand } from '@common/contract/app'
import { App } from '../../../../renderer/src/App'

const sample: ConnectionView = {
  id: 'sample',
  name: 'Sample environment (offline)',
  orgUrl: 'https://contoso.crm.dynamics.com',
  apiVersion: '9.2',
  cloud: 'commercial',
  authorityHost: 'login.microsoftonline.com',
  tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
  clientId: 'aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb',
  auth: { kind: 'secret', hasSecret: true, hint: 'abc', expiresOn: '2027-03-01' },
  environment: 'dev',
  colour: '#038387',
  readOnly: true,
  notes: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastTest: null,
  builtIn: 'sample',
  scenario: 'healthy',
}

function installBridge(settings: { firstRunDone: boolean }) {
  const menu: { listener: ((payload: { command: AppCommand }) => void) | null } = { listener: null }
  const known = {
    appInfo: async () => ({
      ok: true,
      data: {
        name: 'Dataverse Workbench',
        version: '0.1.0',
        electron: null,
        chromium: null,
        node: '20',
        platform: 'linux',
        arch: 'x64',
        host: 'electron',
      },
    }),
    connectionsList: async () => ({
      ok: true,
      data: { connections: [sample], problem: null, secretsPersistent: true, sampleScenarios: [] },
    }),
    queryTabsLoad: async () => ({ ok: true, data: { tabs: [], activeId: null } }),
    queryTabsSave: async () => ({ ok: true, data: { saved: true } }),
    appSettings: vi.fn(async () => ({ ok: true, data: { ...settings, automaticUpdates: false } })),
    appSaveSettings: vi.fn(async (change: { firstRunDone?: boolean }) => ({
      ok: true,
      data: { firstRunDone: change.firstRunDone ?? false, automaticUpdates: false },
    })),
    checkRun: vi.fn(() => new Promise(() => undefined)),
    onAppCommandInvoked: (listener: (payload: { command: AppCommand }) => void) => {
      menu.listener = listener
      return () => (menu.listener = null)
    },
  }
  // Everything else the shell may ask for answers "not found"; listeners are no-ops.
  const api = new Proxy(known as Record<string, unknown>, {
    get: (target, name: string) =>
      name in target
        ? target[name]
        : name.startsWith('on')
          ? () => () => undefined
          : async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'n/a', cause: '', next: '' } }),
  })
  Object.defineProperty(window, 'dataverse', { configurable: true, value: api })
  return { api: known, menu }
}

beforeEach(() => {
  window.localStorage.clear()
  // jsdom has no layout; the query tab's editor and grid observe their size.
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
  window.matchMedia = vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  }))
})

// The whole shell renders in jsdom; on a busy two-core machine that takes several seconds.
describe('desktop shell', { timeout: 30_000 }, () => {
  it('shows the first-run panel once and starts on the sample environment', async () => {
    const { api } = installBridge({ firstRunDone: false })
    render(<App />)
    const start = await screen.findByRole('button', { name: 'Start on the sample environment' })
    await waitFor(() => expect(start).toBeEnabled())
    await userEvent.click(start)
    expect(api.appSaveSettings).toHaveBeenCalledWith({ firstRunDone: true })
    await waitFor(() => expect(api.checkRun).toHaveBeenCalledWith(expect.objectContaining({ connectionId: 'sample' })))
    await waitFor(() => expect(screen.queryByTestId('first-run')).not.toBeInTheDocument())
  })

  it('stays hidden after the first run', async () => {
    const { api } = installBridge({ firstRunDone: true })
    render(<App />)
    await waitFor(() => expect(api.appSettings).toHaveBeenCalled())
    expect(screen.queryByTestId('first-run')).not.toBeInTheDocument()
  })

  it('carries out the menu commands sent by main', async () => {
    const { menu } = installBridge({ firstRunDone: true })
    render(<App />)
    await waitFor(() => expect(menu.listener).not.toBeNull())
    const tabsBefore = screen.getAllByRole('tab').length
    act(() => menu.listener?.({ command: 'new-query' }))
    await waitFor(() => expect(screen.getAllByRole('tab').length).toBe(tabsBefore + 1))
    act(() => menu.listener?.({ command: 'toggle-presentation' }))
    await waitFor(() => expect(document.documentElement.dataset.presentation).toBe('on'))
  })
})
