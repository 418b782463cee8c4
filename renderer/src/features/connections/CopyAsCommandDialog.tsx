/**
 * "Copy as command": the connection as a `pac auth create`, `az login` + `az account get-access-token`
 * or Dataverse CLI command, for PowerShell or bash. Main writes the text from the saved connection;
 * the secret is always an environment variable reference, never the value.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useEffect, useState } from 'react'
import type { ConnectionView } from '@common/connection'
import { COMMAND_TARGETS, type CommandTarget, type CommandText } from '@common/contract/interop'
import { bridge, describeError, toAppError, unwrap } from '../../bridge'
import { copyText } from '../../clipboard'
import { usePresentation } from '../presentation/use-presentation'

const useStyles = makeStyles({
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    margin: `${tokens.spacingVerticalS} 0`,
  },
})

const LABELS: Readonly<Record<CommandTarget, string>> = {
  pac: 'pac CLI',
  az: 'Azure CLI',
  'dataverse-cli': 'Dataverse CLI',
}

export function CopyAsCommandDialog(props: {
  readonly connection: ConnectionView | null
  readonly onClose: () => void
}) {
  const styles = useStyles()
  const presentation = usePresentation()
  const [target, setTarget] = useState<CommandTarget>('pac')
  const [shell, setShell] = useState<'powershell' | 'bash'>('powershell')
  const [text, setText] = useState<CommandText | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const connection = props.connection

  useEffect(() => {
    if (!connection) return
    let current = true
    setText(null)
    setError(null)
    setCopied(false)
    unwrap(bridge().interopCommand({ connectionId: connection.id, target }))
      .then((answer) => current && setText(answer))
      .catch((caught: unknown) => current && setError(describeError(toAppError(caught))))
    return () => {
      current = false
    }
  }, [connection, target])

  const command = text ? (shell === 'powershell' ? text.powershell : text.bash) : null

  return (
    <Dialog open={connection !== null} onOpenChange={(_event, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Copy as command</DialogTitle>
          <DialogContent>
            <TabList selectedValue={target} onTabSelect={(_event, data) => setTarget(data.value as CommandTarget)}>
              {COMMAND_TARGETS.map((value) => (
                <Tab key={value} value={value} data-testid={`command-target-${value}`}>
                  {LABELS[value]}
                </Tab>
              ))}
            </TabList>
            <TabList
              size="small"
              selectedValue={shell}
              onTabSelect={(_event, data) => setShell(data.value as 'powershell' | 'bash')}
            >
              <Tab value="powershell">PowerShell</Tab>
              <Tab value="bash">bash / zsh</Tab>
            </TabList>
            {error && <Text>{error}</Text>}
            {command && (
              <pre className={styles.code} data-testid="command-text">
                {presentation.mask(command, 'diagnostic')}
              </pre>
            )}
            {text?.notes.map((note) => (
              <MessageBar key={note} intent={command ? 'info' : 'warning'}>
                <MessageBarBody>{note}</MessageBarBody>
              </MessageBar>
            ))}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onClose}>
              Close
            </Button>
            <Button
              appearance="primary"
              disabled={!command}
              onClick={() =>
                void copyText(command ?? '').then(() => {
                  setCopied(true)
                })
              }
              data-testid="copy-command"
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
