/** `--customer NAME` for the dvw connections commands: the customer called NAME (case-insensitively), or a clear error. */
import { findCustomerByName, type Customer } from '@common/customer'
import { AppFailure } from '@common/result'
import type { Services } from '../app/create-services'

export function customerNamed(services: Services, name: string): Customer {
  const customers = services.connections.customers()
  const found = findCustomerByName(customers, name)
  if (found) return found
  throw new AppFailure({
    code: 'INVALID_INPUT',
    message: `There is no customer called "${name.trim()}".`,
    cause: customers.length
      ? `The saved customers are: ${customers.map((customer) => customer.name).join(', ')}.`
      : 'No customer has been created yet.',
    next: customers.length
      ? 'Give one of those names (case does not matter), or leave out --customer.'
      : 'Create customers in the app (the connection rail’s menu → New customer), or leave out --customer.',
    details: { field: 'customer' },
  })
}
