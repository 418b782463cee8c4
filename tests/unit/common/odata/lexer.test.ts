import { describe, expect, it } from 'vitest'
import { tokenize, type Token } from '@common/odata/lexer'

/** `kind:text` for every token except whitespace, so expectations read like the query. */
function lex(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.kind !== 'whitespace')
    .map((t) => `${t.kind}:${text.slice(t.start, t.end)}`)
}

function expectContiguous(text: string, tokens: readonly Token[]): void {
  let at = 0
  for (const token of tokens) {
    expect(token.start, JSON.stringify(text)).toBe(at)
    expect(token.end, JSON.stringify(text)).toBeGreaterThan(token.start)
    at = token.end
  }
  expect(at, JSON.stringify(text)).toBe(text.length)
}

describe('tokenize', () => {
  it('colours a resource path with key, navigation and options', () => {
    expect(lex('accounts(00000000-0000-0000-0000-000000000001)/contact_customer_accounts?$select=fullname')).toEqual([
      'entitySet:accounts',
      'punctuation:(',
      'guid:00000000-0000-0000-0000-000000000001',
      'punctuation:)',
      'punctuation:/',
      'segment:contact_customer_accounts',
      'punctuation:?',
      'queryOption:$select',
      'punctuation:=',
      'property:fullname',
    ])
  })

  it('colours alternate keys, function segments and a pasted URL prefix', () => {
    expect(lex("contacts(emailaddress1='a@b.com')")).toEqual([
      'entitySet:contacts',
      'punctuation:(',
      'key:emailaddress1',
      'punctuation:=',
      "string:'a@b.com'",
      'punctuation:)',
    ])
    expect(lex('https://org.crm.dynamics.com/api/data/v9.2/WhoAmI()')).toEqual([
      'text:https://org.crm.dynamics.com/api/data/v9.2/',
      'function:WhoAmI',
      'punctuation:(',
      'punctuation:)',
    ])
    expect(
      lex('systemusers(00000000-0000-0000-0000-000000000001)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()'),
    ).toContain('function:Microsoft.Dynamics.CRM.RetrieveUserPrivileges')
    expect(lex('$metadata')).toEqual(['entitySet:$metadata'])
  })

  it('colours every kind of $filter token', () => {
    expect(
      lex(
        "$filter=name eq 'AT&T' and contains(name,'x') or nav/any(c:c/a ne null) and d ge 2024-01-01T00:00:00Z and e eq duration'P1D' and f has NS.T'v' and g eq @p1 and -h lt -5.5 and mscrm.Today(PropertyName='createdon')",
      ),
    ).toEqual([
      'queryOption:$filter',
      'punctuation:=',
      'property:name',
      'operator:eq',
      "string:'AT&T'",
      'operator:and',
      'function:contains',
      'punctuation:(',
      'property:name',
      'punctuation:,',
      "string:'x'",
      'punctuation:)',
      'operator:or',
      'property:nav',
      'punctuation:/',
      'lambda:any',
      'punctuation:(',
      'lambdaVariable:c',
      'punctuation::',
      'lambdaVariable:c',
      'punctuation:/',
      'property:a',
      'operator:ne',
      'keyword:null',
      'punctuation:)',
      'operator:and',
      'property:d',
      'operator:ge',
      'datetime:2024-01-01T00:00:00Z',
      'operator:and',
      'property:e',
      'operator:eq',
      "duration:duration'P1D'",
      'operator:and',
      'property:f',
      'operator:has',
      "enum:NS.T'v'",
      'operator:and',
      'property:g',
      'operator:eq',
      'parameterAlias:@p1',
      'operator:and',
      'operator:-',
      'property:h',
      'operator:lt',
      'number:-5.5',
      'operator:and',
      'function:mscrm.Today',
      'punctuation:(',
      'property:PropertyName',
      'punctuation:=',
      "string:'createdon'",
      'punctuation:)',
    ])
  })

  it('colours nested $expand options and sort directions', () => {
    expect(lex('$expand=primarycontactid($select=fullname;$top=2)&$orderby=name desc')).toEqual([
      'queryOption:$expand',
      'punctuation:=',
      'property:primarycontactid',
      'punctuation:(',
      'queryOption:$select',
      'punctuation:=',
      'property:fullname',
      'punctuation:;',
      'queryOption:$top',
      'punctuation:=',
      'number:2',
      'punctuation:)',
      'punctuation:&',
      'queryOption:$orderby',
      'punctuation:=',
      'property:name',
      'keyword:desc',
    ])
  })

  it('colours double-quoted strings of an array literal as strings, in $filter and in an alias value', () => {
    const text =
      'accounts?$filter=Microsoft.Dynamics.CRM.In(PropertyName=@p1,PropertyValues=["5","2000"])&@p1=["a\\"b"]'
    const tokens = lex(text)
    expect(tokens).toEqual(expect.arrayContaining(['string:"5"', 'string:"2000"', 'string:"a\\"b"']))
    expect(tokens.filter((t) => t.startsWith('invalid:'))).toEqual([])
  })

  it('keeps text-valued options as one text token', () => {
    expect(lex("accounts?fetchXml=<fetch><entity name='account'/></fetch>&$search=blue sky")).toEqual([
      'entitySet:accounts',
      'punctuation:?',
      'queryOption:fetchXml',
      'punctuation:=',
      "text:<fetch><entity name='account'/></fetch>",
      'punctuation:&',
      'queryOption:$search',
      'punctuation:=',
      'text:blue sky',
    ])
  })

  it('works on multi-line text with comments, one option per line', () => {
    const text = 'accounts\n  // active only\n  $filter=statecode eq 0\n    and name ne null\n  $top=3\n'
    expect(lex(text)).toEqual([
      'entitySet:accounts',
      'newline:\n',
      'comment:// active only',
      'newline:\n',
      'queryOption:$filter',
      'punctuation:=',
      'property:statecode',
      'operator:eq',
      'number:0',
      'newline:\n',
      'operator:and',
      'property:name',
      'operator:ne',
      'keyword:null',
      'newline:\n',
      'queryOption:$top',
      'punctuation:=',
      'number:3',
      'newline:\n',
    ])
  })

  it.each([
    ["accounts?$filter=name eq 'unclos", "string:'unclos"],
    ['accounts?$filter=contains(', 'punctuation:('],
    ['accounts?$sel', 'queryOption:$sel'],
    ['accounts?$filter=x eq 12abc', 'invalid:12abc'],
    ['accounts?$filter=x eq #', 'invalid:#'],
    ['accounts?$filter=x eq +5', 'number:+5'],
    ['accounts(', 'punctuation:('],
    ['accounts?$filter=a/any(', 'punctuation:('],
  ])('tokenizes partial input %j', (text, last) => {
    const tokens = tokenize(text)
    expectContiguous(text, tokens)
    expect(lex(text).at(-1)).toBe(last)
  })

  it('covers any input with contiguous tokens and never throws', () => {
    const alphabet = 'abc$@\'()/,;=&?:.- \n\t#01239eqndorlt_[]*%"xT'
    let seed = 42
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let n = 0; n < 3000; n++) {
      let text = ''
      const length = Math.floor(random() * 40)
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)]
      expectContiguous(text, tokenize(text))
    }
  })

  it('returns no tokens for empty text', () => {
    expect(tokenize('')).toEqual([])
  })
})
