/**
 * Editor text → the request that is sent. Main runs what this returns and "Copy as code" prints
 * it, so a snippet is the request that runs, header for header.
 */
import type { z } from 'zod'
import { normalizeQuery } from '../odata'
import { AppFailure } from '../result'
import type { QueryRequestSchema } from './execution'
import { fetchXmlEntityName, fetchXmlRequestPath, withPagingAnnotations } from './fetchxml'
import { selectOrderOf } from './result-set'
import type { PreferOptions } from './workspace'

/** What is sent: a relative URL, headers, body, and the $select order for the grid's columns. */
export interface PreparedQuery {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body?: string
  readonly selectOrder: readonly string[]
  /** A FetchXML query's document and entity set, which fetch-all pages through with the paging cookie. */
  readonly fetchXml?: { readonly xml: string; readonly entitySet: string }
}

/** The parts of a query request that decide what is sent (not which connection or operation). */
export type QueryToPrepare = Pick<
  z.output<typeof QueryRequestSchema>,
  'mode' | 'text' | 'method' | 'body' | 'headers' | 'prefer' | 'impersonate'
>

/** `Prefer` from the toggles: annotations for formatted values and lookup names, and the page size. */
function preferHeader(prefer: PreferOptions): string | null {
  const parts: string[] = []
  if (prefer.annotations) parts.push('odata.include-annotations="*"')
  if (prefer.maxPageSize !== null) parts.push(`odata.maxpagesize=${prefer.maxPageSize}`)
  return parts.length ? parts.join(',') : null
}

function selectFromQuery(query: string): string[] {
  for (const part of query.split('&')) {
    const equals = part.indexOf('=')
    if (equals > 0 && part.slice(0, equals).toLowerCase() === '$select') {
      try {
        return selectOrderOf(decodeURIComponent(part.slice(equals + 1)))
      } catch {
        return selectOrderOf(part.slice(equals + 1))
      }
    }
  }
  return []
}

/** Whether a table has a Web API property of that name (from the metadata index), for naming FetchXML's columns. */
export type HasProperty = (table: string, property: string) => boolean

/**
 * The grid columns of a FetchXML query, in document order: the main entity's own `<attribute>`s
 * under the name the row carries them by: an aggregate's or aliased column's alias, a lookup's
 * `_x_value` property. Link-entity columns come later, as seen.
 */
function fetchXmlAttributes(xml: string, hasProperty: HasProperty): string[] {
  const main = xml.replace(/<link-entity[\s\S]*?<\/link-entity>/g, '')
  const table = fetchXmlEntityName(xml) ?? ''
  return [...main.matchAll(/<attribute\s[^>]*?\/?>/g)].map((match) => {
    const tag = match[0]
    const alias = /\balias\s*=\s*["']([^"']+)["']/.exec(tag)?.[1]
    if (alias) return alias
    const name = /\bname\s*=\s*["']([^"']+)["']/.exec(tag)?.[1] ?? ''
    return !hasProperty(table, name) && hasProperty(table, `_${name}_value`) ? `_${name}_value` : name
  })
}

/**
 * Turns the editor text into the request that is sent: OData text normalised by the shared
 * normaliser (comments dropped, one option per line joined, Dataverse-style encoding), FetchXML
 * sent as `<entityset>?fetchXml=` on the entity set of its table.
 */
export function prepareQuery(
  request: QueryToPrepare,
  entitySetOf: (table: string) => string | undefined,
  hasProperty: HasProperty = () => true,
): PreparedQuery {
  let path: string
  let selectOrder: string[]
  let fetchXml: PreparedQuery['fetchXml']
  if (request.mode === 'fetchxml') {
    const fetch = fetchXmlRequestPath(request.text, entitySetOf)
    if (!fetch.ok) {
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: fetch.message,
        cause: 'FetchXML is sent on the entity set of its <entity> table, which must exist in this environment.',
        next: 'Check the <entity name="…"> value (a table logical name such as account), or refresh the metadata.',
      })
    }
    path = fetch.path
    fetchXml = { xml: request.text, entitySet: fetch.entitySet }
    selectOrder = fetchXmlAttributes(request.text, hasProperty)
  } else {
    const normalized = normalizeQuery(request.text)
    if (!normalized.path) {
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: 'The query has no table or function to call.',
        cause: 'The editor is empty, or holds only comments or options.',
        next: 'Start with an entity set such as accounts?$select=name&$top=10, or WhoAmI.',
      })
    }
    path = normalized.url
    selectOrder = selectFromQuery(normalized.query)
  }
  const headers: Record<string, string> = {}
  const prefer = preferHeader(request.prefer)
  if (prefer) headers.prefer = prefer
  // FetchXML says whether more rows follow only when asked; the first page must be able to say so too.
  if (fetchXml) headers.prefer = withPagingAnnotations(headers.prefer)
  if (request.impersonate) headers.callerobjectid = request.impersonate
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
  return {
    method: request.method,
    path,
    headers,
    ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
    selectOrder,
    ...(fetchXml ? { fetchXml } : {}),
  }
}
