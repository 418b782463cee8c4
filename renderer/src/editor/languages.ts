/** Registers the OData and FetchXML languages with Monaco once, with the providers that know the metadata. */
import { monaco } from './monaco'
import { fetchXmlSuggestions, type Suggestion, type SuggestionResult } from './fetchxml-completion'
import { modelContext } from './model-context'
import { registerOdataProviders, registerQuickFixes, validateModel } from './odata-monaco'
import { defineThemes } from './themes'

export const ODATA_LANGUAGE = 'odata'
const QUERY_SCHEME = 'query'
/** Query languages whose models get markers: OData, and FetchXML (Monaco's 'xml'). */
const VALIDATED = new Set([ODATA_LANGUAGE, 'xml'])

const KIND: Record<Suggestion['kind'], number> = {
  table: monaco.languages.CompletionItemKind.Class,
  column: monaco.languages.CompletionItemKind.Field,
  lookup: monaco.languages.CompletionItemKind.Reference,
  navigation: monaco.languages.CompletionItemKind.Module,
  keyword: monaco.languages.CompletionItemKind.Keyword,
  operator: monaco.languages.CompletionItemKind.Operator,
  function: monaco.languages.CompletionItemKind.Function,
  value: monaco.languages.CompletionItemKind.EnumMember,
  option: monaco.languages.CompletionItemKind.Property,
  element: monaco.languages.CompletionItemKind.Snippet,
}

function isQueryModel(model: monaco.editor.ITextModel): boolean {
  return model.uri.scheme === QUERY_SCHEME
}

/** Maps our offset-based suggestions to Monaco's completion list. */
function toCompletionList(model: monaco.editor.ITextModel, result: SuggestionResult): monaco.languages.CompletionList {
  const start = model.getPositionAt(result.replace.start)
  const end = model.getPositionAt(result.replace.end)
  const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column)
  return {
    suggestions: result.items.map((item) => ({
      label: item.label,
      kind: KIND[item.kind],
      insertText: item.insertText,
      detail: item.detail,
      documentation: item.documentation,
      sortText: item.sortText,
      range,
    })),
  }
}

let registered = false

/** Registers the OData language and FetchXML completion once per window. */
export function registerLanguages(): void {
  if (registered) return
  registered = true

  monaco.languages.register({ id: ODATA_LANGUAGE, aliases: ['OData'] })
  monaco.languages.setLanguageConfiguration(ODATA_LANGUAGE, {
    comments: { lineComment: '//' },
    brackets: [
      ['(', ')'],
      ['[', ']'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: "'", close: "'", notIn: ['string'] },
    ],
    wordPattern: /[\w$@.]+/,
  })

  defineThemes()
  registerOdataProviders(ODATA_LANGUAGE, toCompletionList)

  // Markers follow the text: validated when a query model appears and after each edit (debounced).
  monaco.editor.onDidCreateModel((model) => {
    if (!isQueryModel(model) || !VALIDATED.has(model.getLanguageId())) return
    let timer: ReturnType<typeof setTimeout> | undefined
    validateModel(model)
    model.onDidChangeContent(() => {
      clearTimeout(timer)
      timer = setTimeout(() => validateModel(model), 150)
    })
    model.onWillDispose(() => clearTimeout(timer))
  })

  registerQuickFixes('xml')
  monaco.languages.registerCompletionItemProvider('xml', {
    triggerCharacters: ['"', "'", '<', ' '],
    provideCompletionItems: async (model, position) => {
      if (!isQueryModel(model)) return { suggestions: [] }
      const offset = model.getOffsetAt(position)
      return toCompletionList(
        model,
        await fetchXmlSuggestions(model.getValue(), offset, modelContext(model.uri.toString())),
      )
    },
  })
}

/** Re-runs validation of one query model, e.g. when its connection's metadata arrives. */
export function revalidate(uri: string): void {
  const model = monaco.editor.getModel(monaco.Uri.parse(uri))
  if (model && VALIDATED.has(model.getLanguageId())) validateModel(model)
}
