/** The `Prefer` request header (wire §4.5) and the annotations a client asked for. */

export interface Preferences {
  readonly maxPageSize?: number
  /** Raw `odata.include-annotations` value, without quotes. */
  readonly includeAnnotations?: string
  readonly returnRepresentation: boolean
  /** What `Preference-Applied` must echo. */
  applied(honoured: { maxPageSize?: boolean; annotations?: boolean; representation?: boolean }): string | undefined
  /** Whether an annotation term (e.g. `OData.Community.Display.V1.FormattedValue`) was asked for. */
  wants(term: string): boolean
  readonly anyAnnotations: boolean
}

/** Splits on commas outside double quotes. */
function splitPreferences(header: string): string[] {
  const out: string[] = []
  let current = ''
  let quoted = false
  for (const char of header) {
    if (char === '"') quoted = !quoted
    if (char === ',' && !quoted) {
      out.push(current.trim())
      current = ''
    } else current += char
  }
  if (current.trim()) out.push(current.trim())
  return out
}

function matcher(patterns: readonly string[]): (term: string) => boolean {
  const includes = patterns.filter((p) => !p.startsWith('-'))
  const excludes = patterns.filter((p) => p.startsWith('-')).map((p) => p.slice(1))
  const matches = (pattern: string, term: string): boolean =>
    pattern === '*' || pattern === term || (pattern.endsWith('.*') && term.startsWith(pattern.slice(0, -1)))
  return (term) => !excludes.some((p) => matches(p, term)) && includes.some((p) => matches(p, term))
}

export function parsePrefer(headers: Headers): Preferences {
  const values = splitPreferences(headers.get('prefer') ?? '')
  let maxPageSize: number | undefined
  let includeAnnotations: string | undefined
  let returnRepresentation = false
  for (const value of values) {
    const [rawName = '', ...rest] = value.split('=')
    const name = rawName.trim().toLowerCase()
    const raw = rest.join('=').trim()
    if (name === 'odata.maxpagesize') {
      const size = Number(raw)
      if (Number.isInteger(size) && size > 0) maxPageSize = size
    } else if (name === 'odata.include-annotations') includeAnnotations = raw.replace(/^"|"$/g, '')
    else if (name === 'return' && raw.toLowerCase() === 'representation') returnRepresentation = true
  }
  const patterns = (includeAnnotations ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
  const wants = matcher(patterns)
  return {
    ...(maxPageSize !== undefined ? { maxPageSize } : {}),
    ...(includeAnnotations !== undefined ? { includeAnnotations } : {}),
    returnRepresentation,
    anyAnnotations: patterns.some((p) => !p.startsWith('-')),
    wants,
    applied(honoured) {
      const parts: string[] = []
      if (honoured.representation && returnRepresentation) parts.push('return=representation')
      if (honoured.maxPageSize && maxPageSize !== undefined) parts.push(`odata.maxpagesize=${maxPageSize}`)
      if (honoured.annotations && includeAnnotations !== undefined)
        parts.push(`odata.include-annotations="${includeAnnotations}"`)
      return parts.length > 0 ? parts.join(', ') : undefined
    },
  }
}

export const FORMATTED = 'OData.Community.Display.V1.FormattedValue'
export const LOOKUP_LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname'
export const ASSOCIATED_NAVIGATION = 'Microsoft.Dynamics.CRM.associatednavigationproperty'
