/** The rail's destructive confirmations: deleting a connection or a customer, and resetting a damaged store. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components'
import type { ConnectionView } from '@common/connection'
import type { StoreProblemView } from '@common/contract/connections'
import type { Customer } from '@common/customer'
import { Masked } from '../presentation/Masked'
import { hostOf } from './ConnectionBadges'

export function ConfirmDeleteDialog(props: {
  readonly connection: ConnectionView | null
  readonly onCancel: () => void
  readonly onConfirm: (connection: ConnectionView) => void
}) {
  const { connection } = props
  return (
    <Dialog
      open={connection !== null}
      onOpenChange={(_event, data) => !data.open && props.onCancel()}
      modalType="alert"
    >
      <DialogSurface data-testid="confirm-delete">
        <DialogBody>
          <DialogTitle>
            Delete “<Masked value={connection?.name ?? ''} />
            ”?
          </DialogTitle>
          <DialogContent>
            The connection to {connection ? hostOf(connection.orgUrl) : ''} and its stored secret or certificate
            password are deleted from this computer. The app registration and the environment are not touched. This
            cannot be undone.
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onCancel}>
              Cancel
            </Button>
            <Button
              appearance="primary"
              onClick={() => connection && props.onConfirm(connection)}
              data-testid="confirm-delete-button"
            >
              Delete
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}

export function ConfirmResetDialog(props: {
  readonly open: boolean
  readonly problem: StoreProblemView | null
  readonly onCancel: () => void
  readonly onConfirm: () => void
}) {
  return (
    <Dialog open={props.open} onOpenChange={(_event, data) => !data.open && props.onCancel()} modalType="alert">
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Start with an empty list?</DialogTitle>
          <DialogContent>
            The damaged file is replaced by an empty list. The copy{' '}
            {props.problem?.copiedTo ? `at ${props.problem.copiedTo}` : ''} stays where it is, so nothing is lost: you
            can repair it and import from it later.
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onCancel}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={props.onConfirm} data-testid="confirm-reset-button">
              Start with an empty list
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}

export function ConfirmDeleteCustomerDialog(props: {
  readonly customer: Customer | null
  readonly count: number
  readonly onCancel: () => void
  readonly onConfirm: (customer: Customer) => void
}) {
  const { customer } = props
  return (
    <Dialog open={customer !== null} onOpenChange={(_event, data) => !data.open && props.onCancel()} modalType="alert">
      <DialogSurface data-testid="confirm-delete-customer">
        <DialogBody>
          <DialogTitle>
            Delete the customer “<Masked value={customer?.name ?? ''} />
            ”?
          </DialogTitle>
          <DialogContent>
            {props.count
              ? `Its ${props.count} connection${props.count === 1 ? '' : 's'} stay, ungrouped, with their secrets. Only the group, its colour and its notes are deleted.`
              : 'It has no connections. Only the group, its colour and its notes are deleted.'}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onCancel}>
              Cancel
            </Button>
            <Button
              appearance="primary"
              onClick={() => customer && props.onConfirm(customer)}
              data-testid="confirm-delete-customer-button"
            >
              Delete customer
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
