import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DataverseBridge } from '@common/contract'
import { App } from '../../../renderer/src/App'
import { fakeBridge, installBridge, ok } from '../../support/fake-bridge'

function installApp(appInfo: DataverseBridge['appInfo']) {
  installBridge(
    fakeBridge({
      appInfo,
      appOpenExternal: () => ok({ opened: true }),
      queryTabsLoad: () => ok({ tabs: [], activeId: null }),
      queryTabsSave: () => ok({ saved: true }),
      connectionsList: () =>
        ok({ connections: [], problem: null, secretsPersistent: true, sampleScenarios: [], customers: [] }),
    }),
  )
}

beforeEach(() => {
  window.matchMedia = vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  }))
})

describe('app shell', () => {
  it('shows the connection rail empty state and the welcome tab', async () => {
    installApp(() =>
      ok({
        name: 'Dataverse Workbench',
        version: '0.1.0',
        electron: '45.5.0',
        chromium: '142.0',
        node: '22.20.0',
        platform: 'win32',
        arch: 'x64',
        host: 'electron',
      }),
    )
    render(<App />)
    expect(screen.getByRole('navigation', { name: 'Connections' })).toBeInTheDocument()
    expect(await screen.findByTestId('connections-empty')).toHaveTextContent('No saved connections yet')
    expect(screen.getByRole('tab', { name: 'Welcome' })).toHaveAttribute('aria-selected', 'true')
    await waitFor(() =>
      expect(screen.getByTestId('app-info')).toHaveTextContent(
        'Dataverse Workbench 0.1.0 · Electron 45.5.0 · Chromium 142.0 · Node 22.20.0 · win32 x64',
      ),
    )
  })

  it('says so in the status bar when main cannot answer', async () => {
    installApp(async () => ({
      ok: false,
      error: { code: 'INTERNAL', message: 'Main is unwell.', cause: 'c', next: 'n' },
    }))
    render(<App />)
    await waitFor(() =>
      expect(screen.getByTestId('app-info')).toHaveTextContent('App info unavailable: Main is unwell.'),
    )
  })

  it('lets the keyboard reach the search box', async () => {
    installApp(() =>
      ok({
        name: 'n',
        version: '1',
        electron: null,
        chromium: null,
        node: '20',
        platform: 'linux',
        arch: 'x64',
        host: 'harness',
      }),
    )
    render(<App />)
    const user = userEvent.setup()
    await user.tab()
    await user.tab()
    expect(document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent).toBeTruthy()
    await user.click(screen.getByRole('searchbox', { name: 'Search connections' }))
    await user.keyboard('contoso')
    expect(screen.getByRole('searchbox', { name: 'Search connections' })).toHaveValue('contoso')
  })

  it('closes a tab with its icon or with Delete, and never nests a button in a tab', async () => {
    installApp(() =>
      ok({
        name: 'n',
        version: '1',
        electron: null,
        chromium: null,
        node: '20',
        platform: 'linux',
        arch: 'x64',
        host: 'harness',
      }),
    )
    render(<App />)
    const user = userEvent.setup()
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Explain an error' }))
    const explainTab = await screen.findByRole('tab', { name: /Explain/ })
    for (const tab of screen.getAllByRole('tab')) expect(tab.querySelector('button')).toBeNull()
    await user.click(screen.getByTitle(/^Close Explain/))
    expect(screen.queryByRole('tab', { name: /Explain/ })).toBeNull()

    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Explain an error' }))
    const again = await screen.findByRole('tab', { name: /Explain/ })
    again.focus()
    await user.keyboard('{Delete}')
    expect(screen.queryByRole('tab', { name: /Explain/ })).toBeNull()
    expect(explainTab).not.toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'Welcome' })).toHaveAttribute('aria-selected', 'true')
  })
})
