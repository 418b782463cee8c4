/** Results in three views (grid, JSON, raw), with the run's summary and actions above them. */
import {
  Button,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components'
import { Copy16Regular } from '@fluentui/react-icons'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { ReadOnlyCode } from '../../editor/ReadOnlyCode'
import { copyText } from '../../clipboard'
import { usePresentation } from '../presentation/use-presentation'
import type { ResultData } from './result-data'
import { ResultsGrid } from './ResultsGrid'

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingInline: tokens.spacingHorizontalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    minHeight: '36px',
    flexWrap: 'wrap',
  },
  spacer: { flex: 1 },
  // Monaco and the virtual grid need a box with a definite size: fill it absolutely.
  body: { flex: 1, minHeight: 0, position: 'relative' },
  fill: { position: 'absolute', inset: 0 },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
})

export interface ResponseText {
  readonly statusLine: string
  readonly headers: Readonly<Record<string, string>>
  /** Pretty-printed JSON, or the text as it came. */
  readonly body: string
}

export interface ResultView {
  readonly data: ResultData
  readonly version: number
  /** The last answer as text for the JSON and raw views, fetched from main only when one is opened. */
  readonly response: () => Promise<ResponseText>
}

export interface ResultsPanelProps {
  readonly result: ResultView | null
  /** Status, rows, timings, size: shown on the right of the view switcher. */
  readonly summary?: ReactNode
  /** Paging and export controls. */
  readonly actions?: ReactNode
  readonly empty: ReactNode
}

/** Grid, JSON and raw views of one result, with copy as TSV. */
export function ResultsPanel({ result, summary, actions, empty }: ResultsPanelProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  const [view, setView] = useState<'grid' | 'json' | 'raw'>('grid')
  const copier = useRef<((what: 'selection' | 'row' | 'cell' | 'all') => string) | null>(null)
  const onSelectionCopier = useCallback((next: (what: 'selection' | 'row' | 'cell' | 'all') => string) => {
    copier.current = next
  }, [])
  const [text, setText] = useState<ResponseText | null>(null)
  const [textError, setTextError] = useState<string | null>(null)
  useEffect(() => {
    setText(null)
    setTextError(null)
    if (!result || view === 'grid') return
    let live = true
    result.response().then(
      (loaded) => live && setText(loaded),
      (failure: unknown) => live && setTextError(failure instanceof Error ? failure.message : String(failure)),
    )
    return () => {
      live = false
    }
  }, [result, view])
  const json = text ? presentation.text(text.body) : textError ? textError : 'Loading…'
  const raw = text
    ? presentation.text(
        [
          text.statusLine,
          ...Object.entries(text.headers).map(([name, value]) => `${name}: ${value}`),
          '',
          text.body,
        ].join('\n'),
      )
    : (textError ?? 'Loading…')

  const copy = (what: 'selection' | 'row' | 'cell' | 'all') => {
    const text = copier.current?.(what)
    if (text) void copyText(text)
  }

  return (
    <section className={styles.root} aria-label="Results" data-testid="results-panel">
      <div className={styles.bar}>
        <TabList
          size="small"
          selectedValue={view}
          onTabSelect={(_event, data) => setView(data.value as 'grid' | 'json' | 'raw')}
        >
          <Tab value="grid">Grid</Tab>
          <Tab value="json">JSON</Tab>
          <Tab value="raw">Raw</Tab>
        </TabList>
        {view === 'grid' && result && (
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button size="small" appearance="subtle" icon={<Copy16Regular />}>
                Copy
              </Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem onClick={() => copy('selection')}>Selection (with headers)</MenuItem>
                <MenuItem onClick={() => copy('cell')}>Cell</MenuItem>
                <MenuItem onClick={() => copy('row')}>Row</MenuItem>
                <MenuItem onClick={() => copy('all')}>All rows</MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
        )}
        <span className={styles.spacer} />
        {summary && <Text size={200}>{summary}</Text>}
        {actions}
      </div>
      <div className={styles.body}>
        {!result && <div className={styles.empty}>{empty}</div>}
        {result && (
          <div className={styles.fill}>
            {view === 'grid' && (
              <ResultsGrid data={result.data} version={result.version} onSelectionCopier={onSelectionCopier} />
            )}
            {view === 'json' && <ReadOnlyCode value={json} language="json" testId="results-json" />}
            {view === 'raw' && <ReadOnlyCode value={raw} language="plaintext" testId="results-raw" />}
          </div>
        )}
      </div>
    </section>
  )
}
