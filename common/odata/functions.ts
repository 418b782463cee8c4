/**
 * The functions a Dataverse `$filter` can call: OData's built-in functions and Dataverse's query
 * functions (`Microsoft.Dynamics.CRM.*`). The parser checks arity against this table; the editor
 * uses the signatures and summaries for completion and hover.
 */

export interface BuiltinFunction {
  readonly name: string
  readonly minArgs: number
  readonly maxArgs: number
  /** Parameter names for signature help, e.g. `['column', 'text']`. */
  readonly params: readonly string[]
  readonly returns: string
  readonly summary: string
}

const fn = (
  name: string,
  params: readonly string[],
  returns: string,
  summary: string,
  minArgs = params.length,
): BuiltinFunction => ({
  name,
  minArgs,
  maxArgs: params.length,
  params,
  returns,
  summary,
})

export const BUILTIN_FUNCTIONS: readonly BuiltinFunction[] = [
  fn('contains', ['column', 'text'], 'Edm.Boolean', 'True when the column contains the text.'),
  fn('startswith', ['column', 'text'], 'Edm.Boolean', 'True when the column starts with the text.'),
  fn('endswith', ['column', 'text'], 'Edm.Boolean', 'True when the column ends with the text.'),
  fn('length', ['text'], 'Edm.Int32', 'The number of characters in the text.'),
  fn('indexof', ['text', 'search'], 'Edm.Int32', 'The zero-based position of search in text, or -1.'),
  fn('substring', ['text', 'start', 'length'], 'Edm.String', 'Part of the text from a zero-based start.', 2),
  fn('tolower', ['text'], 'Edm.String', 'The text in lower case.'),
  fn('toupper', ['text'], 'Edm.String', 'The text in upper case.'),
  fn('trim', ['text'], 'Edm.String', 'The text without leading and trailing spaces.'),
  fn('concat', ['text1', 'text2'], 'Edm.String', 'The two texts joined.'),
  fn('year', ['dateTime'], 'Edm.Int32', 'The year of a date or date-time.'),
  fn('month', ['dateTime'], 'Edm.Int32', 'The month (1–12) of a date or date-time.'),
  fn('day', ['dateTime'], 'Edm.Int32', 'The day of the month of a date or date-time.'),
  fn('hour', ['dateTime'], 'Edm.Int32', 'The hour (0–23) of a date-time or time.'),
  fn('minute', ['dateTime'], 'Edm.Int32', 'The minute of a date-time or time.'),
  fn('second', ['dateTime'], 'Edm.Int32', 'The second of a date-time or time.'),
  fn('fractionalseconds', ['dateTime'], 'Edm.Decimal', 'The fraction of a second of a date-time or time.'),
  fn('totaloffsetminutes', ['dateTimeOffset'], 'Edm.Int32', 'The time-zone offset in minutes.'),
  fn('date', ['dateTime'], 'Edm.Date', 'The date part of a date-time.'),
  fn('time', ['dateTime'], 'Edm.TimeOfDay', 'The time part of a date-time.'),
  fn('now', [], 'Edm.DateTimeOffset', 'The current date and time.'),
  fn('maxdatetime', [], 'Edm.DateTimeOffset', 'The latest possible date-time.'),
  fn('mindatetime', [], 'Edm.DateTimeOffset', 'The earliest possible date-time.'),
  fn('round', ['number'], 'Edm.Decimal', 'The number rounded to the nearest whole number.'),
  fn('floor', ['number'], 'Edm.Decimal', 'The largest whole number not above the number.'),
  fn('ceiling', ['number'], 'Edm.Decimal', 'The smallest whole number not below the number.'),
  fn('cast', ['value', 'type'], 'any', 'The value converted to the type (for example Edm.String).', 1),
  fn('isof', ['value', 'type'], 'Edm.Boolean', 'True when the value is of the type.', 1),
]

const builtinByName = new Map(BUILTIN_FUNCTIONS.map((f) => [f.name, f]))

export function builtinFunction(name: string): BuiltinFunction | undefined {
  return builtinByName.get(name)
}

/** The namespace Dataverse's own functions live in, and the alias `$metadata` declares for it. */
export const DATAVERSE_NAMESPACE = 'Microsoft.Dynamics.CRM'
const DATAVERSE_ALIAS = 'mscrm'

export function isDataverseNamespace(namespace: string): boolean {
  return namespace === DATAVERSE_NAMESPACE || namespace === DATAVERSE_ALIAS
}

export interface QueryFunction {
  readonly name: string
  /** Parameter names besides PropertyName, which every query function takes. */
  readonly params: readonly ('PropertyValue' | 'PropertyValues' | 'PropertyValue1' | 'PropertyValue2')[]
  readonly summary: string
}

const q = (name: string, params: QueryFunction['params'], summary: string): QueryFunction => ({ name, params, summary })
const none: QueryFunction['params'] = []
const value: QueryFunction['params'] = ['PropertyValue']
const values: QueryFunction['params'] = ['PropertyValues']

/** Dataverse query functions (Web API reference, "Query functions"), usable in `$filter`. */
export const QUERY_FUNCTIONS: readonly QueryFunction[] = [
  q('Above', value, 'The record is above the given record in the hierarchy.'),
  q('AboveOrEqual', value, 'The record is the given record or above it in the hierarchy.'),
  q('Between', values, 'The value is between the two values given.'),
  q('ContainValues', values, 'The choices column contains any of the values.'),
  q('DoesNotContainValues', values, 'The choices column contains none of the values.'),
  q('EqualBusinessId', none, "The value is the caller's business unit."),
  q('EqualUserId', none, "The value is the caller's user id."),
  q('EqualUserLanguage', none, "The value is the caller's language."),
  q('EqualUserOrUserHierarchy', none, 'The value is the caller or someone below them in the hierarchy.'),
  q('EqualUserOrUserHierarchyAndTeams', none, 'The value is the caller, their reports, or their teams.'),
  q('EqualUserOrUserTeams', none, 'The value is the caller or one of their teams.'),
  q('EqualUserTeams', none, "The value is one of the caller's teams."),
  q('In', values, 'The value is one of the values given.'),
  q('InFiscalPeriod', value, 'The date is in the fiscal period.'),
  q(
    'InFiscalPeriodAndYear',
    ['PropertyValue1', 'PropertyValue2'],
    'The date is in the fiscal period of the fiscal year.',
  ),
  q('InFiscalYear', value, 'The date is in the fiscal year.'),
  q(
    'InOrAfterFiscalPeriodAndYear',
    ['PropertyValue1', 'PropertyValue2'],
    'The date is in or after the fiscal period and year.',
  ),
  q(
    'InOrBeforeFiscalPeriodAndYear',
    ['PropertyValue1', 'PropertyValue2'],
    'The date is in or before the fiscal period and year.',
  ),
  q('Last7Days', none, 'The date is within the last 7 days.'),
  q('LastFiscalPeriod', none, 'The date is in the last fiscal period.'),
  q('LastFiscalYear', none, 'The date is in the last fiscal year.'),
  q('LastMonth', none, 'The date is in the last month.'),
  q('LastWeek', none, 'The date is in the last week.'),
  q('LastXDays', value, 'The date is within the last X days.'),
  q('LastXFiscalPeriods', value, 'The date is within the last X fiscal periods.'),
  q('LastXFiscalYears', value, 'The date is within the last X fiscal years.'),
  q('LastXHours', value, 'The date is within the last X hours.'),
  q('LastXMonths', value, 'The date is within the last X months.'),
  q('LastXWeeks', value, 'The date is within the last X weeks.'),
  q('LastXYears', value, 'The date is within the last X years.'),
  q('LastYear', none, 'The date is in the last year.'),
  q('Next7Days', none, 'The date is within the next 7 days.'),
  q('NextFiscalPeriod', none, 'The date is in the next fiscal period.'),
  q('NextFiscalYear', none, 'The date is in the next fiscal year.'),
  q('NextMonth', none, 'The date is in the next month.'),
  q('NextWeek', none, 'The date is in the next week.'),
  q('NextXDays', value, 'The date is within the next X days.'),
  q('NextXFiscalPeriods', value, 'The date is within the next X fiscal periods.'),
  q('NextXFiscalYears', value, 'The date is within the next X fiscal years.'),
  q('NextXHours', value, 'The date is within the next X hours.'),
  q('NextXMonths', value, 'The date is within the next X months.'),
  q('NextXWeeks', value, 'The date is within the next X weeks.'),
  q('NextXYears', value, 'The date is within the next X years.'),
  q('NextYear', none, 'The date is in the next year.'),
  q('NotBetween', values, 'The value is not between the two values given.'),
  q('NotEqualBusinessId', none, "The value is not the caller's business unit."),
  q('NotEqualUserId', none, "The value is not the caller's user id."),
  q('NotIn', values, 'The value is none of the values given.'),
  q('NotUnder', value, 'The record is not below the given record in the hierarchy.'),
  q('OlderThanXDays', value, 'The date is older than X days.'),
  q('OlderThanXHours', value, 'The date is older than X hours.'),
  q('OlderThanXMinutes', value, 'The date is older than X minutes.'),
  q('OlderThanXMonths', value, 'The date is older than X months.'),
  q('OlderThanXWeeks', value, 'The date is older than X weeks.'),
  q('OlderThanXYears', value, 'The date is older than X years.'),
  q('On', value, 'The date is on the given day.'),
  q('OnOrAfter', value, 'The date is on or after the given day.'),
  q('OnOrBefore', value, 'The date is on or before the given day.'),
  q('ThisFiscalPeriod', none, 'The date is in this fiscal period.'),
  q('ThisFiscalYear', none, 'The date is in this fiscal year.'),
  q('ThisMonth', none, 'The date is in this month.'),
  q('ThisWeek', none, 'The date is in this week.'),
  q('ThisYear', none, 'The date is in this year.'),
  q('Today', none, 'The date is today.'),
  q('Tomorrow', none, 'The date is tomorrow.'),
  q('Under', value, 'The record is below the given record in the hierarchy.'),
  q('UnderOrEqual', value, 'The record is the given record or below it in the hierarchy.'),
  q('Yesterday', none, 'The date is yesterday.'),
]

const queryFunctionByName = new Map(QUERY_FUNCTIONS.map((f) => [f.name, f]))

export function queryFunction(name: string): QueryFunction | undefined {
  return queryFunctionByName.get(name)
}
