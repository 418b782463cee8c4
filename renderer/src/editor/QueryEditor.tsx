/** The Monaco editor of one query tab: one model per tab and mode, OData or FetchXML, Ctrl+Enter to run. */
import Editor, { type OnMount } from '@monaco-editor/react'
import { makeStyles, Spinner } from '@fluentui/react-components'
import { useEffect, useRef, useState } from 'react'
import type { QueryMode } from '@common/query/workspace'
import { usePresentation } from '../features/presentation/use-presentation'
import { useSystemTheme } from '../theme'
import { monaco } from './monaco'
import { registerLanguages, revalidate, ODATA_LANGUAGE } from './languages'
import { DARK_THEME, LIGHT_THEME } from './themes'
import { clearModelContext, setModelContext, type ModelContext } from './model-context'

registerLanguages()

const useStyles = makeStyles({ root: { height: '100%', minHeight: 0 } })

export interface QueryEditorProps {
  /** Stable per tab: the model lives as long as the tab, with its undo history. */
  readonly tabId: string
  readonly mode: QueryMode
  readonly defaultValue: string
  readonly context: ModelContext
  readonly onChange: (text: string) => void
  /**
   * Ctrl/Cmd+Enter, with the editor's text at that moment: the last keystroke's onChange may not
   * have reached the tab's state yet, and the query must run with the character just typed.
   */
  readonly onRun: (text: string) => void
}

function modelUri(tabId: string, mode: QueryMode): string {
  return `query://${tabId}/query.${mode === 'odata' ? 'odata' : 'xml'}`
}

/**
 * The query editor: uncontrolled Monaco (a controlled one drops keystrokes while typing fast), one
 * model per tab and mode. Text flows out through onChange; Ctrl/Cmd+Enter runs the query.
 */
export function QueryEditor({ tabId, mode, defaultValue, context, onChange, onRun }: QueryEditorProps) {
  const styles = useStyles()
  const { mode: theme } = useSystemTheme()
  const presentation = usePresentation()
  const uri = modelUri(tabId, mode)
  const run = useRef(onRun)
  run.current = onRun
  const [editor, setEditor] = useState<Parameters<OnMount>[0] | null>(null)

  useEffect(() => {
    setModelContext(uri, context)
    revalidate(uri)
  }, [uri, context])

  useEffect(() => () => clearModelContext(uri), [uri])

  // Presenting: each e-mail address or identity in the query is taken out of the rendered line and a
  // masked label is drawn in its place, so neither the pixels nor the page's text show it. The model
  // (what runs, what is saved) keeps the real text. Wrapping still measures the hidden text.
  useEffect(() => {
    if (!editor) return
    const decorations = editor.createDecorationsCollection()
    const paint = () => {
      const model = editor.getModel()
      if (!model) return decorations.clear()
      decorations.set(
        presentation.querySpans(model.getValue()).map((span) => {
          const from = model.getPositionAt(span.start)
          const to = model.getPositionAt(span.end)
          return {
            range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
            options: {
              inlineClassName: 'dvw-masked-source',
              before: {
                content: span.masked,
                inlineClassName: 'dvw-masked-shown',
                cursorStops: monaco.editor.InjectedTextCursorStops.None,
              },
            },
          }
        }),
      )
    }
    paint()
    const changes = [editor.onDidChangeModelContent(paint), editor.onDidChangeModel(paint)]
    return () => {
      for (const change of changes) change.dispose()
      decorations.clear()
    }
  }, [editor, presentation])

  const onMount: OnMount = (mounted) => {
    setEditor(mounted)
    mounted.addAction({
      id: 'dvw.run-query',
      label: 'Run query',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: (current) => run.current(current.getValue()),
    })
    mounted.focus()
  }

  return (
    <div className={styles.root} data-testid="query-editor" data-mode={mode}>
      <Editor
        path={uri}
        defaultValue={defaultValue}
        defaultLanguage={mode === 'odata' ? ODATA_LANGUAGE : 'xml'}
        theme={theme === 'dark' ? DARK_THEME : LIGHT_THEME}
        loading={<Spinner size="small" label="Loading editor…" />}
        keepCurrentModel
        onMount={onMount}
        onChange={(value) => onChange(value ?? '')}
        options={{
          minimap: { enabled: false },
          fontSize: presentation.on ? 20 : 14,
          lineNumbers: presentation.on ? 'off' : 'on',
          wordWrap: 'on',
          scrollBeyondLastLine: false,
          automaticLayout: true,
          fixedOverflowWidgets: true,
          quickSuggestions: { other: true, comments: false, strings: true },
          suggestOnTriggerCharacters: true,
          tabCompletion: 'on',
          // Enter accepts a suggestion only when it changes the text; otherwise it starts the next option line.
          acceptSuggestionOnEnter: 'smart',
          // Only metadata-backed suggestions: words already in the text are noise here.
          wordBasedSuggestions: 'off',
          renderLineHighlight: presentation.on ? 'none' : 'line',
          'semanticHighlighting.enabled': true,
        }}
      />
    </div>
  )
}
