/**
 * FetchXML mode: the query is a `<fetch>` document sent as `<entityset>?fetchXml=<encoded xml>`,
 * where the entity set is the one holding the `<entity name>` table (wire §4.6).
 */

export function fetchXmlEntityName(xml: string): string | undefined {
  return /<entity\s[^>]*?\bname\s*=\s*["']([^"']+)["']/.exec(xml)?.[1]
}

/** Whitespace between tags carries nothing and would only lengthen the URL. */
export function compactFetchXml(xml: string): string {
  return xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .trim()
}

export type FetchXmlPath =
  | { readonly ok: true; readonly path: string; readonly entitySet: string }
  | { readonly ok: false; readonly message: string }

export function fetchXmlRequestPath(xml: string, entitySetOf: (table: string) => string | undefined): FetchXmlPath {
  const table = fetchXmlEntityName(xml)
  if (!table)
    return { ok: false, message: 'The FetchXML has no <entity name="…"> element, so there is no table to query.' }
  const entitySet = entitySetOf(table)
  if (!entitySet)
    return { ok: false, message: `The table "${table}" in <entity name> is not in this environment's metadata.` }
  return { ok: true, entitySet, path: `${entitySet}?fetchXml=${encodeURIComponent(compactFetchXml(xml))}` }
}

/** FetchXML names a lookup by its logical name (`parentcustomerid`); the Web API column is `_parentcustomerid_value`. */
export function fetchXmlAttributeName(webApiProperty: string): string {
  const lookup = /^_(.+)_value$/.exec(webApiProperty)
  return lookup ? (lookup[1] ?? webApiProperty) : webApiProperty
}

export type FetchXmlCompletionContext =
  | { readonly kind: 'element'; readonly parent: string | undefined; readonly prefix: string }
  | { readonly kind: 'entity'; readonly prefix: string }
  | { readonly kind: 'attribute'; readonly table: string | undefined; readonly prefix: string }
  | { readonly kind: 'operator'; readonly prefix: string }
  | {
      readonly kind: 'value'
      readonly table: string | undefined
      readonly attribute: string | undefined
      readonly prefix: string
    }
  | { readonly kind: 'none' }

interface OpenElement {
  readonly name: string
  readonly attributes: Record<string, string>
}

const TAG = /<(\/?)([\w-]+)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g
const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

function attributesOf(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const match of text.matchAll(ATTRIBUTE)) result[match[1] ?? ''] = match[2] ?? match[3] ?? ''
  return result
}

/** The elements open at the end of `text` (complete tags only), outermost first. */
function openElements(text: string): OpenElement[] {
  const stack: OpenElement[] = []
  for (const match of text.matchAll(TAG)) {
    const [, closing, name = '', attributes = '', selfClosing] = match
    if (closing) {
      const at = stack.map((element) => element.name).lastIndexOf(name)
      if (at !== -1) stack.length = at
    } else if (!selfClosing) stack.push({ name, attributes: attributesOf(attributes) })
  }
  return stack
}

function nearestTable(stack: readonly OpenElement[]): string | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const element = stack[i]
    if (element && (element.name === 'entity' || element.name === 'link-entity')) return element.attributes.name
  }
  return undefined
}

/**
 * What the cursor is in the middle of typing in a FetchXML document, from the text before it:
 * a tag name, an entity name, an attribute (column) name with the table it belongs to, a condition
 * operator, or a condition value. Tolerant of the unfinished document being typed.
 */
export function fetchXmlContextAt(text: string, offset: number): FetchXmlCompletionContext {
  const before = text.slice(0, offset)
  const lastOpen = before.lastIndexOf('<')
  if (lastOpen === -1 || before.lastIndexOf('>') > lastOpen) return { kind: 'none' }
  const tagText = before.slice(lastOpen)
  const stack = openElements(before.slice(0, lastOpen))

  const name = /^<([\w-]*)$/.exec(tagText)
  if (name) return { kind: 'element', parent: stack.at(-1)?.name, prefix: name[1] ?? '' }

  const value = /^<([\w-]+)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s+([\w:-]+)\s*=\s*["']([^"']*)$/.exec(tagText)
  if (!value) return { kind: 'none' }
  const [, element = '', others = '', attribute = '', prefix = ''] = value
  const own = attributesOf(others)
  if ((element === 'entity' || element === 'link-entity') && attribute === 'name') return { kind: 'entity', prefix }
  if (element === 'link-entity' && attribute === 'from') return { kind: 'attribute', table: own.name, prefix }
  if (element === 'link-entity' && attribute === 'to') return { kind: 'attribute', table: nearestTable(stack), prefix }
  if (
    (element === 'attribute' && attribute === 'name') ||
    ((element === 'order' || element === 'condition') && attribute === 'attribute')
  ) {
    return { kind: 'attribute', table: own.entityname ? undefined : nearestTable(stack), prefix }
  }
  if (element === 'condition' && attribute === 'operator') return { kind: 'operator', prefix }
  if (element === 'condition' && attribute === 'value')
    return { kind: 'value', table: nearestTable(stack), attribute: own.attribute, prefix }
  return { kind: 'none' }
}

/** FetchXML condition operators (the common ones first). */
export const FETCHXML_OPERATORS = [
  'eq',
  'ne',
  'like',
  'not-like',
  'begins-with',
  'ends-with',
  'in',
  'not-in',
  'null',
  'not-null',
  'gt',
  'ge',
  'lt',
  'le',
  'between',
  'not-between',
  'today',
  'yesterday',
  'tomorrow',
  'this-week',
  'this-month',
  'this-year',
  'last-x-days',
  'next-x-days',
  'last-x-months',
  'next-x-months',
  'last-x-years',
  'older-x-days',
  'on',
  'on-or-before',
  'on-or-after',
  'eq-userid',
  'ne-userid',
  'eq-businessid',
  'under',
  'eq-or-under',
  'above',
  'contain-values',
  'not-contain-values',
] as const

/** Child elements FetchXML allows under each element, for tag-name completion. */
export const FETCHXML_CHILDREN: Readonly<Record<string, readonly string[]>> = {
  '': ['fetch'],
  fetch: ['entity'],
  entity: ['attribute', 'all-attributes', 'order', 'filter', 'link-entity'],
  'link-entity': ['attribute', 'all-attributes', 'order', 'filter', 'link-entity'],
  filter: ['condition', 'filter'],
  condition: ['value'],
}

/** The annotations that say whether a FetchXML page has more rows, and how to ask for the next. */
const PAGING_ANNOTATIONS = ['Microsoft.Dynamics.CRM.fetchxmlpagingcookie', 'Microsoft.Dynamics.CRM.morerecords']

/** `Prefer` with the two paging annotations added to whatever annotations were already asked for. */
export function withPagingAnnotations(prefer: string | undefined): string {
  const parts = (prefer ?? '')
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((part) => part.trim())
    .filter(Boolean)
  const at = parts.findIndex((part) => /^odata\.include-annotations\s*=/i.test(part))
  if (at === -1) return [...parts, `odata.include-annotations="${PAGING_ANNOTATIONS.join(',')}"`].join(',')
  const current = (parts[at] ?? '').replace(/^odata\.include-annotations\s*=\s*/i, '').replace(/^"|"$/g, '')
  const terms = current
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean)
  if (!terms.includes('*')) {
    for (const term of PAGING_ANNOTATIONS) if (!terms.includes(term)) terms.push(term)
  }
  parts[at] = `odata.include-annotations="${terms.join(',')}"`
  return parts.join(',')
}
