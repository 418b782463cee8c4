/**
 * The OData URL syntax tree shared by the emulator's query engine and the editor's language
 * service. Every node carries a span (offsets into the text that was parsed, plus the base offset
 * the caller passed), so errors and markers point at the right characters.
 */

export interface Span {
  readonly start: number
  readonly end: number
}

export interface Identifier {
  readonly name: string
  readonly span: Span
}

export type LiteralType =
  | 'null'
  | 'boolean'
  | 'string'
  | 'integer'
  | 'decimal'
  | 'guid'
  | 'dateTimeOffset'
  | 'date'
  | 'timeOfDay'
  | 'duration'
  /** `Namespace.EnumType'Member'` (the right side of `has`); `value` is the member text. Added for `has`. */
  | 'enum'

export type BinaryOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'and'
  | 'or'
  | 'has'
  | 'in'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'divby'
  | 'mod'

export interface LiteralExpression {
  readonly kind: 'literal'
  readonly type: LiteralType
  /** Strings are unescaped (`''` → `'`); numbers are numbers; guids, dates and durations stay text. */
  readonly value: string | number | boolean | null
  readonly raw: string
  readonly span: Span
}

/** `name`, `_parentaccountid_value`, `primarycontactid/fullname`, or a lambda variable path `c/fullname`. */
export interface PathExpression {
  readonly kind: 'path'
  readonly segments: readonly Identifier[]
  readonly span: Span
}

interface BinaryExpression {
  readonly kind: 'binary'
  readonly operator: BinaryOperator
  readonly left: Expression
  readonly right: Expression
  readonly span: Span
}

interface UnaryExpression {
  readonly kind: 'unary'
  readonly operator: 'not' | 'negate'
  readonly operand: Expression
  readonly span: Span
}

/** A built-in OData function: contains, startswith, endswith, tolower, year, now, … */
interface CallExpression {
  readonly kind: 'call'
  readonly name: Identifier
  readonly args: readonly Expression[]
  readonly span: Span
}

/** `Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)` (namespace may be `mscrm`). */
export interface DynamicsFunctionExpression {
  readonly kind: 'dynamicsFunction'
  readonly namespace: string
  readonly name: Identifier
  readonly parameters: readonly { readonly name: Identifier; readonly value: Expression; readonly span: Span }[]
  readonly span: Span
}

/** `contact_customer_accounts/any(c: c/fullname eq 'x')`; `any()` has no variable and no predicate. */
export interface LambdaExpression {
  readonly kind: 'lambda'
  readonly collection: PathExpression
  readonly operator: 'any' | 'all'
  readonly variable: Identifier | null
  readonly predicate: Expression | null
  readonly span: Span
}

/** A parameter alias used as an operand (`@p1`); consumers resolve it from `QueryOptions.custom`. */
interface ParameterAliasExpression {
  readonly kind: 'alias'
  /** With the `@`, as it is written in `custom`: `@p1`. */
  readonly name: string
  readonly span: Span
}

/** The parenthesised right-hand side of `in`: `('a','b')`; also a bracketed `['a','b']` parameter value. */
interface ListExpression {
  readonly kind: 'list'
  readonly items: readonly Expression[]
  readonly span: Span
}

export type Expression =
  | LiteralExpression
  | PathExpression
  | BinaryExpression
  | UnaryExpression
  | CallExpression
  | DynamicsFunctionExpression
  | LambdaExpression
  | ListExpression
  | ParameterAliasExpression

export interface SelectItem {
  /** `*` selects all columns. */
  readonly kind: 'property' | 'star'
  readonly path: readonly Identifier[]
  readonly span: Span
}

export interface OrderByItem {
  readonly expression: Expression
  readonly direction: 'asc' | 'desc'
  readonly span: Span
}

export interface ExpandItem {
  readonly path: readonly Identifier[]
  /** `nav/$ref`: the related rows as `@odata.id` references instead of their columns. */
  readonly ref?: boolean
  readonly options: QueryOptions
  readonly span: Span
}

/** Where an option's name and value sit in the text, for markers and completion. */
export interface OptionSpan {
  readonly name: Span
  readonly value: Span
}

export interface QueryOptions {
  readonly select?: readonly SelectItem[]
  readonly filter?: Expression
  readonly orderby?: readonly OrderByItem[]
  readonly expand?: readonly ExpandItem[]
  readonly top?: number
  readonly skip?: number
  readonly count?: boolean
  readonly search?: string
  /** Kept as text: Dataverse's $apply subset is aggregated by the server, not by us. */
  readonly apply?: string
  readonly skiptoken?: string
  /** Kept as text: the change-tracking token of a delta link. */
  readonly deltatoken?: string
  /** Kept as text: the `$id` of a `…/$ref?$id=…` request (disassociating a row). */
  readonly id?: string
  readonly fetchXml?: string
  /** Options that are not system query options (`@p1=…`, custom parameters), in order. */
  readonly custom: readonly { readonly name: string; readonly value: string; readonly span: Span }[]
  /** Keyed by the option name as written in lower case without `$` (`select`, `filter`, `fetchxml`…). */
  readonly spans: Readonly<Record<string, OptionSpan>>
}

export type KeyValue =
  | { readonly kind: 'single'; readonly value: LiteralExpression }
  | {
      readonly kind: 'named'
      readonly values: readonly { readonly name: Identifier; readonly value: LiteralExpression }[]
    }

/** `accounts`, `accounts(<guid>)`, `contacts(emailaddress1='a@b.c')`, `WhoAmI()`, `Microsoft.Dynamics.CRM.RetrieveVersion()`. */
export interface ResourceSegment {
  readonly name: Identifier
  readonly key?: KeyValue
  /** Present when the segment is a function call: its arguments as written. */
  readonly call?: readonly { readonly name: Identifier | null; readonly value: Expression; readonly span: Span }[]
  readonly span: Span
}

export interface ODataRequest {
  readonly segments: readonly ResourceSegment[]
  readonly options: QueryOptions
  readonly span: Span
}

export interface ParseError {
  readonly message: string
  /** Offset (with the caller's base) where the text stops being valid. */
  readonly offset: number
  /** What the grammar would have accepted at `offset`: 'property', 'operator', 'literal', ')' … */
  readonly expected: readonly string[]
}

export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ParseError }
