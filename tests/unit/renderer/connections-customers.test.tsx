import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Customer } from '@common/customer'
import type { ConnectionView } from '@common/connection'
import type { DataverseBridge } from '@common/contract'
import { App } from '../../../renderer/src/App'
import { connection, installConnections, sample } from '../../support/connection-fixtures'
import { ok } from '../../support/fake-bridge'

const contoso: Customer = { id: '7d1f3c52-4a8e-4b7f-9c1e-2f3a4b5c6d7e', name: 'Contoso', colour: 'teal', notes: '' }
const adatum: Customer = { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Adatum', colour: 'berry', notes: '' }
const contosoDev = connection({ id: 'c-1', name: 'Contoso dev', customerId: contoso.id })
const contosoTest = connection({
  id: 'c-2',
  name: 'Contoso test',
  orgUrl: 'https://contoso-test.crm4.dynamics.com',
  customerId: contoso.id,
})
const loose = connection({ id: 'c-3', name: 'Fabrikam sandbox', orgUrl: 'https://fabrikam.crm.dynamics.com' })

function installCustomers(
  connections: ConnectionView[],
  customers: Customer[],
  overrides: Partial<DataverseBridge> = {},
) {
  return installConnections(connections, {
    connectionsList: () => ok({ connections, problem: null, secretsPersistent: true, sampleScenarios: [], customers }),
    ...overrides,
  })
}

const group = (name: string) =>
  screen.getAllByTestId('customer-group').find((element) => element.getAttribute('data-customer-name') === name)!
const namesIn = (element: HTMLElement) =>
  within(element)
    .queryAllByTestId('connection-item')
    .map((item) => item.getAttribute('data-connection-name'))

beforeEach(() => {
  window.localStorage.clear()
  window.matchMedia = vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  }))
})

describe('the rail groups connections by customer', { timeout: 20_000 }, () => {
  it('pins the sample, then one group per customer by name with its colour and count, then Ungrouped', async () => {
    installCustomers([sample, contosoDev, contosoTest, loose], [adatum, contoso])
    render(<App />)
    await waitFor(() => expect(screen.getAllByTestId('customer-group')).toHaveLength(3))
    expect(
      screen.getAllByTestId('customer-group').map((element) => element.getAttribute('data-customer-name')),
    ).toEqual(['Adatum', 'Contoso', 'Ungrouped'])
    expect(screen.getAllByTestId('connection-item')[0]?.getAttribute('data-connection-name')).toBe(sample.name)
    expect(namesIn(group('Contoso'))).toEqual(['Contoso dev', 'Contoso test'])
    expect(within(group('Contoso')).getByTestId('customer-count').textContent).toBe('2')
    expect(within(group('Contoso')).getByTestId('customer-dot').getAttribute('style')).toContain(
      'colorPaletteTealBorderActive',
    )
    expect(namesIn(group('Ungrouped'))).toEqual(['Fabrikam sandbox'])
    expect(within(group('Adatum')).getByTestId('customer-count').textContent).toBe('0')
  })

  it('collapses a customer, and remembers it when the window opens again', async () => {
    installCustomers([sample, contosoDev, contosoTest, loose], [contoso])
    const first = render(<App />)
    await waitFor(() => expect(namesIn(group('Contoso'))).toHaveLength(2))
    const toggle = within(group('Contoso')).getByTestId('customer-toggle')
    await userEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(namesIn(group('Contoso'))).toEqual([])
    expect(namesIn(group('Ungrouped'))).toEqual(['Fabrikam sandbox'])
    first.unmount()

    render(<App />)
    await waitFor(() => expect(screen.getAllByTestId('customer-group')).toHaveLength(2))
    expect(within(group('Contoso')).getByTestId('customer-toggle').getAttribute('aria-expanded')).toBe('false')
    expect(namesIn(group('Contoso'))).toEqual([])
  })

  it("filters by a customer's name (all its connections) or a connection's name, opening collapsed groups", async () => {
    installCustomers([sample, contosoDev, contosoTest, loose], [contoso])
    render(<App />)
    await waitFor(() => expect(namesIn(group('Contoso'))).toHaveLength(2))
    await userEvent.click(within(group('Contoso')).getByTestId('customer-toggle'))
    const search = screen.getByRole('searchbox', { name: 'Search connections' })

    await userEvent.type(search, 'contoso')
    expect(screen.getAllByTestId('customer-group').map((element) => element.dataset.customerName)).toEqual(['Contoso'])
    expect(namesIn(group('Contoso'))).toEqual(['Contoso dev', 'Contoso test'])

    await userEvent.clear(search)
    await userEvent.type(search, 'fabrikam')
    expect(screen.getAllByTestId('customer-group').map((element) => element.dataset.customerName)).toEqual([
      'Ungrouped',
    ])

    await userEvent.clear(search)
    await userEvent.type(search, 'nothing like it')
    expect(screen.queryAllByTestId('customer-group')).toHaveLength(0)
    expect(screen.getByText(/No connection matches/)).toBeTruthy()
  })

  it('moves a connection into a customer from its menu', async () => {
    const assign = vi.fn<DataverseBridge['customersAssign']>(() => ok({ ...loose, customerId: contoso.id }))
    installCustomers([sample, contosoDev, loose], [contoso], { customersAssign: assign })
    render(<App />)
    await waitFor(() => expect(namesIn(group('Ungrouped'))).toEqual(['Fabrikam sandbox']))
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Fabrikam sandbox' }))
    await userEvent.click(await screen.findByTestId('rail-move-to-customer'))
    await userEvent.click(await screen.findByRole('menuitemradio', { name: 'Contoso' }))
    await waitFor(() => expect(assign).toHaveBeenCalledWith({ connectionId: loose.id, customerId: contoso.id }))
    expect(await screen.findByTestId('rail-notice')).toHaveProperty(
      'textContent',
      expect.stringContaining('Moved “Fabrikam sandbox” to Contoso'),
    )
  })

  it('puts a connection into a customer from the editor', async () => {
    const { save } = installCustomers([sample, contosoDev, loose], [contoso])
    render(<App />)
    await waitFor(() => expect(namesIn(group('Ungrouped'))).toEqual(['Fabrikam sandbox']))
    const user = userEvent.setup()
    await user.dblClick(within(group('Ungrouped')).getByRole('button', { pressed: false }))
    const editor = await screen.findByTestId('connection-editor')
    await user.click(within(editor).getByTestId('customer-select'))
    await user.click(await screen.findByRole('option', { name: 'Contoso' }))
    await user.click(within(editor).getByTestId('save-connection'))
    await waitFor(() => expect(save).toHaveBeenCalled())
    expect(save.mock.calls[0]?.[0]).toMatchObject({ id: loose.id, draft: { customerId: contoso.id } })
  })
})
