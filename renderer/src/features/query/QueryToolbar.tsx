/** The query tab's toolbar: connection, language, method, run and fetch-all, Prefer options, impersonation, save and copy-as-code. */
import {
  Badge,
  Button,
  Checkbox,
  Dropdown,
  Input,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Option,
  Tab,
  TabList,
  ToggleButton,
  tokens,
  Tooltip,
} from '@fluentui/react-components'
import {
  ArrowDownload16Regular,
  Code16Regular,
  LockClosed16Regular,
  PanelRight16Regular,
  Play16Filled,
  Save16Regular,
  Stop16Regular,
} from '@fluentui/react-icons'
import type { QueryMode, QueryTab } from '@common/query/workspace'
import { SNIPPET_LABELS, SNIPPET_LANGUAGES } from '@common/query/snippets'
import { useMaskedField } from '../presentation/use-masked-field'
import { usePresentation } from '../presentation/use-presentation'
import type { QueryTabController } from './use-query-tab'

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  spacer: { flex: 1 },
  pageSize: { width: '88px' },
  rowCap: { width: '110px' },
  method: { minWidth: '96px' },
  impersonation: { width: '260px' },
  connection: { minWidth: '200px' },
  stripe: { width: '4px', alignSelf: 'stretch', borderRadius: '2px' },
})

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const

export function QueryToolbar({ controller, tab }: { readonly controller: QueryTabController; readonly tab: QueryTab }) {
  const styles = useStyles()
  const presentation = usePresentation()
  const { connection, connections, runner, change } = controller
  const impersonation = useMaskedField(tab.impersonate ?? '', 'id')
  const busy = runner.state.running !== null

  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Query">
      {connection && <span className={styles.stripe} style={{ backgroundColor: connection.colour }} aria-hidden />}
      <Dropdown
        className={styles.connection}
        size="small"
        aria-label="Connection"
        placeholder={connections.all.length ? 'Pick a connection' : 'No connections yet'}
        value={presentation.text(connection?.name ?? '')}
        selectedOptions={connection ? [connection.id] : []}
        onOptionSelect={(_event, data) => data.optionValue && change({ connectionId: data.optionValue })}
        data-testid="query-connection"
      >
        {connections.all.map((option) => (
          <Option key={option.id} value={option.id} text={presentation.text(option.name)}>
            {presentation.text(option.name)}
            {option.production ? ' (PROD)' : ''}
          </Option>
        ))}
      </Dropdown>
      {connection?.production && <Badge color="danger">PROD</Badge>}
      {connection?.readOnly && <LockClosed16Regular aria-label="Read-only connection" />}
      <TabList
        size="small"
        selectedValue={tab.mode}
        onTabSelect={(_event, data) => controller.switchMode(data.value as QueryMode)}
        aria-label="Query language"
      >
        <Tab value="odata">OData</Tab>
        <Tab value="fetchxml">FetchXML</Tab>
      </TabList>
      <Dropdown
        size="small"
        className={styles.method}
        aria-label="HTTP method"
        value={tab.method}
        selectedOptions={[tab.method]}
        onOptionSelect={(_event, data) =>
          data.optionValue && change({ method: data.optionValue as QueryTab['method'] })
        }
        disabled={tab.mode === 'fetchxml'}
        data-testid="query-method"
      >
        {METHODS.map((method) => (
          <Option key={method} value={method} disabled={method !== 'GET' && (connection?.readOnly ?? true)}>
            {method}
          </Option>
        ))}
      </Dropdown>
      <Tooltip content="Run (Ctrl+Enter)" relationship="description">
        <Button
          appearance="primary"
          size="small"
          icon={<Play16Filled />}
          onClick={() => controller.run()}
          disabled={busy}
          data-testid="run-query"
        >
          Run
        </Button>
      </Tooltip>
      <Tooltip content="Follow every @odata.nextLink up to the row cap" relationship="description">
        <Button
          size="small"
          icon={<ArrowDownload16Regular />}
          disabled={busy || !connection}
          onClick={() => connection && void runner.fetchAll(tab, connection.id, controller.rowCap)}
          data-testid="fetch-all"
        >
          Fetch all
        </Button>
      </Tooltip>
      <Input
        className={styles.rowCap}
        size="small"
        type="number"
        aria-label="Row cap"
        title="Fetch all and export stop after this many rows"
        value={String(controller.rowCap)}
        onChange={(_event, data) => {
          const cap = Number.parseInt(data.value, 10)
          if (Number.isInteger(cap) && cap > 0) controller.setRowCap(cap)
        }}
      />
      {busy && (
        <Button size="small" icon={<Stop16Regular />} onClick={() => void runner.cancel()} data-testid="cancel-query">
          Cancel
        </Button>
      )}
      <Checkbox
        label="Formatted values"
        checked={tab.prefer.annotations}
        onChange={(_event, data) => change({ prefer: { ...tab.prefer, annotations: Boolean(data.checked) } })}
      />
      <Tooltip
        content="Prefer: odata.maxpagesize (1–5000); empty for the server default of 5,000"
        relationship="description"
      >
        <Input
          className={styles.pageSize}
          size="small"
          type="number"
          placeholder="Page size"
          aria-label="Page size"
          value={tab.prefer.maxPageSize === null ? '' : String(tab.prefer.maxPageSize)}
          onChange={(_event, data) => {
            const size = Number.parseInt(data.value, 10)
            change({
              prefer: { ...tab.prefer, maxPageSize: Number.isInteger(size) && size >= 1 && size <= 5000 ? size : null },
            })
          }}
        />
      </Tooltip>
      <Tooltip
        content={impersonation.hint ?? 'Run as another user: their Entra object id, sent as CallerObjectId'}
        relationship="description"
      >
        <Input
          className={styles.impersonation}
          size="small"
          placeholder="Impersonate (Entra object id)"
          aria-label="Impersonate user by Entra object id"
          value={impersonation.value}
          readOnly={impersonation.readOnly}
          onChange={(_event, data) => change({ impersonate: data.value.trim() || null })}
        />
      </Tooltip>
      <span className={styles.spacer} />
      <Button size="small" icon={<Save16Regular />} onClick={() => controller.setSaving(true)} data-testid="save-query">
        Save
      </Button>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button
            size="small"
            icon={<Code16Regular />}
            disabled={!connection}
            title={connection ? undefined : 'Pick a connection: the snippet needs its tenant and app'}
          >
            Copy as code
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {SNIPPET_LANGUAGES.map((language) => (
              <MenuItem key={language} onClick={() => controller.setSnippetLanguage(language)}>
                {SNIPPET_LABELS[language]}
              </MenuItem>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      <ToggleButton
        size="small"
        appearance="subtle"
        checked={controller.libraryOpen}
        icon={<PanelRight16Regular />}
        onClick={controller.toggleLibrary}
        aria-label="Saved queries and history"
      />
    </div>
  )
}
