/** What the last run of a query tab left to say: metadata trouble, the failure, or what fetch-all and export did. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components'
import { describeStrategy } from '@common/query/execution'
import { call } from '../../bridge'
import { ErrorBar } from '../../ui/ErrorBar'
import { RunError } from './RunStatus'
import type { QueryTabController } from './use-query-tab'

export function RunBanners({ controller }: { readonly controller: QueryTabController }) {
  const { metadata, runner, rowCap } = controller
  const { error, exported, fetched } = runner.state
  const openLink = (url: string) => void call('app:open-external', { url }).catch(() => undefined)
  return (
    <div>
      {metadata.state.status === 'error' && (
        <ErrorBar intent="warning" lead="Completion has no table names:" error={metadata.state.error} />
      )}
      {error && <RunError error={error} onOpenLink={openLink} />}
      {exported && (
        <MessageBar intent="success" data-testid="export-done">
          <MessageBarBody>
            Exported {exported.rows.toLocaleString()} rows to {exported.path}
            {exported.capped ? ' (stopped at the row cap)' : ''}.
          </MessageBarBody>
        </MessageBar>
      )}
      {fetched && (
        <MessageBar intent={fetched.cancelled ? 'warning' : 'info'} data-testid="fetch-all-done">
          <MessageBarBody>
            {fetched.cancelled ? 'Cancelled after' : 'Fetched'} {fetched.rows.toLocaleString()} rows in {fetched.pages}{' '}
            pages ({(fetched.elapsedMs / 1000).toFixed(1)} s)
            {fetched.capped ? `, stopped at the row cap of ${rowCap.toLocaleString()}` : ''}
            {fetched.paging === 'paging-cookie' ? ', paged with the FetchXML paging cookie' : ''}
            {fetched.paging === 'page-number' ? ', paged by FetchXML page number' : ''}.
            {fetched.notice ? ` ${fetched.notice}` : ''}
            {fetched.strategy ? (
              <span data-testid="fetch-all-mode"> Fetched {describeStrategy(fetched.strategy)}.</span>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  )
}
