/** The bridge between the shared OData language service and Monaco's provider interfaces. */
import { tokenize, type TokenKind } from '@common/odata'
import { fetchXmlDiagnostics } from './fetchxml-diagnostics'
import type { EditorDiagnostic } from './odata-service'
import { odataDiagnostics, odataHover, odataSuggestions } from './odata-service'
import { modelContext } from './model-context'
import { monaco } from './monaco'

/** Lexer token kinds → semantic token types; the themes in themes.ts colour these names. */
const TOKEN_TYPES = [
  'type',
  'namespace',
  'keyword',
  'property',
  'operator',
  'function',
  'variable',
  'string',
  'number',
  'enumMember',
  'parameter',
  'comment',
  'invalid',
] as const
const TYPE_OF: Partial<Record<TokenKind, (typeof TOKEN_TYPES)[number]>> = {
  entitySet: 'type',
  segment: 'namespace',
  key: 'number',
  queryOption: 'keyword',
  property: 'property',
  operator: 'operator',
  function: 'function',
  lambda: 'keyword',
  lambdaVariable: 'variable',
  string: 'string',
  number: 'number',
  guid: 'number',
  datetime: 'number',
  duration: 'number',
  enum: 'enumMember',
  keyword: 'keyword',
  parameterAlias: 'parameter',
  comment: 'comment',
  invalid: 'invalid',
}

/** Encodes the shared lexer's tokens as Monaco semantic tokens (relative line/column, per line). */
function semanticTokens(text: string): Uint32Array {
  const data: number[] = []
  let line = 0
  let lineStart = 0
  let previousLine = 0
  let previousStart = 0
  let cursor = 0
  const advanceTo = (offset: number) => {
    for (; cursor < offset; cursor++) {
      if (text.charCodeAt(cursor) === 10) {
        line++
        lineStart = cursor + 1
      }
    }
  }
  for (const token of tokenize(text)) {
    const type = TYPE_OF[token.kind]
    if (!type) continue
    advanceTo(token.start)
    const start = token.start - lineStart
    data.push(
      line - previousLine,
      line === previousLine ? start - previousStart : start,
      token.end - token.start,
      TOKEN_TYPES.indexOf(type),
      0,
    )
    previousLine = line
    previousStart = start
  }
  return new Uint32Array(data)
}

const diagnostics = new WeakMap<monaco.editor.ITextModel, readonly EditorDiagnostic[]>()
const OWNER = 'dvw-odata'

function severity(value: EditorDiagnostic['severity']): monaco.MarkerSeverity {
  return value === 'error'
    ? monaco.MarkerSeverity.Error
    : value === 'warning'
      ? monaco.MarkerSeverity.Warning
      : monaco.MarkerSeverity.Info
}

/** Sets the markers of a query model (OData or FetchXML) from its text and the model's metadata index. */
export function validateModel(model: monaco.editor.ITextModel): void {
  const index = modelContext(model.uri.toString()).index
  const found =
    model.getLanguageId() === 'xml'
      ? fetchXmlDiagnostics(model.getValue(), index)
      : odataDiagnostics(model.getValue(), index)
  diagnostics.set(model, found)
  monaco.editor.setModelMarkers(
    model,
    OWNER,
    found.map((diagnostic) => {
      const start = model.getPositionAt(diagnostic.start)
      const end = model.getPositionAt(diagnostic.end)
      return {
        severity: severity(diagnostic.severity),
        message: diagnostic.message,
        code: diagnostic.code,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      }
    }),
  )
}

export function registerOdataProviders(
  language: string,
  toCompletionList: (
    model: monaco.editor.ITextModel,
    result: Awaited<ReturnType<typeof odataSuggestions>>,
  ) => monaco.languages.CompletionList,
): void {
  monaco.languages.registerDocumentSemanticTokensProvider(language, {
    getLegend: () => ({ tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] }),
    provideDocumentSemanticTokens: (model) => ({ data: semanticTokens(model.getValue()) }),
    releaseDocumentSemanticTokens: () => undefined,
  })

  monaco.languages.registerCompletionItemProvider(language, {
    // Not '?', '&', space or newline: Enter there means a new line, and must not accept a suggestion.
    triggerCharacters: ['$', '=', ',', '(', '/', '.'],
    provideCompletionItems: async (model, position) =>
      toCompletionList(
        model,
        await odataSuggestions(model.getValue(), model.getOffsetAt(position), modelContext(model.uri.toString())),
      ),
  })

  monaco.languages.registerHoverProvider(language, {
    provideHover: (model, position) => {
      const hover = odataHover(model.getValue(), model.getOffsetAt(position), modelContext(model.uri.toString()))
      if (!hover) return null
      const start = model.getPositionAt(hover.start)
      const end = model.getPositionAt(hover.end)
      return {
        range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
        contents: hover.lines.map((value) => ({ value })),
      }
    },
  })

  registerQuickFixes(language)
}

/** "Did you mean" replacements from a model's markers, offered as quick fixes. */
export function registerQuickFixes(language: string): void {
  monaco.languages.registerCodeActionProvider(language, {
    provideCodeActions: (model, range) => {
      const actions: monaco.languages.CodeAction[] = []
      for (const diagnostic of diagnostics.get(model) ?? []) {
        const start = model.getPositionAt(diagnostic.start)
        const end = model.getPositionAt(diagnostic.end)
        const at = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column)
        if (!monaco.Range.areIntersectingOrTouching(at, range)) continue
        for (const suggestion of diagnostic.suggestions) {
          actions.push({
            title: `Change to '${suggestion}'`,
            kind: 'quickfix',
            isPreferred: actions.length === 0,
            edit: {
              edits: [
                { resource: model.uri, textEdit: { range: at, text: suggestion }, versionId: model.getVersionId() },
              ],
            },
          })
        }
      }
      return { actions, dispose: () => undefined }
    },
  })
}
