/** Light and dark editor themes that colour the OData semantic tokens. */
import { monaco } from './monaco'

/**
 * Editor themes with colours for the OData semantic token types (see odata-monaco.ts). Colours
 * follow VS Code's default light and dark themes so the editor feels familiar.
 */
export const LIGHT_THEME = 'dvw-light'
export const DARK_THEME = 'dvw-dark'

export function defineThemes(): void {
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: 'vs',
    inherit: true,
    colors: {},
    rules: [
      { token: 'type', foreground: '267f99', fontStyle: 'bold' },
      { token: 'namespace', foreground: '267f99' },
      { token: 'keyword', foreground: 'af00db' },
      { token: 'property', foreground: '001080' },
      { token: 'operator', foreground: '0000ff' },
      { token: 'function', foreground: '795e26' },
      { token: 'variable', foreground: '0070c1' },
      { token: 'string', foreground: 'a31515' },
      { token: 'number', foreground: '098658' },
      { token: 'enumMember', foreground: '0070c1' },
      { token: 'parameter', foreground: '001080', fontStyle: 'italic' },
      { token: 'comment', foreground: '008000', fontStyle: 'italic' },
      { token: 'invalid', foreground: 'cd3131', fontStyle: 'underline' },
    ],
  })
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    colors: {},
    rules: [
      { token: 'type', foreground: '4ec9b0', fontStyle: 'bold' },
      { token: 'namespace', foreground: '4ec9b0' },
      { token: 'keyword', foreground: 'c586c0' },
      { token: 'property', foreground: '9cdcfe' },
      { token: 'operator', foreground: '569cd6' },
      { token: 'function', foreground: 'dcdcaa' },
      { token: 'variable', foreground: '4fc1ff' },
      { token: 'string', foreground: 'ce9178' },
      { token: 'number', foreground: 'b5cea8' },
      { token: 'enumMember', foreground: '4fc1ff' },
      { token: 'parameter', foreground: '9cdcfe', fontStyle: 'italic' },
      { token: 'comment', foreground: '6a9955', fontStyle: 'italic' },
      { token: 'invalid', foreground: 'f44747', fontStyle: 'underline' },
    ],
  })
}
