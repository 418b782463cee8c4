/**
 * The editor's federated credential: chosen like the other credentials, it sends where the token
 * is read (a variable name or a file picked in main's dialog) and the expected subject, never a
 * token; a pasted token is refused. In a file of its own, like the other whole-editor flows.
 */
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../renderer/src/App'
import { FederatedCredentialFields } from '../../../renderer/src/features/connections/FederatedCredentialFields'
import { connection, installConnections, sample } from '../../support/connection-fixtures'
import { fakeBridge, installBridge, ok } from '../../support/fake-bridge'

beforeEach(() => {
  window.matchMedia = vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  }))
})

describe('connection editor: federated credential', () => {
  it('sends the variable name and expected subject, explains the subject format, and refuses a pasted token', async () => {
    const { save } = installConnections([sample, connection({})])
    render(<App />)
    const user = userEvent.setup()
    const item = (await screen.findAllByTestId('connection-item'))[1]!
    await user.dblClick(within(item).getByRole('button', { pressed: false }))
    await user.click(await screen.findByRole('radio', { name: 'Federated credential' }))
    const variable = await screen.findByTestId('federated-env-input')
    await user.type(variable, 'eyJhbGciOiJSUzI1NiJ9.e30.sig')
    await user.click(screen.getByTestId('save-connection'))
    expect(await screen.findByText(/looks like the token itself/)).toBeInTheDocument()
    expect(save).not.toHaveBeenCalled()
    await user.clear(variable)
    await user.type(variable, 'AZURE_FEDERATED_TOKEN')
    await user.type(screen.getByTestId('federated-subject-input'), 'repo:contoso/app:environment:Production')
    expect(
      screen.getByText(/GitHub Actions environment: repo:OWNER\/REPO:environment:NAME — owner “contoso”/),
    ).toBeInTheDocument()
    await user.click(screen.getByTestId('save-connection'))
    await waitFor(
      () =>
        expect(save.mock.calls[0]?.[0]).toMatchObject({
          draft: {
            auth: {
              kind: 'federated',
              tokenSource: 'env',
              tokenReference: 'AZURE_FEDERATED_TOKEN',
              expectedSubject: 'repo:contoso/app:environment:Production',
            },
          },
        }),
      { timeout: 5000 },
    )
    // Two saves through the whole editor: on a loaded 2-core machine this takes longer than the default 5 s.
  }, 40_000)

  it('shows a stored federated connection with its source and subject', async () => {
    installConnections([
      sample,
      connection({
        auth: {
          kind: 'federated',
          tokenSource: 'file',
          tokenReference: '/run/secrets/oidc-token',
          expectedSubject: 'sc://contoso/Dataverse/dataverse-prod',
        },
      }),
    ])
    render(<App />)
    const user = userEvent.setup()
    const item = (await screen.findAllByTestId('connection-item'))[1]!
    await user.dblClick(within(item).getByRole('button', { pressed: false }))
    expect(await screen.findByTestId('token-file-path')).toHaveTextContent('/run/secrets/oidc-token')
    expect(screen.getByTestId('federated-subject-input')).toHaveValue('sc://contoso/Dataverse/dataverse-prod')
    expect(screen.getByText(/Azure DevOps service connection: sc:\/\/ORG\/PROJECT\/SERVICE-CONNECTION/)).toBeVisible()
  }, 40_000)
})

describe('FederatedCredentialFields', () => {
  it('takes the token file from main’s file dialog, not from typing', async () => {
    const pick = vi.fn(() => ok({ path: '/agent/_work/_temp/oidc.jwt' }))
    installBridge(fakeBridge({ connectionsPickTokenFile: pick }))
    const onChange = vi.fn()
    render(
      <FederatedCredentialFields
        value={{ tokenSource: 'file', tokenReference: '', expectedSubject: '' }}
        onChange={onChange}
        message={() => undefined}
      />,
    )
    expect(screen.queryByRole('textbox', { name: /Token file/ })).toBeNull()
    await userEvent.setup().click(screen.getByTestId('pick-token-file'))
    expect(pick).toHaveBeenCalledTimes(1)
    expect(onChange).toHaveBeenCalledWith({ tokenReference: '/agent/_work/_temp/oidc.jwt' }, 'federatedToken')
  })
})
