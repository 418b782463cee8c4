/** FetchXML completion from the connection's metadata: element, attribute and table/column names where the cursor is. */
import { FETCHXML_CHILDREN, FETCHXML_OPERATORS, fetchXmlAttributeName, fetchXmlContextAt } from '@common/query/fetchxml'
import type { ModelContext } from './model-context'

export interface Suggestion {
  readonly label: string
  readonly kind:
    'table' | 'column' | 'lookup' | 'navigation' | 'keyword' | 'operator' | 'function' | 'value' | 'option' | 'element'
  readonly insertText: string
  readonly detail?: string
  readonly documentation?: string
  /** Sorts ahead of the rest (e.g. the $select columns most people want). */
  readonly sortText?: string
}

export interface SuggestionResult {
  /** Offsets of the text a chosen suggestion replaces. */
  readonly replace: { readonly start: number; readonly end: number }
  readonly items: readonly Suggestion[]
}

function wordEnd(text: string, offset: number): number {
  let end = offset
  while (end < text.length && /[\w.-]/.test(text[end] ?? '')) end++
  return end
}

/** FetchXML completion: tag names, table names, a table's columns (FetchXML names), operators, choice values. */
export async function fetchXmlSuggestions(
  text: string,
  offset: number,
  context: ModelContext,
): Promise<SuggestionResult> {
  const at = fetchXmlContextAt(text, offset)
  if (at.kind === 'none') return { replace: { start: offset, end: offset }, items: [] }
  const replace = { start: offset - at.prefix.length, end: wordEnd(text, offset) }
  const index = context.index
  switch (at.kind) {
    case 'element':
      return {
        replace,
        items: (FETCHXML_CHILDREN[at.parent ?? ''] ?? []).map((name) => ({
          label: name,
          kind: 'element',
          insertText: name,
        })),
      }
    case 'entity':
      return {
        replace,
        items: (index?.entityTypeNames() ?? [])
          .filter((name) => index?.entitySetOf(name) !== undefined)
          .map((name) => ({
            label: name,
            kind: 'table',
            insertText: name,
            detail: `table · entity set ${index?.entitySetOf(name) ?? ''}`,
          })),
      }
    case 'attribute': {
      const type = at.table ? index?.entityType(at.table) : undefined
      return {
        replace,
        items: (type?.properties() ?? []).map((property) => {
          const name = fetchXmlAttributeName(property.name)
          return {
            label: name,
            kind: property.isLookupValue ? 'lookup' : 'column',
            insertText: name,
            detail: property.isLookupValue
              ? `lookup → ${property.lookupTargets.join(', ') || 'record'}`
              : property.type,
          }
        }),
      }
    }
    case 'operator':
      return {
        replace,
        items: FETCHXML_OPERATORS.map((name, order) => ({
          label: name,
          kind: 'operator',
          insertText: name,
          sortText: String(order).padStart(3, '0'),
        })),
      }
    case 'value': {
      if (!at.table || !at.attribute || !context.loadChoices) return { replace, items: [] }
      const choices = (await context.loadChoices(at.table))[at.attribute] ?? []
      return {
        replace,
        items: choices.map((choice) => ({
          label: `${choice.value} — ${choice.label}`,
          kind: 'value',
          insertText: String(choice.value),
          detail: choice.label,
        })),
      }
    }
  }
}
