import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DataverseBridge } from '@common/contract'
import type { EnvironmentDiscoveryResult } from '@common/contract/environments'
import { CopyAsCommandDialog } from '../../../renderer/src/features/connections/CopyAsCommandDialog'
import { DiscoverEnvironmentsDialog } from '../../../renderer/src/features/connections/DiscoverEnvironmentsDialog'
import { fakeBridge, installBridge, ok } from '../../support/fake-bridge'
import { connection, dev } from '../../support/connection-fixtures'

beforeEach(() => {
  // jsdom has no ResizeObserver; Fluent's MessageBar and Table observe their size.
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
})

const listed: EnvironmentDiscoveryResult = {
  status: 'listed',
  apiHost: 'api.powerplatform.com',
  environments: [
    {
      id: 'e-1',
      displayName: 'Fabrikam',
      url: 'https://fabrikam.crm4.dynamics.com',
      type: 'Sandbox',
      rawType: 'Sandbox',
      region: 'westeurope',
      state: 'Ready',
      existingConnectionId: null,
    },
    {
      id: 'e-2',
      displayName: 'Contoso',
      url: 'https://contoso.crm.dynamics.com',
      type: 'Production',
      rawType: 'Production',
      region: 'westus',
      state: 'Ready',
      existingConnectionId: 'c-1',
    },
    {
      id: 'e-3',
      displayName: 'Trial',
      url: null,
      type: 'Trial',
      rawType: 'Trial',
      region: 'westus',
      state: 'Disabled',
      existingConnectionId: null,
    },
  ],
}

describe('Discover environments', () => {
  it('lists environments, lets only new ones with Dataverse be chosen, and creates connections for the chosen', async () => {
    const create = vi.fn<DataverseBridge['environmentsCreateConnections']>(() =>
      ok({ created: [connection({ id: 'c-7', name: 'Fabrikam' })], skipped: [] }),
    )
    installBridge(fakeBridge({ environmentsDiscover: () => ok(listed), environmentsCreateConnections: create }))
    const onCreated = vi.fn()
    render(<DiscoverEnvironmentsDialog connection={dev} onClose={() => undefined} onCreated={onCreated} />)
    const rows = await screen.findAllByTestId('discovered-environment')
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('FabrikamSandboxwesteuropeReady'),
      expect.stringContaining('(saved)'),
      expect.stringContaining('No Dataverse database'),
    ])
    expect(within(rows[1]!).getByRole('checkbox')).toBeDisabled()
    expect(within(rows[2]!).getByRole('checkbox')).toBeDisabled()
    const button = screen.getByTestId('create-discovered')
    expect(button).toBeDisabled()
    await userEvent.click(within(rows[0]!).getByRole('checkbox'))
    await userEvent.click(screen.getByTestId('create-discovered'))
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(1, []))
    expect(create).toHaveBeenCalledWith({
      connectionId: dev.id,
      environments: [{ displayName: 'Fabrikam', url: 'https://fabrikam.crm4.dynamics.com', type: 'Sandbox' }],
    })
  })

  it('shows what is missing and the commands that grant it when the app is not allowed', async () => {
    installBridge(
      fakeBridge({
        environmentsDiscover: () =>
          ok({
            status: 'denied',
            apiHost: 'api.powerplatform.com',
            reason: 'not-management-app',
            message: 'The Power Platform API refused to list environments for the app (403 Forbidden).',
            cause:
              'The app registration is neither registered as a Power Platform management application nor given a role.',
            steps: [
              { label: 'With the pac CLI:', command: 'pac admin application register --application-id x' },
              { label: 'Or a role in the admin center.', command: null },
            ],
            apiCode: 'Forbidden',
            httpStatus: 403,
          }),
      }),
    )
    render(<DiscoverEnvironmentsDialog connection={dev} onClose={() => undefined} onCreated={() => undefined} />)
    const denied = await screen.findByTestId('discovery-denied')
    expect(denied).toHaveTextContent('403 Forbidden')
    expect(denied).toHaveTextContent('neither registered as a Power Platform management application')
    expect(screen.getAllByTestId('grant-command').map((node) => node.textContent)).toEqual([
      expect.stringContaining('pac admin application register --application-id x'),
    ])
    expect(screen.queryByTestId('create-discovered')).toBeNull()
  })
})

describe('Copy as command', () => {
  it('shows the command main wrote for the chosen tool and shell, and the notes', async () => {
    const command = vi.fn<DataverseBridge['interopCommand']>((input) =>
      ok({
        target: input.target,
        powershell: `${input.target} ps --clientSecret $env:DVW_SECRET`,
        bash: `${input.target} sh --clientSecret "$DVW_SECRET"`,
        notes: ['Set DVW_SECRET first.'],
      }),
    )
    installBridge(fakeBridge({ interopCommand: command }))
    render(<CopyAsCommandDialog connection={dev} onClose={() => undefined} />)
    expect(await screen.findByTestId('command-text')).toHaveTextContent('pac ps --clientSecret $env:DVW_SECRET')
    await userEvent.click(screen.getByRole('tab', { name: 'bash / zsh' }))
    expect(screen.getByTestId('command-text')).toHaveTextContent('pac sh --clientSecret "$DVW_SECRET"')
    await userEvent.click(screen.getByTestId('command-target-az'))
    await waitFor(() => expect(screen.getByTestId('command-text')).toHaveTextContent('az sh'))
    expect(command).toHaveBeenLastCalledWith({ connectionId: dev.id, target: 'az' })
    expect(screen.getByText('Set DVW_SECRET first.')).toBeInTheDocument()
  })
})
