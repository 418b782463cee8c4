/** Completion, diagnostics and hovers for OData text, kept free of Monaco so they are unit-tested. */
import type { EntityTypeInfo, MetadataIndex } from '@common/metadata/metadata-index'
import {
  BUILTIN_FUNCTIONS,
  completionContextAt,
  DATAVERSE_NAMESPACE,
  diagnoseRequest,
  QUERY_FUNCTIONS,
  syntaxDiagnostics,
  tokenize,
  type CompletionContext,
} from '@common/odata'
import type { Suggestion, SuggestionResult } from './fetchxml-completion'
import type { ModelContext } from './model-context'

/**
 * The OData language service behind the Monaco providers, free of Monaco so it can be tested and
 * measured on its own: completion from the shared parser's completion context plus the metadata
 * index, hover text, and the syntax markers. One parser serves completion and validation.
 */

const QUERY_OPTIONS: readonly { name: string; detail: string }[] = [
  { name: '$select', detail: 'Columns to return, comma separated' },
  { name: '$filter', detail: 'Rows to return: a condition' },
  { name: '$orderby', detail: 'Sort order: column asc|desc' },
  { name: '$expand', detail: 'Related records to include' },
  { name: '$top', detail: 'At most this many rows (no paging)' },
  { name: '$count', detail: 'Include the row count (up to 5,000)' },
  { name: '$skip', detail: 'Not supported by Dataverse for paging; use $skiptoken from nextLink' },
  { name: '$apply', detail: 'Aggregation (groupby, aggregate)' },
]
const EXPAND_OPTIONS = ['$select', '$filter', '$orderby', '$top', '$expand']
const OPERATORS: readonly { name: string; detail: string }[] = [
  { name: 'eq', detail: 'equals' },
  { name: 'ne', detail: 'not equal' },
  { name: 'gt', detail: 'greater than' },
  { name: 'ge', detail: 'greater than or equal' },
  { name: 'lt', detail: 'less than' },
  { name: 'le', detail: 'less than or equal' },
  { name: 'and', detail: 'both conditions' },
  { name: 'or', detail: 'either condition' },
  { name: 'in', detail: "one of a list: ('a','b')" },
  { name: 'has', detail: 'flag is set' },
  { name: 'add', detail: 'arithmetic' },
  { name: 'sub', detail: 'arithmetic' },
  { name: 'mul', detail: 'arithmetic' },
  { name: 'div', detail: 'arithmetic' },
  { name: 'mod', detail: 'arithmetic' },
]
const ROOT_EXTRAS = ['$metadata', 'EntityDefinitions', 'RelationshipDefinitions', 'GlobalOptionSetDefinitions']

/** Resolves a completion context's entity path (`['accounts', 'primarycontactid']`) to an entity type. */
function entityAt(index: MetadataIndex | null, path: readonly string[]): EntityTypeInfo | undefined {
  if (!index || path.length === 0) return undefined
  let type = index.entitySet(path[0] ?? '')
  for (const name of path.slice(1)) {
    if (!type) return undefined
    type = type.navigation(name)?.target
  }
  return type
}

function columnItems(type: EntityTypeInfo | undefined): Suggestion[] {
  if (!type) return []
  const key = new Set(type.key)
  return type.properties().map((property) => ({
    label: property.name,
    kind: property.isLookupValue ? 'lookup' : 'column',
    insertText: property.name,
    detail: property.isLookupValue
      ? `lookup → ${property.lookupTargets.join(', ') || 'record'} (${property.type})`
      : `${property.type}${key.has(property.name) ? ' · key' : ''}${property.nullable ? '' : ' · required'}`,
    // Plain columns first, then lookups; keys last (Dataverse returns them anyway).
    sortText: `${key.has(property.name) ? 2 : property.isLookupValue ? 1 : 0}${property.name}`,
  }))
}

function navigationItems(type: EntityTypeInfo | undefined, only?: 'single' | 'collection'): Suggestion[] {
  if (!type) return []
  return type
    .navigations()
    .filter((navigation) => !only || (only === 'collection') === navigation.collection)
    .map((navigation) => ({
      label: navigation.name,
      kind: 'navigation',
      insertText: navigation.name,
      detail: `${navigation.collection ? 'many' : 'one'} → ${navigation.targetType}`,
      sortText: `3${navigation.name}`,
    }))
}

function functionItems(withNamespace: boolean): Suggestion[] {
  const builtins: Suggestion[] = withNamespace
    ? []
    : BUILTIN_FUNCTIONS.map((fn) => ({
        label: fn.name,
        kind: 'function',
        insertText: fn.params.length === 0 ? `${fn.name}()` : `${fn.name}(`,
        detail: `${fn.name}(${fn.params.join(', ')}) → ${fn.returns}`,
        documentation: fn.summary,
        sortText: `4${fn.name}`,
      }))
  const dataverse: Suggestion[] = QUERY_FUNCTIONS.map((fn) => {
    const parameters = [
      "PropertyName=''",
      ...fn.params.map((param) => (param === 'PropertyValues' ? `${param}=[]` : `${param}=`)),
    ]
    return {
      label: `${DATAVERSE_NAMESPACE}.${fn.name}`,
      kind: 'function',
      insertText: `${DATAVERSE_NAMESPACE}.${fn.name}(${parameters.join(',')})`,
      detail: `Dataverse query function`,
      documentation: fn.summary,
      sortText: `5${fn.name}`,
    }
  })
  return [...builtins, ...dataverse]
}

function keywordItems(names: readonly string[], sortPrefix = '6'): Suggestion[] {
  return names.map((name) => ({ label: name, kind: 'keyword', insertText: name, sortText: `${sortPrefix}${name}` }))
}

async function choiceItems(context: CompletionContext, model: ModelContext): Promise<Suggestion[]> {
  const type = entityAt(model.index, context.entityPath)
  const property = context.property ? type?.property(context.property) : undefined
  if (!type || !property) return keywordItems(['null', 'true', 'false'])
  if (property.type === 'Edm.Boolean') return keywordItems(['true', 'false', 'null'], '0')
  let options = property.optionSet
  if (!options && model.loadChoices && /^Edm\.Int(16|32|64)$/.test(property.type)) {
    options = (await model.loadChoices(type.name))[property.name]
  }
  if (!options || options.length === 0) return keywordItems(['null'])
  return options.map((option, order) => ({
    label: `${option.value} — ${option.label}`,
    kind: 'value',
    insertText: String(option.value),
    detail: option.label,
    sortText: String(order).padStart(4, '0'),
  }))
}

export async function odataSuggestions(text: string, offset: number, model: ModelContext): Promise<SuggestionResult> {
  const context = completionContextAt(text, offset)
  const replace = context.replace
  const index = model.index
  const type = entityAt(index, context.entityPath)
  let items: Suggestion[]
  switch (context.kind) {
    case 'entitySet':
      items = [
        ...(index?.entitySetNames() ?? []).map((name): Suggestion => ({
          label: name,
          kind: 'table',
          insertText: name,
          detail: `table ${index?.entitySet(name)?.name ?? ''}`,
        })),
        ...(index?.data.imports ?? []).map((name): Suggestion => ({
          label: name,
          kind: 'function',
          insertText: name,
          detail: 'function',
          sortText: `8${name}`,
        })),
        ...keywordItems(ROOT_EXTRAS, '9'),
      ]
      break
    case 'resourceSegment':
      items = [
        ...navigationItems(type),
        ...(index?.operations() ?? [])
          .filter(
            (operation) =>
              operation.bound && type && operation.bindingType?.replace(/^Collection\((.*)\)$/, '$1') === type.name,
          )
          .map((operation): Suggestion => ({
            label: `${DATAVERSE_NAMESPACE}.${operation.name}`,
            kind: 'function',
            insertText: `${DATAVERSE_NAMESPACE}.${operation.name}${operation.kind === 'function' ? '()' : ''}`,
            detail: `bound ${operation.kind}`,
          })),
        ...keywordItems(['$count']),
      ]
      break
    case 'queryOptionName':
      items = QUERY_OPTIONS.map((option, order) => ({
        label: option.name,
        kind: 'option',
        insertText: `${option.name}=`,
        detail: option.detail,
        sortText: String(order),
      }))
      break
    case 'expandOptionName':
      items = EXPAND_OPTIONS.map((name, order) => ({
        label: name,
        kind: 'option',
        insertText: `${name}=`,
        sortText: String(order),
      }))
      break
    case 'selectItem':
      items = [...columnItems(type), ...keywordItems(['*'], '9')]
      break
    case 'orderbyItem':
      items = columnItems(type)
      break
    case 'orderbyDirection':
      items = keywordItems(['asc', 'desc'], '0')
      break
    case 'expandItem':
      items = navigationItems(type)
      break
    case 'filterOperand':
      items = [
        ...columnItems(type),
        ...navigationItems(type),
        ...context.lambdaVariables.map((variable): Suggestion => ({
          label: variable.name,
          kind: 'keyword',
          insertText: variable.name,
          detail: `each of ${variable.collectionPath.at(-1) ?? ''}`,
          sortText: `0${variable.name}`,
        })),
        ...functionItems(false),
        ...keywordItems(['not', 'null', 'true', 'false']),
      ]
      break
    case 'filterFunction':
      items = functionItems(true)
      break
    case 'filterOperator':
      items = OPERATORS.map((operator, order) => ({
        label: operator.name,
        kind: 'operator',
        insertText: operator.name,
        detail: operator.detail,
        sortText: String(order).padStart(2, '0'),
      }))
      break
    case 'choiceValue':
      items = await choiceItems(context, model)
      break
    case 'lambdaVariable':
      items = []
      break
    case 'none':
      items = []
      break
  }
  return { replace, items }
}

export interface HoverInfo {
  readonly start: number
  readonly end: number
  readonly lines: readonly string[]
}

/** Type information for the word under the cursor: a table, a column, a navigation or a function. */
export function odataHover(text: string, offset: number, model: ModelContext): HoverInfo | undefined {
  const token = tokenize(text).find((candidate) => candidate.start <= offset && offset < candidate.end)
  if (!token) return undefined
  const word = text.slice(token.start, token.end)
  const index = model.index
  const at = { start: token.start, end: token.end }
  if (token.kind === 'function') {
    const name = word.replace(/^(Microsoft\.Dynamics\.CRM|mscrm)\./, '')
    const builtin = BUILTIN_FUNCTIONS.find((fn) => fn.name === word)
    if (builtin)
      return {
        ...at,
        lines: [`**${builtin.name}**(${builtin.params.join(', ')}) → ${builtin.returns}`, builtin.summary],
      }
    const dataverse = QUERY_FUNCTIONS.find((fn) => fn.name === name)
    if (dataverse)
      return {
        ...at,
        lines: [`**${DATAVERSE_NAMESPACE}.${dataverse.name}** (Dataverse query function)`, dataverse.summary],
      }
    return undefined
  }
  if (!index) return undefined
  if (token.kind === 'entitySet') {
    const type = index.entitySet(word)
    if (!type) return undefined
    const counts = `${type.propertyNames().length} columns, ${type.navigationNames().length} relationships`
    return { ...at, lines: [`**${word}** — table \`${type.name}\``, `Key: ${type.key.join(', ') || '—'} · ${counts}`] }
  }
  if (token.kind !== 'property' && token.kind !== 'segment') return undefined
  // The completion context just after the word says which table the word belongs to.
  const context = completionContextAt(text, token.end)
  const type = entityAt(index, context.entityPath)
  const property = type?.property(word)
  if (property) {
    const lines = [`**${word}**: \`${property.type}\`${property.nullable ? '' : ' (required)'} — ${type?.name}`]
    if (property.isLookupValue)
      lines.push(
        `Lookup → ${property.lookupTargets.join(', ') || 'record'}${property.lookupNavigations.length ? ` (navigation: ${property.lookupNavigations.join(', ')})` : ''}`,
      )
    if (property.optionSet?.length)
      lines.push(
        property.optionSet
          .slice(0, 12)
          .map((option) => `${option.value} = ${option.label}`)
          .join(' · '),
      )
    return { ...at, lines }
  }
  const navigation = type?.navigation(word)
  if (navigation) {
    return {
      ...at,
      lines: [
        `**${word}** — ${navigation.collection ? 'collection of' : 'one'} \`${navigation.targetType}\``,
        navigation.foreignKey ? `Filter by its id with \`${navigation.foreignKey}\`` : '',
      ].filter(Boolean),
    }
  }
  return undefined
}

export interface EditorDiagnostic {
  readonly severity: 'error' | 'warning' | 'info'
  readonly message: string
  readonly start: number
  readonly end: number
  readonly code: string
  readonly suggestions: readonly string[]
}

/**
 * Markers for the text: syntax errors from the shared parser, then — when the connection's metadata
 * is loaded — unknown tables, columns and navigations with "did you mean" replacements.
 */
export function odataDiagnostics(text: string, index: MetadataIndex | null): EditorDiagnostic[] {
  const found = index ? diagnoseRequest(text, index) : syntaxDiagnostics(text)
  return found.map((diagnostic) => ({
    severity: diagnostic.severity,
    message: diagnostic.message,
    start: diagnostic.span.start,
    end: Math.max(diagnostic.span.end, diagnostic.span.start + 1),
    code: diagnostic.code,
    suggestions: diagnostic.suggestions ?? [],
  }))
}
