/**
 * Markers for FetchXML mode: the first place the XML stops being well formed (saxes), a root other
 * than <fetch>, and — once the connection's metadata is loaded — tables and columns the environment
 * does not have, each with "did you mean" replacements. Columns use FetchXML names (a lookup is
 * `parentcustomerid`, not `_parentcustomerid_value`) and are checked against the table they belong
 * to: the <entity>, the enclosing <link-entity>, or the link named by a condition's `entityname`.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import type { EntityTypeInfo, MetadataIndex } from '@common/metadata/metadata-index'
import { suggest } from '@common/odata/suggest'
import { fetchXmlAttributeName } from '@common/query/fetchxml'
import type { EditorDiagnostic } from './odata-service'

/** Elements whose attribute (given here) names a column of the table in scope. */
const COLUMN_ATTRIBUTE: Readonly<Record<string, string>> = {
  attribute: 'name',
  order: 'attribute',
  condition: 'attribute',
}

interface Span {
  readonly start: number
  readonly end: number
}

interface Scope {
  readonly element: string
  /** The table of an <entity> or <link-entity>; undefined when unknown (already marked) or not a table element. */
  readonly table: EntityTypeInfo | undefined
}

/** Where the value of `attribute` sits in the tag that spans [start, end) of `text`, or the tag itself. */
function valueSpan(text: string, start: number, end: number, attribute: string): Span {
  const tag = text.slice(start, end)
  const match = new RegExp(`\\s${attribute}\\s*=\\s*(["'])([^"']*)\\1`).exec(tag)
  if (!match) return { start, end }
  const valueStart = start + match.index + match[0].length - 1 - (match[2]?.length ?? 0)
  return { start: valueStart, end: valueStart + (match[2]?.length ?? 0) }
}

function columnNames(table: EntityTypeInfo): string[] {
  return table.properties().map((property) => fetchXmlAttributeName(property.name))
}

export function fetchXmlDiagnostics(text: string, index: MetadataIndex | null): EditorDiagnostic[] {
  const found: EditorDiagnostic[] = []
  const scopes: Scope[] = []
  const aliases = new Map<string, EntityTypeInfo | undefined>()
  // A filter may name a link's alias before the <link-entity> that defines it: checked at the end.
  const onAliases: { alias: string; column: string | undefined; aliasSpan: Span; columnSpan: Span }[] = []
  const parser = new SaxesParser({ xmlns: false, position: true })
  let syntaxError = false

  const mark = (span: Span, code: string, message: string, suggestions: readonly string[] = []) =>
    found.push({
      severity: 'error',
      message,
      start: span.start,
      end: Math.max(span.end, span.start + 1),
      code,
      suggestions,
    })

  const tableNamed = (tag: SaxesTagPlain, span: Span): EntityTypeInfo | undefined => {
    const name = tag.attributes.name
    if (!index || !name) return undefined
    const table = index.entityType(name)
    if (!table)
      mark(
        span,
        'unknown-table',
        `This environment has no table named '${name}'.`,
        suggest(name, index.entityTypeNames()),
      )
    return table
  }

  const checkColumn = (table: EntityTypeInfo | undefined, name: string | undefined, span: Span) => {
    if (!table || !name) return
    const names = columnNames(table)
    if (names.includes(name)) return
    mark(span, 'unknown-column', `The table '${table.name}' has no column '${name}'.`, suggest(name, names))
  }

  const nearestTable = (): EntityTypeInfo | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const scope = scopes[i]
      if (scope && (scope.element === 'entity' || scope.element === 'link-entity')) return scope.table
    }
    return undefined
  }

  parser.on('error', (error) => {
    if (syntaxError) return
    syntaxError = true
    const at = Math.min(parser.position, text.length)
    // saxes prefixes "line:column: "; the marker already shows where.
    mark(
      { start: Math.max(0, at - 1), end: at },
      'xml-syntax',
      `The XML is not well formed: ${error.message.replace(/^\d+:\d+:\s*/, '')}`,
    )
  })

  parser.on('opentag', (tag) => {
    if (syntaxError) return
    const end = parser.position
    const start = text.lastIndexOf('<', end - 1)
    const span = (attribute: string) => valueSpan(text, start, end, attribute)
    if (scopes.length === 0 && tag.name !== 'fetch') {
      mark({ start, end }, 'fetchxml-root', `A FetchXML query starts with <fetch>, not <${tag.name}>.`, [])
    }
    const parentTable = nearestTable()
    let table: EntityTypeInfo | undefined
    if (tag.name === 'entity') table = tableNamed(tag, span('name'))
    else if (tag.name === 'link-entity') {
      table = tableNamed(tag, span('name'))
      checkColumn(table, tag.attributes.from, span('from'))
      checkColumn(parentTable, tag.attributes.to, span('to'))
      if (tag.attributes.alias) aliases.set(tag.attributes.alias, table)
    } else {
      const attribute = COLUMN_ATTRIBUTE[tag.name]
      // An order on an aggregate alias names no column.
      const onAlias = tag.name === 'order' && tag.attributes.alias !== undefined
      const linked = tag.name === 'condition' ? tag.attributes.entityname : undefined
      if (linked !== undefined)
        onAliases.push({
          alias: linked,
          column: tag.attributes.attribute,
          aliasSpan: span('entityname'),
          columnSpan: span('attribute'),
        })
      else if (attribute && !onAlias) checkColumn(parentTable, tag.attributes[attribute], span(attribute))
    }
    if (!tag.isSelfClosing) scopes.push({ element: tag.name, table })
  })

  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) scopes.pop()
  })

  parser.write(text)
  if (!syntaxError) parser.close()
  if (!syntaxError && text.trim() === '') mark({ start: 0, end: 0 }, 'fetchxml-root', 'Write a <fetch> query here.')
  if (!syntaxError && index) {
    for (const condition of onAliases) {
      if (aliases.has(condition.alias))
        checkColumn(aliases.get(condition.alias), condition.column, condition.columnSpan)
      else
        mark(
          condition.aliasSpan,
          'unknown-alias',
          `No <link-entity> has the alias '${condition.alias}'.`,
          suggest(condition.alias, aliases.keys()),
        )
    }
  }
  return found.sort((a, b) => a.start - b.start)
}
