/** Read-only code views of a response (JSON, raw text) on the same Monaco the editor loads. */
import Editor from '@monaco-editor/react'
import { Spinner } from '@fluentui/react-components'
import { usePresentation } from '../features/presentation/use-presentation'
import { useSystemTheme } from '../theme'
import './monaco'
import { registerLanguages } from './languages'
import { DARK_THEME, LIGHT_THEME } from './themes'

registerLanguages()

/** Read-only Monaco for the JSON and raw result views: folding, search and virtual scrolling for free. */
export function ReadOnlyCode({
  value,
  language,
  testId,
}: {
  readonly value: string
  readonly language: 'json' | 'plaintext'
  readonly testId: string
}) {
  const { mode } = useSystemTheme()
  const presentation = usePresentation()
  return (
    <div style={{ height: '100%', minHeight: 0 }} data-testid={testId}>
      <Editor
        value={value}
        language={language}
        theme={mode === 'dark' ? DARK_THEME : LIGHT_THEME}
        loading={<Spinner size="small" />}
        options={{
          readOnly: true,
          domReadOnly: true,
          minimap: { enabled: false },
          fontSize: presentation.on ? 18 : 13,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          folding: true,
          wordWrap: language === 'plaintext' ? 'on' : 'off',
        }}
      />
    </div>
  )
}
