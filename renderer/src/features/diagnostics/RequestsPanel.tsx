/** The Requests tab: the session's redacted request timeline, for a support ticket. */
import {
  Badge,
  Button,
  Caption1,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components'
import { ArrowClockwise16Regular, ArrowDownload16Regular, Delete16Regular } from '@fluentui/react-icons'
import { useEffect, useState } from 'react'
import type { RequestEntry } from '@common/contract/requests'
import type { AppError } from '@common/result'
import { call, toAppError } from '../../bridge'
import { ErrorBar } from '../../ui/ErrorBar'
import { useBridgeQuery } from '../../use-bridge-query'
import { usePresentation } from '../presentation/use-presentation'

const REFRESH_MS = 2000

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    minWidth: 0,
  },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  url: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-all',
    paddingBlock: tokens.spacingVerticalXS,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
})

function statusColour(entry: RequestEntry): 'success' | 'warning' | 'danger' | 'informative' {
  if (entry.status === null) return 'danger'
  if (entry.status >= 500 || entry.status === 429) return 'warning'
  if (entry.status >= 400) return 'danger'
  return entry.status >= 300 ? 'informative' : 'success'
}

function bytes(value: number | null): string {
  if (value === null) return '…'
  return value < 1024
    ? `${value} B`
    : value < 1024 * 1024
      ? `${(value / 1024).toFixed(1)} KB`
      : `${(value / 1024 / 1024).toFixed(2)} MB`
}

function timing(entry: RequestEntry): string {
  const ttfb = entry.ttfbMs === null ? '…' : `${Math.round(entry.ttfbMs)}`
  const total = entry.totalMs === null ? '…' : `${Math.round(entry.totalMs)}`
  return `${ttfb} / ${total} ms`
}

/**
 * Every request of this session, newest first: what a support engineer attaches to a ticket. Main
 * keeps no header, body or credential (the timeline is redacted by construction), so the list can be
 * shown and exported as it is; presentation mode still masks ids in it.
 */
export function RequestsPanel() {
  const styles = useStyles()
  const presentation = usePresentation()
  const list = useBridgeQuery('requests:list', undefined)
  const entries: readonly RequestEntry[] = list.data?.entries ?? []
  const [done, setDone] = useState<string | null>(null)
  const [failure, setFailure] = useState<AppError | null>(null)
  const { refresh } = list

  useEffect(() => {
    // The timeline grows with every request the app sends; there is no event for it, so it is polled.
    const timer = setInterval(() => void refresh(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [refresh])

  const act = async (action: () => Promise<string | null>) => {
    setDone(null)
    setFailure(null)
    try {
      setDone(await action())
      await refresh()
    } catch (caught) {
      setFailure(toAppError(caught))
    }
  }

  const shownError = failure ?? list.error
  const newestFirst = [...entries].reverse()
  return (
    <div className={styles.page} data-testid="requests-panel">
      <Title2 as="h1">Requests</Title2>
      <Text className={styles.muted}>
        Every sign-in and Web API request of this session: method, address, status, time to first byte / total, size and
        the ids support asks for. No header, body, secret or token is recorded.
      </Text>
      <div className={styles.toolbar}>
        <Button icon={<ArrowClockwise16Regular />} onClick={() => void refresh()}>
          Refresh
        </Button>
        <Button
          icon={<ArrowDownload16Regular />}
          disabled={entries.length === 0}
          onClick={() =>
            void act(async () => {
              const saved = await call('requests:export', undefined)
              return saved.path ? `Saved ${saved.count} requests to ${saved.path}.` : null
            })
          }
          data-testid="requests-export"
        >
          Export…
        </Button>
        <Button
          icon={<Delete16Regular />}
          disabled={entries.length === 0}
          onClick={() =>
            void act(async () => {
              await call('requests:clear', undefined)
              return null
            })
          }
        >
          Clear
        </Button>
        <Caption1 className={styles.muted} data-testid="requests-count">
          {entries.length === 1 ? '1 request' : `${entries.length} requests`}
        </Caption1>
      </div>
      {done && (
        <MessageBar intent="success">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      {shownError && <ErrorBar error={shownError} />}
      {entries.length === 0 ? (
        <Text>No request yet. Run a query or test a connection, and each request shows here.</Text>
      ) : (
        <Table size="small" aria-label="Requests of this session">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '104px' }}>Sent</TableHeaderCell>
              <TableHeaderCell style={{ width: '72px' }}>Method</TableHeaderCell>
              <TableHeaderCell>Address and request id</TableHeaderCell>
              <TableHeaderCell style={{ width: '104px' }}>Status</TableHeaderCell>
              <TableHeaderCell style={{ width: '120px' }}>TTFB / total</TableHeaderCell>
              <TableHeaderCell style={{ width: '84px' }}>Size</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {newestFirst.map((entry) => (
              <TableRow key={entry.id} data-testid="request-row" data-status={entry.status ?? 'none'}>
                <TableCell className={styles.mono}>{new Date(entry.startedAt).toLocaleTimeString()}</TableCell>
                <TableCell className={styles.mono}>{entry.method}</TableCell>
                <TableCell>
                  <div className={styles.url}>{presentation.mask(entry.url, 'diagnostic')}</div>
                  {(entry.requestId ?? entry.correlationId) && (
                    <Caption1 className={mergeClasses(styles.mono, styles.muted)}>
                      {entry.requestId ? 'request' : 'correlation'}{' '}
                      {presentation.mask(entry.requestId ?? entry.correlationId ?? '', 'diagnostic')}
                    </Caption1>
                  )}
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" color={statusColour(entry)}>
                    {entry.status ?? entry.failure ?? 'no answer'}
                  </Badge>
                  {entry.attempt > 1 && <Caption1 className={styles.muted}> try {entry.attempt}</Caption1>}
                </TableCell>
                <TableCell className={styles.mono}>{timing(entry)}</TableCell>
                <TableCell className={styles.mono}>{bytes(entry.responseBytes)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  )
}
