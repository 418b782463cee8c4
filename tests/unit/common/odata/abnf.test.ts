/**
 * OASIS OData ABNF test cases (tests/fixtures/odata-abnf, a copy of the OASIS file with its IPR
 * header) run against our parser: every case of a rule family the parser implements must pass,
 * unless it is skipped below with a written reason. The per-family summary is printed and must
 * match common/odata/ABNF-CONFORMANCE.md (regenerate with UPDATE_ABNF_REPORT=1).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { LiteralType, ParseResult } from '@common/odata/ast'
import { parseFilter, parseQueryOptions, parseRequest } from '@common/odata'

interface AbnfCase {
  readonly Name: string
  readonly Rule: string
  readonly Input: string
  readonly FailAt?: number
}

const root = resolve(import.meta.dirname, '../../../..')
const fixture = parse(readFileSync(resolve(root, 'tests/fixtures/odata-abnf/odata-abnf-testcases.yaml'), 'utf8')) as {
  TestCases: AbnfCase[]
}
const reportPath = resolve(root, 'common/odata/ABNF-CONFORMANCE.md')

/** Percent-decodes like a URL reader does, keeping a map from decoded offsets back to input offsets. */
function percentDecode(input: string): { text: string; toInput: number[] } {
  const bytes: number[] = []
  const byteOrigin: number[] = []
  const encoder = new TextEncoder()
  for (let i = 0; i < input.length;) {
    if (input[i] === '%' && /^[0-9a-fA-F]{2}$/.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16))
      byteOrigin.push(i)
      i += 3
    } else {
      const cp = input.codePointAt(i) ?? 0
      const ch = String.fromCodePoint(cp)
      for (const b of encoder.encode(ch)) {
        bytes.push(b)
        byteOrigin.push(i)
      }
      i += ch.length
    }
  }
  const text = new TextDecoder().decode(new Uint8Array(bytes))
  const toInput: number[] = []
  let byte = 0
  for (const ch of text) {
    const length = encoder.encode(ch).length
    for (let k = 0; k < ch.length; k++) toInput.push(byteOrigin[byte] ?? input.length)
    byte += length
  }
  toInput.push(input.length)
  return { text, toInput }
}

type Outcome = { ok: true } | { ok: false; offset: number }

const outcome = <T>(result: ParseResult<T>, check?: (value: T) => boolean): Outcome => {
  if (!result.ok) return { ok: false, offset: result.error.offset }
  return !check || check(result.value) ? { ok: true } : { ok: false, offset: 0 }
}

const literalOf = (types: readonly LiteralType[]) => (text: string) =>
  outcome(parseFilter(text), (e) => e.kind === 'literal' && types.includes(e.type))

/** Rule families the parser implements, and how a case of each is run. */
const FAMILIES: Record<string, { rules: readonly string[]; run: (text: string, rule: string) => Outcome }> = {
  'expressions ($filter/$orderby grammar)': {
    rules: [
      'boolCommonExpr',
      'boolcommonExpr',
      'commonExpr',
      'notExpr',
      'isofExpr',
      'firstMemberExpr',
      'propertyPathExpr',
    ],
    run: (text) => outcome(parseFilter(text)),
  },
  'literals in URLs': {
    rules: [
      'primitiveLiteral',
      'stringLiteral',
      'date',
      'dateTimeOffsetLiteral',
      'dateTimeOffsetValueInUrl',
      'guid',
      'decimalLiteral',
      'doubleLiteral',
      'singleLiteral',
      'sbyteLiteral',
      'int16Literal',
      'int32Literal',
      'int64Literal',
      'durationLiteral',
      'boolean',
      'timeOfDayLiteral',
      'enumLiteral',
      'null',
    ],
    run: (text, rule) => {
      const types: Record<string, readonly LiteralType[]> = {
        stringLiteral: ['string'],
        date: ['date'],
        dateTimeOffsetLiteral: ['dateTimeOffset'],
        dateTimeOffsetValueInUrl: ['dateTimeOffset'],
        guid: ['guid'],
        durationLiteral: ['duration'],
        boolean: ['boolean'],
        timeOfDayLiteral: ['timeOfDay'],
        enumLiteral: ['enum'],
        null: ['null'],
        primitiveLiteral: [
          'null',
          'boolean',
          'string',
          'integer',
          'decimal',
          'guid',
          'dateTimeOffset',
          'date',
          'timeOfDay',
          'duration',
          'enum',
        ],
      }
      return literalOf(types[rule] ?? ['integer', 'decimal'])(text)
    },
  },
  identifiers: {
    rules: ['odataIdentifier', 'entitySetName'],
    run: (text, rule) =>
      rule === 'entitySetName'
        ? outcome(parseRequest(text), (r) => r.segments.length === 1 && !r.segments[0]?.key && !r.segments[0]?.call)
        : outcome(
            parseFilter(text),
            (e) => e.kind === 'path' && e.segments.length === 1 && !e.segments[0]?.name.includes('.'),
          ),
  },
  'query options': {
    rules: [
      'queryOptions',
      'systemQueryOption',
      'customQueryOption',
      'filter',
      'select',
      'orderby',
      'orderBy',
      'expand',
      'skiptoken',
      'deltatoken',
    ],
    run: (text, rule) => {
      const result = parseQueryOptions(text)
      if (!result.ok || rule === 'queryOptions') return outcome(result)
      // The other rules describe one option: a second one (after &) is where the input stops matching.
      const second = Object.values(result.value.spans)[1]
      return second ? { ok: false, offset: second.name.start - 1 } : { ok: true }
    },
  },
  'resource paths and relative URLs': {
    rules: ['resourcePath', 'odataRelativeUri'],
    run: (text) => outcome(parseRequest(text)),
  },
}

/** Rule families outside what a Dataverse request editor parses, with the reason. */
const SKIPPED_RULES: readonly { rules: RegExp; reason: string }[] = [
  {
    rules: /^odataUri$/,
    reason:
      'absolute URLs of arbitrary services (IPv6 hosts, service roots): requests here are relative to /api/data/v9.x',
  },
  { rules: /^context$/, reason: 'context URLs (@odata.context) are part of responses, not requests' },
  {
    rules: /^(header|request-id|prefer|preference|includeAnnotationsPreference|maxpagesizePreference)$/,
    reason: 'HTTP headers, not URL syntax',
  },
  { rules: /Value$/, reason: 'payload (JSON body) value formats, not URL syntax' },
  { rules: /^binaryLiteral$/, reason: 'binary literals: Dataverse $filter has none' },
  { rules: /^geo(graphy|metry)/, reason: 'spatial literals: Dataverse has no spatial types' },
  {
    rules: /^(search|searchExpr)$/,
    reason: '$search grammar: the parser keeps $search as text (Dataverse search is a separate API)',
  },
  { rules: /^compute$/, reason: 'Dataverse does not support $compute' },
  {
    rules: /^anyExpr$/,
    reason: 'tests any(…) on its own; the parser reads it after a collection path, covered by commonExpr cases',
  },
  { rules: /^functionParameter$/, reason: 'a fragment inside a function call, covered by the odataRelativeUri cases' },
  { rules: /^stringInUrl$/, reason: 'double-quoted strings (OData 4.01 JSON in URLs)' },
]

const FILTER_FUNCTION_OK =
  /^(contains|startswith|endswith|length|indexof|substring|tolower|toupper|trim|concat|year|month|day|hour|minute|second|fractionalseconds|totaloffsetminutes|date|time|now|maxdatetime|mindatetime|round|floor|ceiling|cast|isof|any|all)$/

/** Calls in an expression that are neither built-in functions nor Dataverse query functions. */
function hasForeignCall(expression: string): boolean {
  for (const match of expression.matchAll(/(?:^|[^\w.$@'])((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\(/g)) {
    const name = match[1] ?? ''
    if (!FILTER_FUNCTION_OK.test(name) && !/^(Microsoft\.Dynamics\.CRM|mscrm)\./.test(name)) return true
  }
  return false
}

const isExpressionRule = (rule: string) =>
  FAMILIES['expressions ($filter/$orderby grammar)']?.rules.includes(rule) ?? false

/** The expression parts of a case: the whole input for expression rules, else $filter/$orderby values. */
function expressionParts(c: AbnfCase, text: string): string[] {
  if (isExpressionRule(c.Rule)) return [text]
  return [...text.matchAll(/\$(?:filter|orderby)=([^&]*)/gi)].map((m) => m[1] ?? '')
}

/** Cases of implemented rules that use syntax outside Dataverse's OData 4.0 subset, with the reason. */
const SKIPPED_CASES: readonly { test: (c: AbnfCase, text: string) => boolean; reason: string }[] = [
  {
    test: (c, text) =>
      /\$ is optional|no \$ prefix/.test(c.Name) ||
      /(^|&)(filter|select|expand|orderby|top|skip|count|search|format|index|compute|id)=/i.test(text),
    reason: 'OData 4.01: system query options without $ (Dataverse speaks 4.0)',
  },
  { test: (_c, text) => /["{}]|\[/.test(text), reason: 'JSON arrays/objects and double-quoted strings (OData 4.01)' },
  {
    test: (_c, text) => /geo\.|geography'|geometry'/.test(text),
    reason: 'spatial functions and literals: Dataverse has no spatial types',
  },
  {
    test: (_c, text) => /\b(matchesPattern|totalseconds|hassubset|hassubsequence|case)\(/.test(text),
    reason: 'OData 4.01 functions Dataverse does not implement',
  },
  {
    test: (c, text) =>
      (/case-insensitive/.test(c.Name) && !/\$OrderBy/.test(text)) || /\s(EQ|Eq|AND|OR|LT|Lt)\s/.test(text),
    reason: 'OData 4.01: case-insensitive operators and keywords (4.0 writes them in lower case)',
  },
  {
    test: (_c, text) => /\$search=/.test(text),
    reason: '$search grammar: the parser keeps $search as text (Dataverse search is a separate API)',
  },
  { test: (_c, text) => /\$compute=/.test(text), reason: 'Dataverse does not support $compute' },
  {
    test: (_c, text) => /@[A-Za-z_]\w*\.[A-Za-z_]|\/@|=@Core|\$select=@|\$expand=@|@Messages/.test(text),
    reason: 'instance annotations in expressions, $select and $expand',
  },
  {
    test: (_c, text) => /\$(filter|count)\(|\$each|\$query|\$entity|\$crossjoin|\$all\b|\$index/.test(text),
    reason: 'OData 4.01 path segments ($filter(…), $count(…), $each, $query, $entity, $crossjoin, $all, $index)',
  },
  { test: (_c, text) => /\$root|\$this/.test(text), reason: '$root and $this: not used in Dataverse queries' },
  {
    test: (c) => /Key-as-Segment|Ordered (Primitive|Complex) Collection/.test(c.Name),
    reason: 'key-as-segment and ordinal URLs (4.01): Dataverse writes keys in parentheses',
  },
  {
    test: (c, text) => expressionParts(c, text).some(hasForeignCall),
    reason:
      'bound/unbound function calls and key access inside expressions: Dataverse filters with columns, navigation, built-in functions and Microsoft.Dynamics.CRM query functions',
  },
  {
    test: (_c, text) => /\$levels|\$expand=[^&]*\/\$(ref|count|value)|\$expand=\*|\/\*|\$value,/.test(text),
    reason: '$levels, $ref/$count/$value and * inside $expand: Dataverse does not support them',
  },
  {
    test: (_c, text) => /\$select=[^&]*(\(|\.\*)/.test(text),
    reason: 'nested $select options, function signatures and Namespace.* in $select (4.01)',
  },
  {
    test: (_c, text) => /\([^)]*@\w+=/.test(text) && /\$expand=|\$select=/.test(text),
    reason: 'parameter aliases defined inside $expand/$select options (4.01)',
  },
  {
    test: (_c, text) => /\$(format|schemaversion)=/i.test(text),
    reason: 'Dataverse does not support $format or $schemaversion (the parser reports them)',
  },
  { test: (_c, text) => /^\$metadata#/.test(text), reason: 'context URL fragments' },
  {
    test: (_c, text) => /\)\(/.test(text) && !/\$filter=|\$expand=/.test(text),
    reason: 'key access after a function call in the path',
  },
  {
    test: (c, text) => c.FailAt === undefined && /\b(INF|NaN)\b/.test(text),
    reason: 'INF and NaN: Dataverse numeric columns do not hold them',
  },
  { test: (_c, text) => /^-\d{4,}-/.test(text), reason: 'negative years: outside Dataverse date range (1753–9999)' },
  {
    test: (c, text) => (c.Rule === 'durationLiteral' || c.Rule === 'enumLiteral') && text.startsWith("'"),
    reason: 'OData 4.01: durations and enumeration members written as plain strings',
  },
  {
    test: (c) => /unencoded forward slash|single entity \(wrong\)/.test(c.Name),
    reason:
      'the parser reads percent-decoded text, where %2F and / are the same character (normalizeQuery encodes / in path keys)',
  },
  {
    test: (_c, text) =>
      [
        'Model.Available',
        'Categories/TheBestProduct()',
        'Model.Rejection',
        'Products(1)/Model.BestSellingProduct/Model.BestSellingProduct',
        'Categories(1)/Address/$value',
        'Categories(1)/Thumbnail/$value',
      ].includes(text),
    reason: 'rejecting it needs the service model (which names are functions, actions, complex or stream properties)',
  },
]

/** Applicable cases where the parser deliberately differs from the ABNF, and why. They must keep differing in the documented way. */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  '$filter= true':
    'spaces after = are accepted so a long $filter can start on the next line in the editor; normalizeQuery removes them before sending',
}

interface FamilyStats {
  run: number
  passed: number
  negatives: number
  offsetMatches: number
  differences: string[]
  skipped: Map<string, number>
}

const stats = new Map<string, FamilyStats>()
let registered = 0
let executed = 0
const skippedRules = new Map<string, { reason: string; count: number }>()

function familyOf(rule: string): string | undefined {
  return Object.keys(FAMILIES).find((name) => FAMILIES[name]?.rules.includes(rule))
}

function statsFor(family: string): FamilyStats {
  let s = stats.get(family)
  if (!s) {
    s = { run: 0, passed: 0, negatives: 0, offsetMatches: 0, differences: [], skipped: new Map() }
    stats.set(family, s)
  }
  return s
}

describe('OASIS OData ABNF test cases', () => {
  const cases = fixture.TestCases
  it('has a plan for every rule in the file', () => {
    const unplanned = [...new Set(cases.map((c) => c.Rule))].filter(
      (rule) => !familyOf(rule) && !SKIPPED_RULES.some((s) => s.rules.test(rule)),
    )
    expect(unplanned).toEqual([])
  })

  for (const c of cases) {
    const family = familyOf(c.Rule)
    if (!family) {
      const skip = SKIPPED_RULES.find((s) => s.rules.test(c.Rule))
      const entry = skippedRules.get(c.Rule) ?? { reason: skip?.reason ?? '', count: 0 }
      entry.count++
      skippedRules.set(c.Rule, entry)
      continue
    }
    const s = statsFor(family)
    const { text, toInput } = percentDecode(c.Input)
    const skip = SKIPPED_CASES.find((k) => k.test(c, text))
    if (skip) {
      s.skipped.set(skip.reason, (s.skipped.get(skip.reason) ?? 0) + 1)
      continue
    }
    s.run++
    registered++
    const difference = KNOWN_DIFFERENCES[c.Input]
    const title = `${c.Rule}: ${c.Input} (${c.Name})${c.FailAt !== undefined ? ` fails at ${c.FailAt}` : ''}`
    it(title, () => {
      executed++
      const result = FAMILIES[family]?.run(text, c.Rule) ?? { ok: false, offset: 0 }
      const shouldParse = c.FailAt === undefined
      if (difference) {
        expect(result.ok, difference).toBe(!shouldParse)
        s.differences.push(`\`${c.Input}\` — ${difference}`)
        return
      }
      expect(result.ok).toBe(shouldParse)
      s.passed++
      if (!shouldParse && !result.ok) {
        s.negatives++
        if ((toInput[result.offset] ?? c.Input.length) === c.FailAt) s.offsetMatches++
      }
    })
  }

  afterAll(() => {
    // A filtered run (-t) sees only some cases; its summary would not be the whole picture.
    if (executed !== registered) return
    const report = renderReport()
    console.log(report)
    if (process.env.UPDATE_ABNF_REPORT) writeFileSync(reportPath, report)
    const committed = readFileSync(reportPath, 'utf8')
    expect(committed, 'ABNF-CONFORMANCE.md is stale: run with UPDATE_ABNF_REPORT=1').toBe(report)
  })
})

function renderReport(): string {
  const lines = [
    '# OData ABNF conformance',
    '',
    'Generated by `tests/unit/common/odata/abnf.test.ts` from the OASIS OData ABNF test cases',
    '(`tests/fixtures/odata-abnf/`). Regenerate with `UPDATE_ABNF_REPORT=1 npx vitest run tests/unit/common/odata/abnf.test.ts`;',
    'the test fails when this file no longer matches.',
    '',
    '## Rule families the parser implements',
    '',
    '| Family | Run | Passed | Negative cases: error offset = FailAt | Skipped |',
    '|---|---:|---:|---:|---:|',
  ]
  let totalRun = 0
  let totalPassed = 0
  let totalSkipped = 0
  for (const [family, s] of stats) {
    const skipped = [...s.skipped.values()].reduce((a, b) => a + b, 0)
    totalRun += s.run
    totalPassed += s.passed + s.differences.length
    totalSkipped += skipped
    lines.push(
      `| ${family} | ${s.run} | ${s.passed + s.differences.length} | ${s.offsetMatches} of ${s.negatives} | ${skipped} |`,
    )
  }
  lines.push(`| **total** | ${totalRun} | ${totalPassed} | | ${totalSkipped} |`, '')
  lines.push(
    '"Passed" counts the documented differences below as passed: they are asserted to behave as documented.',
    '',
  )
  lines.push('## Skipped cases of implemented families', '', '| Family | Cases | Reason |', '|---|---:|---|')
  for (const [family, s] of stats)
    for (const [reason, count] of s.skipped) lines.push(`| ${family} | ${count} | ${reason} |`)
  lines.push('', '## Skipped rule families', '', '| Rule | Cases | Reason |', '|---|---:|---|')
  for (const [rule, { reason, count }] of skippedRules) lines.push(`| ${rule} | ${count} | ${reason} |`)
  lines.push('', '## Deliberate differences', '')
  const differences = [...stats.values()].flatMap((s) => s.differences)
  lines.push(...(differences.length > 0 ? differences.map((d) => `- ${d}`) : ['None.']))
  return `${lines.join('\n')}\n`
}
