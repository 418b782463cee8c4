/** What a finished check can leave the app as: a report file or a support-ticket summary, with identifiers hidden on request. */
import {
  Button,
  Checkbox,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components'
import { ArrowDownload20Regular, Copy20Regular } from '@fluentui/react-icons'
import { useState } from 'react'
import type { ReportMask } from '@common/diagnostics'
import type { AppError } from '@common/result'
import { call, toAppError } from '../../bridge'
import { ErrorBar } from '../../ui/ErrorBar'
import { Masked } from '../presentation/Masked'
import { usePresentation } from '../presentation/use-presentation'

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  masks: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
})

type Notice =
  | { readonly intent: 'success' | 'info'; readonly text: string }
  | { readonly intent: 'error'; readonly error: AppError }

/** Export the finished check (saved by main through its own dialog) or copy a ticket summary. Masks hide identifiers. */
export function ReportActions({ checkId }: { readonly checkId: string }) {
  const styles = useStyles()
  const presentation = usePresentation()
  // While presenting, what leaves the app starts with the tenant and app hidden too.
  const [mask, setMask] = useState<ReportMask>(() => ({
    environment: false,
    tenant: presentation.on,
    app: presentation.on,
  }))
  const [notice, setNotice] = useState<Notice | null>(null)

  const failed = (error: unknown) => setNotice({ intent: 'error', error: toAppError(error) })

  const exportAs = async (format: 'markdown' | 'html' | 'json') => {
    try {
      const { path } = await call('check:export-report', { checkId, format, mask })
      setNotice(
        path
          ? { intent: 'success', text: `Report saved to ${path}` }
          : { intent: 'info', text: 'Not saved: the dialog was cancelled.' },
      )
    } catch (error) {
      failed(error)
    }
  }

  const copyTicket = async () => {
    try {
      const { characters } = await call('check:copy-ticket', { checkId, mask })
      setNotice({ intent: 'success', text: `Copied a ${characters}-character summary for a support ticket.` })
    } catch (error) {
      failed(error)
    }
  }

  const toggle = (key: keyof ReportMask) => (_event: unknown, data: { checked: boolean | 'mixed' }) =>
    setMask({ ...mask, [key]: data.checked === true })

  return (
    <div>
      <div className={styles.bar}>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button icon={<ArrowDownload20Regular />} data-testid="check-export">
              Export report
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => void exportAs('html')} data-testid="check-export-html">
                Printable web page (HTML)
              </MenuItem>
              <MenuItem onClick={() => void exportAs('markdown')} data-testid="check-export-markdown">
                Markdown
              </MenuItem>
              <MenuItem onClick={() => void exportAs('json')} data-testid="check-export-json">
                JSON
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
        <Button icon={<Copy20Regular />} onClick={() => void copyTicket()} data-testid="check-copy-ticket">
          Copy for a support ticket
        </Button>
        <span className={styles.masks} role="group" aria-label="Hide in the report">
          <Checkbox label="Hide environment" checked={mask.environment} onChange={toggle('environment')} />
          <Checkbox label="Hide tenant" checked={mask.tenant} onChange={toggle('tenant')} />
          <Checkbox label="Hide app ID" checked={mask.app} onChange={toggle('app')} />
        </span>
      </div>
      {notice?.intent === 'error' && <ErrorBar error={notice.error} data-testid="check-report-notice" />}
      {notice && notice.intent !== 'error' && (
        <MessageBar intent={notice.intent} data-testid="check-report-notice">
          <MessageBarBody>
            <Masked value={notice.text} kind="diagnostic" />
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  )
}
