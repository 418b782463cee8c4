/** Proxy and extra trusted CA settings, which main applies to every request at once. */
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components'
import { Add20Regular, Delete16Regular } from '@fluentui/react-icons'
import { useCallback, useEffect, useState } from 'react'
import type { NetworkView } from '@common/contract/connections'
import type { AppError } from '@common/result'
import { bridge, toAppError, unwrap } from '../../bridge'
import { ErrorBar } from '../../ui/ErrorBar'
import { useBridgeQuery } from '../../use-bridge-query'

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  ca: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, justifyContent: 'space-between' },
  caText: { display: 'flex', flexDirection: 'column', minWidth: 0, wordBreak: 'break-all' },
})

/** Proxy and extra trusted root CAs (e.g. a TLS-inspection proxy's), applied in main at once. */
export function NetworkSettingsDialog({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const styles = useStyles()
  const [view, setView] = useState<NetworkView | null>(null)
  const [mode, setMode] = useState<'system' | 'explicit'>('system')
  const [proxyUrl, setProxyUrl] = useState('')
  const [noProxy, setNoProxy] = useState('')
  const [failure, setFailure] = useState<AppError | null>(null)
  const [saved, setSaved] = useState(false)
  const network = useBridgeQuery('connections:get-network', undefined, { enabled: open })
  const error = failure ?? network.error

  const show = useCallback((next: NetworkView) => {
    setView(next)
    setMode(next.settings.proxyUrl ? 'explicit' : 'system')
    setProxyUrl(next.settings.proxyUrl ?? '')
    setNoProxy(next.settings.noProxy)
  }, [])

  const run = async (action: () => Promise<NetworkView | null>) => {
    setFailure(null)
    try {
      const next = await action()
      if (next) show(next)
    } catch (caught) {
      setFailure(toAppError(caught))
    }
  }

  useEffect(() => {
    if (network.data) show(network.data)
  }, [network.data, show])

  useEffect(() => {
    if (open) {
      setSaved(false)
      setFailure(null)
    }
  }, [open])

  return (
    <Dialog open={open} onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface data-testid="network-settings">
        <DialogBody>
          <DialogTitle>Network settings</DialogTitle>
          <DialogContent className={styles.body}>
            <Field label="Proxy">
              <RadioGroup value={mode} onChange={(_event, data) => setMode(data.value as 'system' | 'explicit')}>
                <Radio value="system" label="Use the system proxy settings" />
                <Radio value="explicit" label="Use this proxy" />
              </RadioGroup>
            </Field>
            {mode === 'explicit' && (
              <>
                <Field
                  label="Proxy URL"
                  hint="http://proxy.contoso.local:8080 — user names and passwords are never stored."
                >
                  <Input
                    value={proxyUrl}
                    onChange={(_event, data) => setProxyUrl(data.value)}
                    data-testid="proxy-url"
                  />
                </Field>
                <Field label="Do not use the proxy for" hint="Comma-separated hosts, e.g. localhost,.internal">
                  <Input value={noProxy} onChange={(_event, data) => setNoProxy(data.value)} />
                </Field>
              </>
            )}
            <Field
              label="Extra trusted root certificates"
              hint={`For a proxy that inspects TLS: add its root CA. Certificate checks stay on; these are trusted in addition to ${view?.caTrust.base ?? 'the built-in roots'}.`}
            >
              <div>
                {view?.caTrust.caveat && view.caFiles.length > 0 && (
                  <Text block size={200} data-testid="ca-trust-caveat">
                    {view.caTrust.caveat}
                  </Text>
                )}
                {view?.caFiles.length === 0 && <Text size={200}>None.</Text>}
                {view?.caFiles.map((file) => (
                  <div key={file.path} className={styles.ca} data-testid="trusted-ca">
                    <span className={styles.caText}>
                      <Text size={200} weight="semibold">
                        {file.subject ?? file.path}
                      </Text>
                      <Caption1>
                        {file.problem ??
                          `${file.path}${file.notAfter ? ` · valid until ${file.notAfter.slice(0, 10)}` : ''}`}
                      </Caption1>
                    </span>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<Delete16Regular />}
                      aria-label={`Stop trusting ${file.subject ?? file.path}`}
                      onClick={() => void run(() => unwrap(bridge().connectionsRemoveTrustedCa({ path: file.path })))}
                    />
                  </div>
                ))}
                <Button
                  icon={<Add20Regular />}
                  onClick={() => void run(async () => unwrap(bridge().connectionsAddTrustedCa()))}
                >
                  Add CA file…
                </Button>
              </div>
            </Field>
            {view?.applyProblem && (
              <MessageBar intent="error">
                <MessageBarBody>The settings could not be applied: {view.applyProblem}</MessageBarBody>
              </MessageBar>
            )}
            {error && <ErrorBar error={error} />}
            {saved && !error && (
              <MessageBar intent="success">
                <MessageBarBody>Saved and applied.</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
            <Button
              appearance="primary"
              onClick={() =>
                void run(async () => {
                  const next = await unwrap(
                    bridge().connectionsSaveProxy({
                      proxyUrl: mode === 'explicit' && proxyUrl.trim() ? proxyUrl.trim() : null,
                      noProxy,
                    }),
                  )
                  setSaved(true)
                  return next
                })
              }
            >
              Save proxy
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
