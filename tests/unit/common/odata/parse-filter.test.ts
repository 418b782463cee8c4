import { describe, expect, it } from 'vitest'
import type { Expression, LiteralExpression } from '@common/odata/ast'
import { parseFilter } from '@common/odata'
import { sexpr } from './sexpr'

function tree(text: string): string {
  const result = parseFilter(text)
  if (!result.ok) throw new Error(`${text}: ${result.error.message} at ${result.error.offset}`)
  return sexpr(result.value)
}

function parsed(text: string): Expression {
  const result = parseFilter(text)
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`)
  return result.value
}

function failure(text: string) {
  const result = parseFilter(text)
  if (result.ok) throw new Error(`${text} parsed but should not have`)
  return result.error
}

describe('parseFilter: operators and precedence', () => {
  it.each([
    ["name eq 'x'", "(eq name 'x')"],
    ["name ne 'x'", "(ne name 'x')"],
    ['revenue gt 5', '(gt revenue integer:5)'],
    ['revenue ge 5', '(ge revenue integer:5)'],
    ['revenue lt 5', '(lt revenue integer:5)'],
    ['revenue le 5', '(le revenue integer:5)'],
    ['a eq 1 or b eq 2 and c eq 3', '(or (eq a integer:1) (and (eq b integer:2) (eq c integer:3)))'],
    ['(a eq 1 or b eq 2) and c eq 3', '(and (or (eq a integer:1) (eq b integer:2)) (eq c integer:3))'],
    ['not a eq 1 and b eq 2', '(and (not (eq a integer:1)) (eq b integer:2))'],
    ["not contains(name,'x')", "(not contains(name 'x'))"],
    ['not(a eq 1)', '(not (eq a integer:1))'],
    ['a add 1 mul 2 eq 7', '(eq (add a (mul integer:1 integer:2)) integer:7)'],
    ['a sub 1 sub 2 eq 0', '(eq (sub (sub a integer:1) integer:2) integer:0)'],
    ['a div 2 divby 3 mod 4 gt 0', '(gt (mod (divby (div a integer:2) integer:3) integer:4) integer:0)'],
    ['-a mul 2 eq -4', '(eq (mul (negate a) integer:2) integer:-4)'],
    ['- 5 eq x', '(eq (negate integer:5) x)'],
    ['statuscode in (1,2, 3)', '(in statuscode [integer:1 integer:2 integer:3])'],
    ["name in ('a')", "(in name ['a'])"],
    ['name in ()', '(in name [])'],
    ['name in (other)', '(in name other)'],
    ['name in (@p1, -2)', '(in name [@p1 integer:-2])'],
    ["attr has Microsoft.Dynamics.CRM.AccessRights'ReadAccess'", '(has attr enum:ReadAccess)'],
    ['a  eq\t1', '(eq a integer:1)'],
    ['a eq 1\n  and b eq 2', '(and (eq a integer:1) (eq b integer:2))'],
    ['((a eq 1))', '(eq a integer:1)'],
  ])('%s', (text, expected) => {
    expect(tree(text)).toBe(expected)
  })
})

describe('parseFilter: literals', () => {
  const literal = (text: string): LiteralExpression => {
    const e = parsed(`x eq ${text}`)
    if (e.kind !== 'binary' || e.right.kind !== 'literal') throw new Error('not a literal comparison')
    return e.right
  }
  it.each([
    ['null', 'null', null],
    ['true', 'boolean', true],
    ['false', 'boolean', false],
    ["'O''Brien'", 'string', "O'Brien"],
    ["''", 'string', ''],
    ['42', 'integer', 42],
    ['-7', 'integer', -7],
    ['+7', 'integer', 7],
    ['1.5', 'decimal', 1.5],
    ['1.5M', 'decimal', 1.5],
    ['2.25m', 'decimal', 2.25],
    ['1e3', 'decimal', 1000],
    ['00000000-0000-0000-0000-000000000001', 'guid', '00000000-0000-0000-0000-000000000001'],
    ['a1b2c3d4-0000-0000-0000-00000000000f', 'guid', 'a1b2c3d4-0000-0000-0000-00000000000f'],
    ['2024-01-31', 'date', '2024-01-31'],
    ['2024-01-31T10:00:00Z', 'dateTimeOffset', '2024-01-31T10:00:00Z'],
    ['2024-01-31T10:00:00.1234567+05:30', 'dateTimeOffset', '2024-01-31T10:00:00.1234567+05:30'],
    ['2024-01-31T10:00-08:00', 'dateTimeOffset', '2024-01-31T10:00-08:00'],
    ['2024-01-31T10:00:00', 'dateTimeOffset', '2024-01-31T10:00:00'],
    ['13:45:10.5', 'timeOfDay', '13:45:10.5'],
    ["duration'P1D'", 'duration', 'P1D'],
    ["duration'-PT2H30M15.5S'", 'duration', '-PT2H30M15.5S'],
  ])('%s is a %s literal', (text, type, value) => {
    const l = literal(text)
    expect(l.type).toBe(type)
    expect(l.value).toBe(value)
    expect(l.raw).toBe(text)
  })

  it('keeps a keyword-like column name a path when it is followed by /', () => {
    expect(tree('true/x eq 1')).toBe('(eq true/x integer:1)')
  })

  it('reads a parameter alias as an operand', () => {
    expect(tree('name eq @p1 and @p2 eq revenue')).toBe('(and (eq name @p1) (eq @p2 revenue))')
  })
})

describe('parseFilter: paths, functions and lambdas', () => {
  it.each([
    ['_parentaccountid_value eq null', '(eq _parentaccountid_value null:null)'],
    ["primarycontactid/fullname eq 'x'", "(eq primarycontactid/fullname 'x')"],
    ['contact_customer_accounts/$count gt 0', '(gt contact_customer_accounts/$count integer:0)'],
    ["contact_customer_accounts/any(c:c/fullname eq 'x')", "contact_customer_accounts/any(c: (eq c/fullname 'x'))"],
    ["contact_customer_accounts/any( c : c/fullname eq 'x' )", "contact_customer_accounts/any(c: (eq c/fullname 'x'))"],
    [
      'contact_customer_accounts/all(c:c/statecode eq 0)',
      'contact_customer_accounts/all(c: (eq c/statecode integer:0))',
    ],
    ['contact_customer_accounts/any()', 'contact_customer_accounts/any()'],
    [
      "a/any(x:x/b/any(y:y/name eq 'n' and x/c eq 1))",
      "a/any(x: x/b/any(y: (and (eq y/name 'n') (eq x/c integer:1))))",
    ],
    ["contains(name,'Con')", "contains(name 'Con')"],
    ["startswith(name, 'A') and endswith(name,'z')", "(and startswith(name 'A') endswith(name 'z'))"],
    ['length(name) gt 3', '(gt length(name) integer:3)'],
    ["indexof(name,'x') eq 1", "(eq indexof(name 'x') integer:1)"],
    ['substring(name,1) eq substring(name,1,2)', '(eq substring(name integer:1) substring(name integer:1 integer:2))'],
    ["tolower(name) eq toupper(trim(concat(name,'x')))", "(eq tolower(name) toupper(trim(concat(name 'x'))))"],
    [
      'year(createdon) eq 2024 and month(createdon) eq day(createdon)',
      '(and (eq year(createdon) integer:2024) (eq month(createdon) day(createdon)))',
    ],
    [
      'hour(x) add minute(x) add second(x) add fractionalseconds(x) gt 0',
      '(gt (add (add (add hour(x) minute(x)) second(x)) fractionalseconds(x)) integer:0)',
    ],
    [
      'date(createdon) eq 2024-01-01 and time(createdon) lt 12:00',
      '(and (eq date(createdon) date:2024-01-01) (lt time(createdon) timeOfDay:12:00))',
    ],
    [
      'createdon lt now() and x gt mindatetime() and y lt maxdatetime()',
      '(and (and (lt createdon now()) (gt x mindatetime())) (lt y maxdatetime()))',
    ],
    [
      'round(a) eq floor(b) and ceiling(c) eq totaloffsetminutes(d)',
      '(and (eq round(a) floor(b)) (eq ceiling(c) totaloffsetminutes(d)))',
    ],
    [
      "cast(revenue, Edm.String) eq '5' and isof(Microsoft.Dynamics.CRM.account)",
      "(and (eq cast(revenue Edm.String) '5') isof(Microsoft.Dynamics.CRM.account))",
    ],
    [
      "Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)",
      "Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon' PropertyValue=integer:7)",
    ],
    ["mscrm.Today(PropertyName='createdon')", "mscrm.Today(PropertyName='createdon')"],
    [
      "Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=['a','b'])",
      "Microsoft.Dynamics.CRM.In(PropertyName='name' PropertyValues=['a' 'b'])",
    ],
    [
      "Microsoft.Dynamics.CRM.Between(PropertyName = 'revenue', PropertyValues = [1, 2]) and name eq 'x'",
      "(and Microsoft.Dynamics.CRM.Between(PropertyName='revenue' PropertyValues=[integer:1 integer:2]) (eq name 'x'))",
    ],
  ])('%s', (text, expected) => {
    expect(tree(text)).toBe(expected)
  })
})

describe('parseFilter: spans', () => {
  it('records exact offsets, shifted by the base offset', () => {
    const result = parseFilter("name eq 'x' and contains(fullname,'a')", 100)
    if (!result.ok) throw new Error(result.error.message)
    const e = result.value
    expect(e.span).toEqual({ start: 100, end: 138 })
    if (e.kind !== 'binary' || e.left.kind !== 'binary' || e.right.kind !== 'call') throw new Error('shape')
    expect(e.left.span).toEqual({ start: 100, end: 111 })
    expect(e.left.left.span).toEqual({ start: 100, end: 104 })
    expect(e.left.right.span).toEqual({ start: 108, end: 111 })
    expect(e.right.name.span).toEqual({ start: 116, end: 124 })
    expect(e.right.args[1]?.span).toEqual({ start: 134, end: 137 })
  })

  it('gives a path segment its own span', () => {
    const e = parsed('primarycontactid/fullname eq null')
    if (e.kind !== 'binary' || e.left.kind !== 'path') throw new Error('shape')
    expect(e.left.segments.map((s) => s.span)).toEqual([
      { start: 0, end: 16 },
      { start: 17, end: 25 },
    ])
  })

  it('spans a negative literal and a lambda from their first character', () => {
    const e = parsed("x eq -3 or nav/any(c:c/a eq 'b')")
    if (e.kind !== 'binary' || e.left.kind !== 'binary') throw new Error('shape')
    expect(e.left.right.span).toEqual({ start: 5, end: 7 })
    expect(e.right.span).toEqual({ start: 11, end: 32 })
  })
})

describe('parseFilter: errors', () => {
  it.each([
    ['name foo', "Expected an operator such as eq or and after 'name'", 5, ['operator']],
    ["name eq 'abc", 'Unclosed string starting at character 9', 8, []],
    ['name eq', 'Expected a value after eq', 7, ['property', 'literal']],
    ['name eq ', 'Expected a column, a value or a function here', 8, ['property', 'literal', 'function']],
    ["name eq'x'", 'Put a space after eq', 7, []],
    ['name EQ 1', 'Operators are written in lower case: use eq instead of EQ', 5, ['operator']],
    ["contain(name,'x')", 'Unknown function contain — did you mean contains?', 0, ['function']],
    ['contains(name)', 'contains takes 2 arguments (column, text), not 1', 0, []],
    ["contains(name,'x'", 'Expected a comma or ) in the call to contains opened at character 9', 17, [',', ')']],
    ['(a eq 1', 'Expected ) to close the parenthesis opened at character 1', 7, [')']],
    ['a eq 1)', 'This ) has no ( before it to close', 6, []],
    ["a eq 'x'b", "Unexpected 'b' after ''x''", 8, []],
    ['statuscode in 1', "Expected a list in parentheses after in, such as ('a','b')", 14, ['(']],
    ['x eq 2024-13-01', 'Invalid date 2024-13-01: the month must be 01 to 12', 5, []],
    ['x eq 2024-01-01T25:00:00Z', 'Invalid date and time 2024-01-01T25:00:00Z: the hour must be 00 to 23', 5, []],
    ["x eq duration'1D'", "Invalid duration '1D'", 14, []],
    ['x eq 12abc', "'12abc' is not a valid number", 5, []],
    ['nav/any(c c/x eq 1)', 'Expected : after the lambda variable c', 10, [':']],
    ['nav/all()', 'Expected a variable name in all(…)', 8, ['lambdaVariable']],
    ['mscrm.', 'Expected a function name after mscrm.', 6, ['function']],
    ["mscrm.LastXDays(PropertyName 'x')", 'Expected = after the parameter name PropertyName', 29, ['=']],
    ['name/ eq 1', 'Expected a column or navigation name after /', 5, ['property', 'lambda']],
    ['foo(1)', 'Unknown function foo', 0, ['function']],
    ['x eq @', 'Expected a parameter alias name after @', 6, []],
    ['x eq #', "'#' is not a column, a value or a function", 5, []],
    ['x in (a, b)', "The list after in can only hold values such as 'a' or 1", 6, []],
    ["x eq ('a','b')", 'A list in parentheses is only allowed after in', 9, []],
    ['', 'Expected a column, a value or a function here', 0, ['property']],
  ])('%s', (text, message, offset, expected) => {
    const error = failure(text)
    expect(error.message).toContain(message)
    expect(error.offset).toBe(offset)
    expect(error.expected).toEqual(expect.arrayContaining(expected))
  })

  it('adds the base offset to error offsets', () => {
    expect(parseFilter('name foo', 40)).toMatchObject({ ok: false, error: { offset: 45 } })
  })

  it('does not throw on deep nesting', () => {
    const deep = `${'('.repeat(20_000)}a eq 1${')'.repeat(20_000)}`
    const result = parseFilter(deep)
    expect(result.ok).toBe(false)
  })
})
