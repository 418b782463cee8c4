/**
 * "Check all": choose a customer's connections or any selection, then watch the matrix fill in.
 * Closing the dialog while the run goes on cancels it.
 */
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  tokens,
} from '@fluentui/react-components'
import { useEffect, useMemo, useState } from 'react'
import { CHECK_ALL_MAX_CONNECTIONS } from '@common/check-matrix'
import type { ConnectionView } from '@common/connection'
import { call, describeError, toAppError } from '../../bridge'
import { useConnections } from '../connections/use-connections'
import { usePresentation } from '../presentation/use-presentation'
import { MatrixView } from './MatrixView'
import { useCheckAll, type MatrixExportFormat } from './use-check-all'

const useStyles = makeStyles({
  surface: { maxWidth: 'min(96vw, 88rem)', width: '100%' },
  picks: { display: 'flex', flexDirection: 'column', maxHeight: '40vh', overflowY: 'auto' },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
})

interface Customer {
  readonly id: string
  readonly name: string
}

/** The customer field's value for "choose the connections one by one". */
const ANY = ''

export interface CheckAllDialogProps {
  readonly open: boolean
  readonly onClose: () => void
  /** Start with this customer's connections chosen. */
  readonly initialCustomerId?: string
}

function customerOf(connection: ConnectionView): string | undefined {
  return connection.customerId
}

export function CheckAllDialog({ open, onClose, initialCustomerId }: CheckAllDialogProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  const { connections } = useConnections()
  const { state, start, cancel, exportAs, reset } = useCheckAll()
  const [customers, setCustomers] = useState<readonly Customer[]>([])
  const [customerId, setCustomerId] = useState(initialCustomerId ?? ANY)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null)

  useEffect(() => {
    if (!open) return
    let live = true
    call('connections:list', undefined)
      .then((list) => live && setCustomers(list.customers ?? []))
      .catch((error: unknown) => live && setNotice({ intent: 'error', text: describeError(toAppError(error)) }))
    return () => {
      live = false
    }
  }, [open])

  useEffect(() => {
    if (!open) return
    const ofCustomer = (id: string) => connections.filter((connection) => customerOf(connection) === id)
    const initial =
      customerId === ANY ? connections.filter((connection) => connection.builtIn === null) : ofCustomer(customerId)
    setChosen(new Set(initial.map((connection) => connection.id)))
  }, [open, customerId, connections])

  const picked = useMemo(() => connections.filter((connection) => chosen.has(connection.id)), [connections, chosen])

  const close = () => {
    if (state.status === 'running') void cancel().catch(() => undefined)
    reset()
    setNotice(null)
    onClose()
  }

  const exportMatrix = async (format: MatrixExportFormat) => {
    try {
      const all = presentation.on
      const path = await exportAs(format, { environment: all, tenant: all, app: all })
      if (path) setNotice({ intent: 'success', text: `Saved to ${path}` })
    } catch (error) {
      setNotice({ intent: 'error', text: describeError(toAppError(error)) })
    }
  }

  const toggle = (id: string, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })

  const choosing = state.status === 'idle'
  return (
    <Dialog open={open} onOpenChange={(_event, data) => !data.open && close()}>
      <DialogSurface className={styles.surface} data-testid="check-all-dialog">
        <DialogBody>
          <DialogTitle>Check all</DialogTitle>
          <DialogContent className={styles.body}>
            {notice && (
              <MessageBar intent={notice.intent} data-testid="check-all-notice">
                <MessageBarBody>{presentation.mask(notice.text, 'diagnostic')}</MessageBarBody>
              </MessageBar>
            )}
            {choosing && (
              <>
                <Field label="Customer">
                  <Select
                    value={customerId}
                    onChange={(_event, data) => setCustomerId(data.value)}
                    data-testid="check-all-customer"
                  >
                    <option value={ANY}>Any connections (choose below)</option>
                    {customers.map((customer) => (
                      <option key={customer.id} value={customer.id}>
                        {customer.name}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={`Connections to check (${chosen.size})`}>
                  <div className={styles.picks}>
                    {connections.map((connection) => (
                      <Checkbox
                        key={connection.id}
                        label={presentation.mask(connection.name, 'text')}
                        checked={chosen.has(connection.id)}
                        onChange={(_event, data) => toggle(connection.id, data.checked === true)}
                        data-testid="check-all-pick"
                        data-connection-id={connection.id}
                      />
                    ))}
                  </div>
                </Field>
              </>
            )}
            {state.status === 'running' && (
              <MatrixView
                rows={state.rows}
                run={null}
                cancelling={state.cancelling}
                onCancel={() => void cancel()}
                onExport={() => undefined}
              />
            )}
            {state.status === 'done' && (
              <MatrixView
                rows={state.run.rows}
                run={state.run}
                cancelling={false}
                onCancel={() => undefined}
                onExport={(format) => void exportMatrix(format)}
              />
            )}
            {state.status === 'error' && (
              <MessageBar intent="error" data-testid="check-all-error">
                <MessageBarBody>{presentation.mask(describeError(state.error), 'diagnostic')}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            {choosing ? (
              <Button
                appearance="primary"
                disabled={picked.length === 0 || picked.length > CHECK_ALL_MAX_CONNECTIONS}
                onClick={() => void start(picked)}
                data-testid="check-all-start"
              >
                Check {picked.length} connection{picked.length === 1 ? '' : 's'}
              </Button>
            ) : (
              <Button disabled={state.status === 'running'} onClick={reset} data-testid="check-all-again">
                Choose again
              </Button>
            )}
            <Button appearance="secondary" onClick={close}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
