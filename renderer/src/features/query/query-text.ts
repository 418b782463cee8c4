/** What a new query tab starts with, and the tab title a query's text gives until it is saved under a name. */
import type { QueryMode } from '@common/query/workspace'

export const STARTER_TEXT: Record<QueryMode, string> = {
  odata: 'accounts?\n$select=name,accountnumber\n$top=10',
  fetchxml: '<fetch top="10">\n  <entity name="account">\n    <attribute name="name" />\n  </entity>\n</fetch>',
}

export function titleFor(text: string, mode: QueryMode): string {
  if (mode === 'fetchxml') {
    const entity = /<entity\s[^>]*name\s*=\s*["']([^"']+)/.exec(text)?.[1]
    return entity ? `${entity} (FetchXML)` : 'FetchXML'
  }
  const first = text
    .trim()
    .split(/[?\n(/]/)[0]
    ?.trim()
  return first ? first.slice(0, 40) : 'Query'
}
