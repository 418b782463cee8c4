import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../../renderer/src/App'
import type { ExplainResult, TokenInspection } from '@common/diagnostics'
import type { DataverseBridge } from '@common/contract'
import { fakeBridge, installBridge, ok } from '../../../support/fake-bridge'

const explained: ExplainResult = {
  matched: true,
  cloud: 'commercial',
  summary: 'Most likely: Entra ID rejected the client secret.',
  recognised: {
    aadsts: ['7000215'],
    dataverseCodes: [],
    traceIds: ['t-1'],
    correlationIds: [],
    timestamps: [],
    requestIds: [],
    hosts: [],
  },
  diagnoses: [
    {
      id: 'secret-invalid',
      title: 'Entra ID rejected the client secret',
      confidence: 'high',
      cause: 'The Secret ID was pasted instead of the Value.',
      fix: ['Open Certificates & secrets.', 'Copy the Value.'],
      docsUrl: 'https://login.microsoftonline.com/error?code=7000215',
      matched: 'AADSTS7000215',
    },
  ],
}

const inspection: TokenInspection = {
  header: [{ name: 'alg', value: 'RS256', meaning: 'Signature algorithm.' }],
  claims: [{ name: 'aud', value: 'https://contoso.crm.dynamics.com', meaning: 'Audience.' }],
  findings: [{ id: 'token-expired', severity: 'error', message: 'Expired 5 min ago.' }],
  expiry: { expiresAt: '2026-11-26T09:00:00.000Z', secondsRemaining: -300 },
  version: '1.0',
  kind: 'app',
}

let explain: ReturnType<typeof vi.fn<DataverseBridge['diagnosticsExplain']>>
let inspectToken: ReturnType<typeof vi.fn<DataverseBridge['diagnosticsInspectToken']>>
let openExternal: ReturnType<typeof vi.fn<DataverseBridge['appOpenExternal']>>

function installApp(overrides: Partial<DataverseBridge> = {}) {
  installBridge(
    fakeBridge({
      appInfo: () =>
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
      appOpenExternal: openExternal,
      diagnosticsExplain: explain,
      diagnosticsInspectToken: inspectToken,
      connectionsList: () =>
        ok({ connections: [], problem: null, secretsPersistent: true, sampleScenarios: [], customers: [] }),
      queryTabsLoad: () => ok({ tabs: [], activeId: null }),
      queryTabsSave: () => ok({ saved: true }),
      ...overrides,
    }),
  )
}

beforeEach(() => {
  // jsdom has no ResizeObserver; Fluent's Textarea and Table observe their size.
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
  explain = vi.fn<DataverseBridge['diagnosticsExplain']>(() => ok(explained))
  inspectToken = vi.fn<DataverseBridge['diagnosticsInspectToken']>(() => ok(inspection))
  openExternal = vi.fn<DataverseBridge['appOpenExternal']>(() => ok({ opened: true }))
  installApp()
})

describe('Explain an error panel', () => {
  it('opens from the welcome card, shows the fix before the cause, and opens docs through main', async () => {
    const user = userEvent.setup()
    render(<App />)
    await user.click(screen.getByTestId('welcome-explain'))
    await user.click(screen.getByTestId('explain-input'))
    await user.paste('AADSTS7000215: Invalid client secret provided.')
    await user.click(screen.getByTestId('explain-run'))
    const card = await screen.findByTestId('diagnosis')
    expect(explain).toHaveBeenCalledWith({ text: 'AADSTS7000215: Invalid client secret provided.' })
    const text = card.textContent ?? ''
    expect(text.indexOf('Copy the Value.')).toBeLessThan(text.indexOf('The Secret ID was pasted'))
    expect(
      within(card)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Open Certificates & secrets.', 'Copy the Value.'])
    expect(screen.getByTestId('explain-recognised')).toHaveTextContent('AADSTS7000215')
    await user.click(within(card).getByRole('button', { name: 'Microsoft documentation' }))
    expect(openExternal).toHaveBeenCalledWith({ url: 'https://login.microsoftonline.com/error?code=7000215' })
  })

  it('shows the error main returns, with its next step', async () => {
    installApp({
      diagnosticsExplain: async () => ({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Too long.', cause: 'c', next: 'Paste less.' },
      }),
    })
    const user = userEvent.setup()
    render(<App />)
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Explain an error' }))
    await user.click(screen.getByTestId('explain-input'))
    await user.paste('x')
    await user.click(screen.getByTestId('explain-run'))
    expect(await screen.findByText('Too long.')).toBeInTheDocument()
    expect(screen.getByText('Paste less.')).toBeInTheDocument()
  })
})

describe('Token inspector', () => {
  it('sends the token once with the expectations, clears it, and shows findings, countdown and claims', async () => {
    const user = userEvent.setup()
    render(<App />)
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Token inspector' }))
    await user.click(screen.getByTestId('token-input'))
    await user.paste('eyJ.a.b')
    await user.type(screen.getByTestId('token-expected-url'), 'https://contoso.crm.dynamics.com')
    await user.click(screen.getByTestId('token-run'))
    expect(inspectToken).toHaveBeenCalledWith({
      token: 'eyJ.a.b',
      expected: { environmentUrl: 'https://contoso.crm.dynamics.com' },
    })
    await screen.findByTestId('token-result')
    expect(screen.getByTestId('token-input')).toHaveValue('')
    expect(screen.getByTestId('token-countdown')).toHaveTextContent(/^Expired 5 min \d+ s ago/)
    expect(screen.getByTestId('token-findings')).toHaveTextContent('token-expired')
    expect(screen.getByTestId('token-claims')).toHaveTextContent('https://contoso.crm.dynamics.com')
    await waitFor(() => expect(screen.getByTestId('token-header')).toHaveTextContent('RS256'))
  })
})
