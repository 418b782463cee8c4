/** The buttons above a query's results: the next page, export to a file, and the metadata behind completion. */
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Tooltip } from '@fluentui/react-components'
import { ArrowClockwise16Regular, DocumentArrowDown16Regular } from '@fluentui/react-icons'
import type { QueryTab } from '@common/query/workspace'
import type { MetadataState } from './use-metadata'
import type { QueryTabController } from './use-query-tab'

const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const

const FORMAT_LABELS: Record<(typeof EXPORT_FORMATS)[number], string> = {
  csv: 'CSV (Excel, UTF-8)',
  xlsx: 'Excel workbook (.xlsx)',
  json: 'JSON',
}

function metadataTooltip(state: MetadataState): string {
  if (state.status !== 'ready') return 'Load the metadata again'
  const { summary } = state
  return `Metadata of ${summary.orgUrl}: ${summary.entitySets} tables, version ${summary.retrieveVersion}, ${summary.fromCache ? 'from the cache' : 'downloaded'} ${new Date(summary.builtAt).toLocaleString()}. Refresh after adding tables or columns.`
}

export function ResultActions({
  controller,
  tab,
}: {
  readonly controller: QueryTabController
  readonly tab: QueryTab
}) {
  const { connection, runner, metadata, rowCap } = controller
  const busy = runner.state.running !== null
  return (
    <>
      {runner.state.nextLink && (
        <Button
          size="small"
          disabled={busy}
          onClick={() => connection && void runner.nextPage(connection.id)}
          data-testid="next-page"
        >
          Next page
        </Button>
      )}
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button
            size="small"
            appearance="subtle"
            icon={<DocumentArrowDown16Regular />}
            disabled={busy || !connection}
            data-testid="export-menu"
          >
            Export
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {EXPORT_FORMATS.map((format) => (
              <MenuItem
                key={format}
                onClick={() => connection && void runner.exportTo(tab, connection.id, format, rowCap)}
                data-testid={`export-${format}`}
              >
                {FORMAT_LABELS[format]} — all pages to the row cap
              </MenuItem>
            ))}
            <Tooltip
              content="Cells that start with = + - or @ are written as typed. Open such a file only if you trust every row's text: a spreadsheet runs them as formulas."
              relationship="description"
            >
              <MenuItem
                onClick={() => connection && void runner.exportTo(tab, connection.id, 'csv', rowCap, 'raw')}
                data-testid="export-csv-raw"
              >
                CSV with formulas kept as typed — all pages to the row cap
              </MenuItem>
            </Tooltip>
          </MenuList>
        </MenuPopover>
      </Menu>
      {connection && (
        <Tooltip content={metadataTooltip(metadata.state)} relationship="description">
          <Button
            size="small"
            appearance="subtle"
            icon={<ArrowClockwise16Regular />}
            onClick={metadata.refresh}
            data-testid="refresh-metadata"
          >
            {metadata.state.status === 'loading' ? 'Loading metadata…' : 'Metadata'}
          </Button>
        </Tooltip>
      )}
    </>
  )
}
