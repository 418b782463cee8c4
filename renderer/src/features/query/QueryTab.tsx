/** One query tab: the toolbar, the editor (and body), the run banners and results, and the library beside them. */
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components'
import { QueryEditor } from '../../editor/QueryEditor'
import { Masked } from '../presentation/Masked'
import { usePresentation } from '../presentation/use-presentation'
import { ResultsPanel } from '../results/ResultsPanel'
import { LibraryPanel } from './LibraryPanel'
import { ResultActions } from './ResultActions'
import { RunBanners } from './RunBanners'
import { ResponseSummary, RunProgress } from './RunStatus'
import { SaveQueryDialog } from './SaveQueryDialog'
import { SnippetDialog } from './SnippetDialog'
import { QueryToolbar } from './QueryToolbar'
import { useQueryTab } from './use-query-tab'

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateRows: 'auto auto 1fr', height: '100%', minHeight: 0 },
  work: { display: 'grid', minHeight: 0 },
  split: { display: 'grid', gridTemplateRows: 'minmax(120px, 38%) minmax(0, 1fr)', minHeight: 0, minWidth: 0 },
  // minWidth 0: Monaco sets its own width, which would otherwise keep this cell from shrinking when the rail widens.
  editor: { minHeight: 0, minWidth: 0, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  body: { fontFamily: tokens.fontFamilyMonospace },
  results: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0 },
  panel: { flex: 1, minHeight: 0 },
})

export function QueryTab({ id }: { readonly id: string }) {
  const styles = useStyles()
  const presentation = usePresentation()
  const controller = useQueryTab(id)
  const { tab, connection, metadata, runner, change } = controller
  if (!tab) return null

  const empty =
    runner.state.running === 'query' ? (
      <Text>Running…</Text>
    ) : runner.state.text !== null ? (
      <pre data-testid="response-text">{presentation.text(runner.state.text)}</pre>
    ) : controller.notice ? (
      <MessageBar intent="info" data-testid="query-notice">
        <MessageBarBody>{controller.notice}</MessageBarBody>
      </MessageBar>
    ) : (
      <Text>Run the query (Ctrl+Enter) to see rows here.</Text>
    )

  return (
    <div className={styles.root} data-testid="query-tab">
      <QueryToolbar controller={controller} tab={tab} />
      {tab.impersonate ? (
        <MessageBar intent="warning" data-testid="impersonation-banner">
          <MessageBarBody>
            <MessageBarTitle>Impersonating</MessageBarTitle>
            Requests from this tab run as the user with Entra object id <Masked
              value={tab.impersonate}
              kind="id"
            />{' '}
            (CallerObjectId).
          </MessageBarBody>
        </MessageBar>
      ) : (
        <span />
      )}
      <div
        className={styles.work}
        style={{ gridTemplateColumns: controller.libraryOpen ? 'minmax(0, 1fr) 300px' : 'minmax(0, 1fr)' }}
      >
        <div className={styles.split}>
          <div
            className={styles.editor}
            style={tab.method !== 'GET' ? { display: 'grid', gridTemplateRows: 'minmax(0, 1fr) auto' } : undefined}
          >
            <QueryEditor
              key={tab.mode}
              tabId={id}
              mode={tab.mode}
              defaultValue={tab.text}
              context={metadata.context}
              onChange={(text) => change({ text })}
              onRun={controller.run}
            />
            {tab.method !== 'GET' && (
              <Textarea
                className={styles.body}
                resize="vertical"
                aria-label="Request body (JSON)"
                placeholder='{"name": "Contoso"}'
                value={tab.body}
                onChange={(_event, data) => change({ body: data.value })}
                data-testid="query-body"
              />
            )}
          </div>
          <div className={styles.results}>
            <RunBanners controller={controller} />
            <RunProgress state={runner.state} onCancel={() => void runner.cancel()} />
            <div className={styles.panel}>
              <ResultsPanel
                result={runner.state.view}
                summary={<ResponseSummary state={runner.state} />}
                actions={<ResultActions controller={controller} tab={tab} />}
                empty={empty}
              />
            </div>
          </div>
        </div>
        {controller.libraryOpen && (
          <LibraryPanel
            connectionId={tab.connectionId}
            lastSaved={controller.savedQuery}
            onOpen={(entry) =>
              controller.openInNewTab({
                text: entry.text,
                mode: entry.mode,
                title: entry.title,
                savedQueryId: entry.savedQueryId ?? null,
                connectionId: tab.connectionId,
              })
            }
          />
        )}
      </div>
      {controller.saving && (
        <SaveQueryDialog
          tab={tab}
          existing={
            controller.savedQuery && controller.savedQuery.id === tab.savedQueryId ? controller.savedQuery : null
          }
          onClose={() => controller.setSaving(false)}
          onSaved={controller.saved}
        />
      )}
      {controller.snippetLanguage && connection && controller.snippet && (
        <SnippetDialog
          open
          initialLanguage={controller.snippetLanguage}
          onClose={() => controller.setSnippetLanguage(null)}
          target={connection.snippetTarget}
          snippet={controller.snippet}
        />
      )}
    </div>
  )
}
