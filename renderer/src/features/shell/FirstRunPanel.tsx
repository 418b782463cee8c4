import { Body1, Button, makeStyles, MessageBar, MessageBarBody, Title3, tokens } from '@fluentui/react-components'
import { useCallback, useEffect, useState } from 'react'
import type { ConnectionView } from '@common/connection'
import { bridge, describeError, toAppError, unwrap } from '../../bridge'
import { useConnections } from '../connections/use-connections'

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: tokens.spacingHorizontalL,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorBrandBackground2,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
})

export interface FirstRunPanelProps {
  /** Opens the connection's check tab and runs it. */
  readonly onTestConnection: (connection: Pick<ConnectionView, 'id' | 'name'>) => void
}

/**
 * Shown once, on the first start: one step onto the offline sample environment, so a new user sees
 * the app work before entering any tenant, app id or secret. Not modal: the app stays usable.
 */
export function FirstRunPanel({ onTestConnection }: FirstRunPanelProps) {
  const styles = useStyles()
  const { connections, select } = useConnections()
  const [state, setState] = useState<'hidden' | 'shown' | { error: string }>('hidden')

  useEffect(() => {
    let live = true
    Promise.resolve()
      .then(() => unwrap(bridge().appSettings()))
      .then((settings) => live && !settings.firstRunDone && setState('shown'))
      // Without its settings the app cannot tell a first start; it stays out of the way.
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])

  const finish = useCallback(async () => {
    try {
      await unwrap(bridge().appSaveSettings({ firstRunDone: true }))
      setState('hidden')
    } catch (error) {
      setState({ error: describeError(toAppError(error)) })
    }
  }, [])

  const sample = connections.find((connection) => connection.builtIn === 'sample')
  const start = useCallback(async () => {
    if (!sample) return
    select(sample.id)
    onTestConnection(sample)
    await finish()
  }, [sample, select, onTestConnection, finish])

  if (state === 'hidden') return null
  return (
    <section className={styles.panel} aria-label="Getting started" data-testid="first-run">
      <Title3 as="h2">Start with the sample environment</Title3>
      <Body1>
        It is an offline Dataverse with sample accounts and contacts, built into the app. Test it, query it and present
        it without a tenant, an app registration or a secret. Add your own connection on the left whenever you are
        ready.
      </Body1>
      {typeof state === 'object' && (
        <MessageBar intent="error">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!sample} onClick={() => void start()}>
          Start on the sample environment
        </Button>
        <Button appearance="subtle" onClick={() => void finish()}>
          Not now
        </Button>
      </div>
    </section>
  )
}
