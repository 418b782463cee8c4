/**
 * "Discover environments": lists the tenant's environments through the Power Platform API, signed in
 * as the chosen connection's app, and creates connections for the ticked ones with the same app
 * registration and credential. When the app may not list them, it says what is missing and shows the
 * commands that grant it.
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
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useEffect, useState } from 'react'
import type { ConnectionView } from '@common/connection'
import type { DiscoveredEnvironment, EnvironmentDiscoveryResult } from '@common/contract/environments'
import type { AppError } from '@common/result'
import { bridge, toAppError, unwrap } from '../../bridge'
import { copyText } from '../../clipboard'
import { Masked } from '../presentation/Masked'
import { usePresentation } from '../presentation/use-presentation'

const useStyles = makeStyles({
  steps: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
  command: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
  },
  table: { maxHeight: '50vh', overflowY: 'auto' },
})

type Denied = Extract<EnvironmentDiscoveryResult, { status: 'denied' }>

function DeniedPanel(props: { readonly result: Denied }) {
  const styles = useStyles()
  const presentation = usePresentation()
  return (
    <div data-testid="discovery-denied">
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>{presentation.mask(props.result.message, 'diagnostic')}</MessageBarTitle>
          {presentation.mask(props.result.cause, 'diagnostic')}
        </MessageBarBody>
      </MessageBar>
      <div className={styles.steps}>
        <Text weight="semibold">To grant it (any one is enough):</Text>
        {props.result.steps.map((step) => (
          <div key={step.label}>
            <Text>{step.label}</Text>
            {step.command && (
              <div className={styles.command} data-testid="grant-command">
                <span>{presentation.mask(step.command, 'diagnostic')}</span>
                <Button size="small" onClick={() => void copyText(step.command ?? '')}>
                  Copy
                </Button>
              </div>
            )}
          </div>
        ))}
      </div>
    </div>
  )
}

function EnvironmentTable(props: {
  readonly environments: readonly DiscoveredEnvironment[]
  readonly chosen: ReadonlySet<string>
  readonly onToggle: (id: string) => void
}) {
  const styles = useStyles()
  return (
    <div className={styles.table}>
      <Table size="small" aria-label="Environments" data-testid="discovered-environments">
        <TableHeader>
          <TableRow>
            <TableHeaderCell />
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Type</TableHeaderCell>
            <TableHeaderCell>Region</TableHeaderCell>
            <TableHeaderCell>State</TableHeaderCell>
            <TableHeaderCell>URL</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.environments.map((environment) => {
            const creatable = environment.url !== null && environment.existingConnectionId === null
            return (
              <TableRow key={environment.id} data-testid="discovered-environment">
                <TableCell>
                  <Checkbox
                    aria-label={`Create a connection for ${environment.displayName}`}
                    disabled={!creatable}
                    checked={props.chosen.has(environment.id)}
                    onChange={() => props.onToggle(environment.id)}
                  />
                </TableCell>
                <TableCell>
                  <Masked value={environment.displayName} />
                </TableCell>
                <TableCell>{environment.type === 'Other' ? environment.rawType : environment.type}</TableCell>
                <TableCell>{environment.region}</TableCell>
                <TableCell>{environment.state}</TableCell>
                <TableCell>
                  {environment.url ?? 'No Dataverse database'}
                  {environment.existingConnectionId && ' (saved)'}
                </TableCell>
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
    </div>
  )
}

export function DiscoverEnvironmentsDialog(props: {
  readonly connection: ConnectionView | null
  readonly onClose: () => void
  readonly onCreated: (created: number, skipped: readonly { displayName: string; reason: string }[]) => void
}) {
  const [result, setResult] = useState<EnvironmentDiscoveryResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [creating, setCreating] = useState(false)
  const connection = props.connection

  useEffect(() => {
    if (!connection) return
    let current = true
    setResult(null)
    setError(null)
    setChosen(new Set())
    unwrap(bridge().environmentsDiscover({ connectionId: connection.id }))
      .then((answer) => current && setResult(answer))
      .catch((caught: unknown) => current && setError(toAppError(caught)))
    return () => {
      current = false
    }
  }, [connection])

  const toggle = (id: string) =>
    setChosen((before) => {
      const next = new Set(before)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  const create = async () => {
    if (!connection || result?.status !== 'listed') return
    setCreating(true)
    try {
      const environments = result.environments
        .filter((environment) => chosen.has(environment.id) && environment.url !== null)
        .map((environment) => ({
          displayName: environment.displayName,
          url: environment.url ?? '',
          type: environment.type,
        }))
      const answer = await unwrap(bridge().environmentsCreateConnections({ connectionId: connection.id, environments }))
      props.onCreated(answer.created.length, answer.skipped)
    } catch (caught) {
      setError(toAppError(caught))
    } finally {
      setCreating(false)
    }
  }

  return (
    <Dialog open={connection !== null} onOpenChange={(_event, data) => !data.open && props.onClose()}>
      <DialogSurface style={{ maxWidth: '900px' }}>
        <DialogBody>
          <DialogTitle>Discover environments</DialogTitle>
          <DialogContent>
            {connection && (
              <Text block>
                Signed in as the app of <Masked value={connection.name} />, through the Power Platform API.
              </Text>
            )}
            {!result && !error && <Spinner label="Asking the Power Platform API…" />}
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>
                  <MessageBarTitle>{error.message}</MessageBarTitle>
                  {error.cause} {error.next}
                </MessageBarBody>
              </MessageBar>
            )}
            {result?.status === 'denied' && <DeniedPanel result={result} />}
            {result?.status === 'listed' && (
              <EnvironmentTable environments={result.environments} chosen={chosen} onToggle={toggle} />
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onClose}>
              Close
            </Button>
            {result?.status === 'listed' && (
              <Button
                appearance="primary"
                disabled={chosen.size === 0 || creating}
                onClick={() => void create()}
                data-testid="create-discovered"
              >
                Create {chosen.size || ''} connection{chosen.size === 1 ? '' : 's'}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
