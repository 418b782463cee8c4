/**
 * Metadata-aware checks of a parsed request: unknown tables, columns and navigation properties
 * (with "did you mean"), lookups used by their logical name, literals of the wrong type,
 * Dataverse query functions, and options Dataverse does not support.
 */
import type {
  ExpandItem,
  Expression,
  Identifier,
  LiteralExpression,
  ODataRequest,
  ParseError,
  QueryOptions,
  SelectItem,
  Span,
} from './ast'
import { isDataverseNamespace, QUERY_FUNCTIONS, queryFunction } from './functions'
import { parseRequest } from './parse'
import type { EntityTypeView, NavigationView, PropertyView, SchemaView } from './schema'
import { suggest } from './suggest'

type DiagnosticCode =
  | 'syntax'
  | 'unknown-entity-set'
  | 'unknown-property'
  | 'unknown-navigation'
  | 'lookup-needs-value'
  | 'navigation-not-column'
  | 'collection-navigation'
  | 'type-mismatch'
  | 'unknown-choice-value'
  | 'unknown-function'
  | 'unknown-parameter'
  | 'undefined-alias'
  | 'unsupported-option'
  | 'unsupported-operator'
  | 'top-with-count'

export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'info'
  readonly message: string
  readonly span: Span
  readonly code: DiagnosticCode
  /** Replacements for the text at `span`, best first (quick fixes). */
  readonly suggestions?: readonly string[]
  /** For `syntax`: what the grammar accepted at that point. */
  readonly expected?: readonly string[]
}

/** Metadata entity sets every environment serves; their shape is not in the table list. */
const METADATA_SETS = new Set([
  'EntityDefinitions',
  'RelationshipDefinitions',
  'GlobalOptionSetDefinitions',
  'ManagedPropertyDefinitions',
])

/** Unbound functions every environment has, accepted when the schema does not list functions. */
const COMMON_FUNCTIONS = [
  'WhoAmI',
  'RetrieveVersion',
  'RetrieveCurrentOrganization',
  'RetrieveTotalRecordCount',
  'RetrieveAvailableLanguages',
]

/** Functions and actions bound to a row that every environment has; a near miss of one is a typo. */
const BOUND_FUNCTIONS = [
  'RetrieveUserPrivileges',
  'RetrievePrincipalAccess',
  'RetrieveTeamPrivileges',
  'RetrieveUserQueues',
  'RetrieveBusinessHierarchy',
  'RetrieveSharedPrincipalsAndAccess',
  'RetrieveUserSettingsSystemUser',
  'AddMembersTeam',
  'RemoveMembersTeam',
  'AddPrivilegesRole',
  'ReplacePrivilegesRole',
  'RetrieveRolePrivilegesRole',
  'CalculateRollupField',
]

/** Dataverse's wording for expand options it does not run (the same rule for $top and $orderby). */
const NESTED_EXPAND_MESSAGE =
  'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.'

interface Scope {
  readonly type: EntityTypeView
  readonly variables: ReadonlyMap<string, EntityTypeView>
}

class Validator {
  readonly diagnostics: Diagnostic[] = []
  aliases = new Set<string>()

  constructor(readonly schema: SchemaView) {}

  report(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic)
  }

  request(request: ODataRequest): void {
    this.aliases = new Set(request.options.custom.filter((c) => c.name.startsWith('@')).map((c) => c.name))
    const type = this.resourcePath(request)
    this.options(request.options, type, true)
  }

  /** The entity type the query options apply to, or undefined when it cannot be known. */
  private resourcePath(request: ODataRequest): EntityTypeView | undefined {
    const [first, ...rest] = request.segments
    if (!first || first.name.name.startsWith('$') || METADATA_SETS.has(first.name.name)) return undefined
    const set = this.schema.entitySet(first.name.name)
    if (!set) {
      this.unknownResource(first.name, first.call !== undefined)
      return undefined
    }
    let type: EntityTypeView = set
    for (const segment of rest) {
      const name = segment.name.name
      if (name.includes('.') || segment.call) {
        this.boundFunction(segment.name)
        return undefined
      }
      if (name.startsWith('$')) return undefined
      const nav = type.navigation(name)
      if (!nav) {
        this.unknownNavigation(segment.name, type, `${type.name} has no navigation property named ${name}`)
        return undefined
      }
      type = nav.target
    }
    return type
  }

  /** `accounts(…)/Microsoft.Dynamics.CRM.RetrieveUserPrivilegs()`: a near miss of a bound function Dataverse has. */
  private boundFunction(name: Identifier): void {
    const bare = name.name.replace(/^(Microsoft\.Dynamics\.CRM|mscrm)\./, '')
    if (bare.includes('.')) return
    const known = [...BOUND_FUNCTIONS, ...(this.schema.functionNames?.() ?? [])]
    if (known.includes(bare)) return
    const suggestions = suggest(bare, BOUND_FUNCTIONS)
    if (!suggestions[0]) return
    this.report({
      severity: 'error',
      code: 'unknown-function',
      message: `${bare} is not a function Dataverse has — did you mean ${suggestions[0]}?`,
      span: name.span,
      suggestions: suggestions.map((s) => name.name.slice(0, name.name.length - bare.length) + s),
    })
  }

  private unknownResource(name: Identifier, isCall: boolean): void {
    const functions = this.schema.functionNames?.()
    const knownFunctions = functions && functions.length > 0 ? functions : COMMON_FUNCTIONS
    if (knownFunctions.includes(name.name) || (isCall && !(functions && functions.length > 0))) return
    const sets = this.schema.entitySetNames()
    const byLogicalName = sets.filter((set) => this.schema.entitySet(set)?.name === name.name)
    const suggestions = unique([...byLogicalName, ...suggest(name.name, [...sets, ...knownFunctions])]).slice(0, 3)
    const hint = byLogicalName[0]
      ? ` — ${name.name} is the table's logical name; its entity set is ${byLogicalName[0]}`
      : suggestions[0]
        ? ` — did you mean ${suggestions[0]}?`
        : ''
    this.report({
      severity: 'error',
      code: 'unknown-entity-set',
      message: `There is no table (entity set) named ${name.name}${hint}`,
      span: name.span,
      suggestions,
    })
  }

  /** `depth`: 0 for the request's own options, n inside n levels of $expand. */
  private options(options: QueryOptions, type: EntityTypeView | undefined, topLevel: boolean, depth = 0): void {
    if (options.skip !== undefined) {
      const span = options.spans.skip?.name ?? { start: 0, end: 0 }
      this.report({
        severity: 'warning',
        code: 'unsupported-option',
        message:
          'Dataverse does not support $skip: page with Prefer: odata.maxpagesize and @odata.nextLink, or use $top',
        span,
      })
    }
    if (topLevel && options.top !== undefined && options.count === true) {
      this.report({
        severity: 'info',
        code: 'top-with-count',
        message: '$count with $top: Dataverse counts the rows $top returns, not all matching rows',
        span: options.spans.count?.name ?? { start: 0, end: 0 },
      })
    }
    if (!type) return
    const scope: Scope = { type, variables: new Map() }
    for (const item of options.select ?? []) this.selectItem(item, type)
    if (options.filter) this.expression(options.filter, scope)
    for (const item of options.orderby ?? []) this.expression(item.expression, scope)
    for (const item of options.expand ?? []) this.expandItem(item, type, depth)
  }

  private selectItem(item: SelectItem, type: EntityTypeView): void {
    if (item.kind === 'star') return
    const [first, ...rest] = item.path
    if (!first) return
    if (type.property(first.name) && rest.length === 0) return
    const nav = type.navigation(first.name)
    if (nav && rest.length > 0) {
      const last = rest.at(-1)
      this.report({
        severity: 'warning',
        code: 'navigation-not-column',
        message: `Dataverse does not select through navigation properties: use $expand=${first.name}($select=${rest.map((r) => r.name).join('/')})`,
        span: item.span,
      })
      if (rest.length === 1 && last && !nav.target.property(last.name)) this.unknownColumn(last, nav.target)
      return
    }
    if (nav) {
      const value = lookupValueName(first.name)
      if (type.property(value)) {
        this.lookupNeedsValue(
          first,
          value,
          `${first.name} is a lookup: select ${value} for the related row's id, or use $expand=${first.name}($select=…) for its columns`,
        )
      } else {
        this.report({
          severity: 'error',
          code: 'navigation-not-column',
          message: `${first.name} is a navigation property, not a column: use $expand=${first.name}`,
          span: first.span,
          suggestions: [],
        })
      }
      return
    }
    this.unknownColumn(first, type)
  }

  private expandItem(item: ExpandItem, type: EntityTypeView, depth: number): void {
    const [first] = item.path
    if (!first) return
    const nav = type.navigation(first.name)
    if (!nav) {
      const fromValue = /^_(.+)_value$/.exec(first.name)?.[1]
      if (fromValue && type.navigation(fromValue)) {
        this.report({
          severity: 'error',
          code: 'unknown-navigation',
          message: `${first.name} is the lookup's id column: expand the navigation property ${fromValue} instead`,
          span: first.span,
          suggestions: [fromValue],
        })
        return
      }
      const what = type.property(first.name)
        ? `${first.name} is a column, not a navigation property`
        : `${type.name} has no navigation property named ${first.name}`
      this.unknownNavigation(first, type, what)
      return
    }
    if (item.ref && nav.collection) {
      this.report({
        severity: 'error',
        code: 'unsupported-option',
        message: 'Expand with $ref is only supported on lookup type navigation property.',
        span: item.span,
      })
      return
    }
    if (nav.collection) this.collectionExpandOptions(item, depth)
    this.options(item.options, nav.target, false, depth + 1)
  }

  /** $top and $orderby only apply to a top-level collection expand without a nested $expand. */
  private collectionExpandOptions(item: ExpandItem, depth: number): void {
    const options = item.options
    if (options.top === undefined && options.orderby === undefined) return
    if (depth === 0 && (options.expand ?? []).length === 0) return
    const span = options.spans.top?.name ?? options.spans.orderby?.name ?? item.span
    this.report({ severity: 'error', code: 'unsupported-option', message: NESTED_EXPAND_MESSAGE, span })
  }

  private unknownNavigation(name: Identifier, type: EntityTypeView, what: string): void {
    const suggestions = suggest(name.name, type.navigationNames())
    this.report({
      severity: 'error',
      code: 'unknown-navigation',
      message: `${what}${suggestions[0] ? ` — did you mean ${suggestions[0]}?` : ''}`,
      span: name.span,
      suggestions,
    })
  }

  private unknownColumn(name: Identifier, type: EntityTypeView): void {
    const value = lookupValueName(name.name)
    if (type.property(value)) {
      this.lookupNeedsValue(name, value, `${name.name} is a lookup: in queries its id is the column ${value}`)
      return
    }
    const suggestions = suggest(name.name, type.propertyNames())
    this.report({
      severity: 'error',
      code: 'unknown-property',
      message: `${type.name} has no column named ${name.name}${suggestions[0] ? ` — did you mean ${suggestions[0]}?` : ''}`,
      span: name.span,
      suggestions,
    })
  }

  private lookupNeedsValue(name: Identifier, value: string, message: string): void {
    this.report({ severity: 'error', code: 'lookup-needs-value', message, span: name.span, suggestions: [value] })
  }

  /** Walks an expression; returns the column a bare path resolves to, for type checks. */
  private expression(e: Expression, scope: Scope): PropertyView | undefined {
    switch (e.kind) {
      case 'literal':
        return undefined
      case 'list':
        for (const item of e.items) this.expression(item, scope)
        return undefined
      case 'alias':
        if (!this.aliases.has(e.name)) {
          this.report({
            severity: 'error',
            code: 'undefined-alias',
            message: `The parameter alias ${e.name} has no value: add ${e.name}=… as a query option`,
            span: e.span,
          })
        }
        return undefined
      case 'path':
        return this.path(e.segments, scope)
      case 'unary':
        if (e.operator === 'not' && e.operand.kind === 'dynamicsFunction') {
          this.report({
            severity: 'error',
            code: 'unsupported-operator',
            message: `Dataverse does not allow not before a query function: use the opposite function where there is one (such as NotIn, NotBetween, NotEqualUserId)`,
            span: e.span,
          })
        }
        this.expression(e.operand, scope)
        return undefined
      case 'binary': {
        const left = this.expression(e.left, scope)
        const right = this.expression(e.right, scope)
        if (left && e.right.kind === 'literal') this.compare(left, e.right)
        if (right && e.left.kind === 'literal') this.compare(right, e.left)
        if (left && e.operator === 'in' && e.right.kind === 'list') {
          for (const item of e.right.items) if (item.kind === 'literal') this.compare(left, item)
        }
        return undefined
      }
      case 'call': {
        const columns = e.args.map((arg) => this.expression(arg, scope))
        const first = columns[0]
        if (
          first &&
          ['contains', 'startswith', 'endswith'].includes(e.name.name) &&
          textClass(first.type) !== 'string' &&
          textClass(first.type)
        ) {
          this.report({
            severity: 'error',
            code: 'type-mismatch',
            message: `${e.name.name} works on text, but ${first.name} is ${describeType(first.type)}`,
            span: e.args[0]?.span ?? e.span,
          })
        }
        return undefined
      }
      case 'dynamicsFunction':
        this.dynamicsFunction(e, scope)
        return undefined
      case 'lambda': {
        const target = this.lambdaCollection(e.collection.segments, scope)
        if (target && e.variable && e.predicate) {
          const variables = new Map(scope.variables)
          variables.set(e.variable.name, target)
          this.expression(e.predicate, { type: scope.type, variables })
        }
        return undefined
      }
    }
  }

  private lambdaCollection(segments: readonly Identifier[], scope: Scope): EntityTypeView | undefined {
    const head = segments.slice(0, -1)
    const last = segments.at(-1)
    if (!last) return undefined
    const owner = head.length === 0 ? scope.type : this.navigationTarget(head, scope)
    if (!owner) return undefined
    const nav = owner.navigation(last.name)
    if (nav?.collection) return nav.target
    if (nav) {
      this.report({
        severity: 'error',
        code: 'collection-navigation',
        message: `${last.name} points to a single row, so any/all do not apply: compare ${last.name}/<column> directly`,
        span: last.span,
      })
      return undefined
    }
    this.unknownNavigation(last, owner, `${owner.name} has no collection navigation property named ${last.name}`)
    return undefined
  }

  /** The type reached by walking navigation segments (none may be a collection). */
  private navigationTarget(segments: readonly Identifier[], scope: Scope): EntityTypeView | undefined {
    const [first, ...rest] = segments
    if (!first) return scope.type
    const variable = scope.variables.get(first.name)
    let type = variable ?? scope.type
    for (const segment of variable ? rest : segments) {
      const nav = type.navigation(segment.name)
      if (!nav) {
        if (type.property(segment.name)) {
          this.report({
            severity: 'error',
            code: 'unknown-navigation',
            message: `${segment.name} is a column, so nothing can follow it after /`,
            span: segment.span,
          })
        } else this.unknownColumn(segment, type)
        return undefined
      }
      if (nav.collection) {
        this.collectionInPath(nav, segment)
        return undefined
      }
      type = nav.target
    }
    return type
  }

  private collectionInPath(nav: NavigationView, segment: Identifier): void {
    this.report({
      severity: 'error',
      code: 'collection-navigation',
      message: `${nav.name} is a collection: filter on it with ${nav.name}/any(x: x/<column> …) or count it with ${nav.name}/$count`,
      span: segment.span,
    })
  }

  /** A path used as an operand: columns, navigation then column, `nav/$count`, lambda variables. */
  private path(segments: readonly Identifier[], scope: Scope): PropertyView | undefined {
    const last = segments.at(-1)
    if (!last || segments.some((s) => s.name.includes('.') || (s.name.startsWith('$') && s.name !== '$count')))
      return undefined
    if (segments.length === 1 && scope.variables.has(last.name)) return undefined
    if (last.name === '$count') {
      const collection = segments.slice(0, -1)
      if (collection.length > 0) this.lambdaCollection(collection, scope)
      return undefined
    }
    const owner = this.navigationTarget(segments.slice(0, -1), scope)
    if (!owner) return undefined
    const property = owner.property(last.name)
    if (property) return property
    const nav = owner.navigation(last.name)
    if (nav) {
      const value = lookupValueName(last.name)
      if (!nav.collection && owner.property(value)) {
        this.lookupNeedsValue(
          last,
          value,
          `${last.name} is a lookup: compare its id with ${value}, or a column of the related row with ${last.name}/<column>`,
        )
      } else if (nav.collection) this.collectionInPath(nav, last)
      else {
        this.report({
          severity: 'error',
          code: 'navigation-not-column',
          message: `${last.name} is a navigation property: compare one of its columns, as in ${last.name}/<column>`,
          span: last.span,
        })
      }
      return undefined
    }
    this.unknownColumn(last, owner)
    return undefined
  }

  private compare(column: PropertyView, value: LiteralExpression): void {
    const expected = textClass(column.type)
    const actual = literalClass(value)
    if (!expected || !actual || actual === 'null') {
      return
    }
    if (expected !== actual) {
      this.report({
        severity: 'error',
        code: 'type-mismatch',
        message: mismatchMessage(column, value, expected, actual),
        span: value.span,
        suggestions: mismatchFix(value, expected),
      })
      return
    }
    if (
      column.optionSet &&
      column.optionSet.length > 0 &&
      typeof value.value === 'number' &&
      !column.optionSet.some((o) => o.value === value.value)
    ) {
      const choices = column.optionSet.slice(0, 6).map((o) => `${o.value} (${o.label})`)
      this.report({
        severity: 'warning',
        code: 'unknown-choice-value',
        message: `${value.raw} is not a choice of ${column.name}; its choices include ${choices.join(', ')}`,
        span: value.span,
        suggestions: column.optionSet.slice(0, 3).map((o) => String(o.value)),
      })
    }
  }

  private dynamicsFunction(e: Extract<Expression, { kind: 'dynamicsFunction' }>, scope: Scope): void {
    if (!isDataverseNamespace(e.namespace)) {
      this.report({
        severity: 'error',
        code: 'unknown-function',
        message: `${e.namespace} is not a namespace Dataverse knows: query functions are Microsoft.Dynamics.CRM.<name> (or mscrm.<name>)`,
        span: e.span,
      })
      return
    }
    const known = queryFunction(e.name.name)
    const extra = this.schema.functionNames?.() ?? []
    if (!known) {
      if (extra.includes(e.name.name)) return
      const suggestions = suggest(
        e.name.name,
        QUERY_FUNCTIONS.map((f) => f.name),
      )
      this.report({
        severity: 'error',
        code: 'unknown-function',
        message: `${e.name.name} is not a Dataverse query function${suggestions[0] ? ` — did you mean ${suggestions[0]}?` : ''}`,
        span: e.name.span,
        suggestions,
      })
      return
    }
    const allowed = ['PropertyName', ...known.params]
    const missing = new Set(allowed.filter((name) => !e.parameters.some((p) => p.name.name === name)))
    for (const parameter of e.parameters) {
      if (!allowed.includes(parameter.name.name)) {
        const suggestions = suggest(parameter.name.name, allowed)
        // A misspelt parameter already explains why the one it resembles is missing.
        if (suggestions[0]) missing.delete(suggestions[0])
        this.report({
          severity: 'error',
          code: 'unknown-parameter',
          message: `${known.name} takes ${allowed.join(', ')}, not ${parameter.name.name}`,
          span: parameter.name.span,
          suggestions,
        })
      }
      if (parameter.value.kind === 'alias') this.expression(parameter.value, scope)
    }
    for (const name of missing) {
      this.report({
        severity: 'error',
        code: 'unknown-parameter',
        message: `${known.name} needs the parameter ${name}`,
        span: e.name.span,
      })
    }
    const property = e.parameters.find((p) => p.name.name === 'PropertyName')?.value
    if (property?.kind === 'literal' && typeof property.value === 'string' && !scope.type.property(property.value)) {
      const inner = { start: property.span.start + 1, end: property.span.end - 1 }
      this.unknownColumn({ name: property.value, span: inner }, scope.type)
    }
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

function lookupValueName(name: string): string {
  return `_${name}_value`
}

type ValueClass = 'string' | 'number' | 'boolean' | 'guid' | 'datetime'

const NUMBER_TYPES = new Set([
  'Edm.Int16',
  'Edm.Int32',
  'Edm.Int64',
  'Edm.Byte',
  'Edm.SByte',
  'Edm.Decimal',
  'Edm.Double',
  'Edm.Single',
])

function textClass(edmType: string): ValueClass | undefined {
  if (edmType === 'Edm.String') return 'string'
  if (NUMBER_TYPES.has(edmType)) return 'number'
  if (edmType === 'Edm.Boolean') return 'boolean'
  if (edmType === 'Edm.Guid') return 'guid'
  if (edmType === 'Edm.DateTimeOffset' || edmType === 'Edm.Date') return 'datetime'
  return undefined
}

function literalClass(value: LiteralExpression): ValueClass | 'null' | undefined {
  switch (value.type) {
    case 'null':
      return 'null'
    case 'string':
      return 'string'
    case 'integer':
    case 'decimal':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'guid':
      return 'guid'
    case 'date':
    case 'dateTimeOffset':
      return 'datetime'
    default:
      return undefined
  }
}

const DESCRIPTIONS: Record<ValueClass, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  guid: 'a guid',
  datetime: 'a date',
}

function describeType(edmType: string): string {
  const c = textClass(edmType)
  return c ? `${DESCRIPTIONS[c]} (${edmType})` : edmType
}

const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/

function mismatchMessage(
  column: PropertyView,
  value: LiteralExpression,
  expected: ValueClass,
  actual: ValueClass,
): string {
  const base = `${column.name} is ${describeType(column.type)} but ${value.raw} is ${DESCRIPTIONS[actual]}`
  if (value.type === 'string') {
    const text = String(value.value)
    if (expected === 'guid' && GUID_TEXT.test(text)) return `${base}: write guids without quotes`
    if (expected === 'number' && NUMBER_TEXT.test(text)) return `${base}: write numbers without quotes`
    if (expected === 'datetime' && DATE_TEXT.test(text))
      return `${base}: write dates without quotes, like 2024-01-31 or 2024-01-31T00:00:00Z`
    if (expected === 'boolean' && (text === 'true' || text === 'false'))
      return `${base}: write true or false without quotes`
  }
  if (expected === 'string') return `${base}: put text in quotes, like '${value.raw}'`
  return base
}

function mismatchFix(value: LiteralExpression, expected: ValueClass): string[] {
  if (value.type === 'string') {
    const text = String(value.value)
    const unquoted =
      (expected === 'guid' && GUID_TEXT.test(text)) ||
      (expected === 'number' && NUMBER_TEXT.test(text)) ||
      (expected === 'datetime' && DATE_TEXT.test(text)) ||
      (expected === 'boolean' && (text === 'true' || text === 'false'))
    return unquoted ? [text] : []
  }
  return expected === 'string' ? [`'${value.raw.replaceAll("'", "''")}'`] : []
}

export function validateRequest(request: ODataRequest, schema: SchemaView): Diagnostic[] {
  const validator = new Validator(schema)
  validator.request(request)
  return validator.diagnostics
}

/** A parse error as a diagnostic; the span covers the word (or character) where the text stops being valid. */
export function syntaxDiagnostics(text: string, baseOffset = 0): Diagnostic[] {
  const result = parseRequest(text, baseOffset)
  return result.ok ? [] : [errorDiagnostic(text, baseOffset, result.error)]
}

function errorDiagnostic(text: string, baseOffset: number, error: ParseError): Diagnostic {
  const local = error.offset - baseOffset
  let end = local
  while (end < text.length && /[\w$@.'-]/.test(text[end] ?? '') && end - local < 64) end++
  if (end === local && local < text.length) end = local + 1
  return {
    severity: 'error',
    code: 'syntax',
    message: error.message,
    span: { start: error.offset, end: baseOffset + end },
    expected: error.expected,
  }
}

/** Syntax first; when the text parses, the metadata checks. */
export function diagnoseRequest(text: string, schema: SchemaView, baseOffset = 0): Diagnostic[] {
  const result = parseRequest(text, baseOffset)
  return result.ok ? validateRequest(result.value, schema) : [errorDiagnostic(text, baseOffset, result.error)]
}
