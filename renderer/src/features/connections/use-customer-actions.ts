/** What the rail does with customers: move a connection, export or import one customer's connections, delete one. */
import type { Customer } from '@common/customer'
import { call } from '../../bridge'
import type { RailNotice } from './use-rail-actions'
import { useConnections } from './use-connections'

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

export function useCustomerActions(rail: {
  readonly run: (action: () => Promise<void>) => Promise<void>
  readonly notify: (notice: RailNotice) => void
}) {
  const state = useConnections()
  const { run, notify } = rail
  const nameOf = (id: string | null) => state.customers.find((customer) => customer.id === id)?.name ?? 'Ungrouped'

  return {
    move: (connectionId: string, customerId: string | null) =>
      run(async () => {
        const moved = await call('customers:assign', { connectionId, customerId })
        await state.refresh()
        notify({ intent: 'success', title: `Moved “${moved.name}” to ${nameOf(customerId)}`, text: '' })
      }),
    exportCustomer: (customer: Customer) =>
      run(async () => {
        const result = await call('connections:export', { ids: [], format: 'json', customerId: customer.id })
        if (result.path)
          notify({
            intent: 'success',
            title: `Exported ${plural(result.count, 'connection')} of ${customer.name}`,
            text: `Saved to ${result.path}, without secrets.`,
          })
      }),
    importInto: (customer: Customer) =>
      run(async () => {
        const result = await call('connections:import', { kind: 'file', customerId: customer.id })
        if (result.cancelled) return
        await state.refresh()
        notify({
          intent: result.warnings.length ? 'warning' : 'success',
          title: `Imported ${plural(result.imported.length, 'connection')} into ${customer.name}`,
          text: result.warnings.join(' '),
        })
      }),
    remove: (customer: Customer) =>
      run(async () => {
        const { ungrouped } = await call('customers:delete', { id: customer.id })
        await state.refresh()
        notify({
          intent: 'success',
          title: `Deleted customer “${customer.name}”`,
          text: ungrouped ? `Its ${plural(ungrouped, 'connection')} are now ungrouped; none was deleted.` : '',
        })
      }),
  }
}
