import { DOCS } from './links'
import type { CatalogEntry } from './types'

export const queryEntries: readonly CatalogEntry[] = [
  {
    id: 'query-invalid-property',
    title: (ctx) =>
      ctx.name ? `No column called "${ctx.name}" on this table` : 'A column in the query does not exist',
    cause: (ctx) =>
      `The query names ${ctx.name ? `"${ctx.name}"` : 'a property'} that the table does not have (0x80060888 "Could not find a property named …"). Common reasons: the display name or schema name was used instead of the logical name, or a lookup was selected by its name instead of _<lookup>_value.`,
    fix: [
      "Use logical names (all lower case), as listed in the table's $metadata or in the query editor's completion.",
      'For lookups, select _<lookup>_value (for example _parentcustomerid_value), or $expand the navigation property.',
    ],
    docs: DOCS.queryData,
  },
  {
    id: 'query-unknown-segment',
    title: (ctx) =>
      ctx.name
        ? `"${ctx.name}" is not a table or function of this environment`
        : 'Unknown table or function in the URL',
    cause:
      'The first part of the path is not an entity set, function or action of the environment (0x8006088A "Resource not found for the segment"). Usually the singular logical name (account) was used instead of the entity set name (accounts), or a custom table\'s prefix is missing.',
    fix: [
      'Use the entity set name (plural, for example accounts, contacts, new_projects).',
      "Open the environment's service document (/api/data/v9.2/) to see every valid name.",
    ],
    docs: DOCS.queryData,
  },
  {
    id: 'query-syntax-error',
    title: 'The OData query has a syntax error',
    cause:
      'Dataverse could not parse the request: a query option ($filter, $select, $orderby, $expand) with a missing or unescaped quote ("unterminated literal at position N"; an & or # in a value that was not URL-encoded cuts the string), not combined with a named condition such as Microsoft.Dynamics.CRM.In ("Not operator along with the Custom Named Condition operators is not allowed"), an unsupported function or a misplaced operator — or a JSON body that is not valid JSON ("Invalid JSON. A comma character … was expected").',
    fix: [
      "Quote strings with single quotes (name eq 'Contoso'), double a quote inside a value ('O''Neil'), URL-encode &, # and + in values, and leave GUIDs and numbers unquoted.",
      'Instead of not with a named condition (not Microsoft.Dynamics.CRM.In(…)), use its negative twin (Microsoft.Dynamics.CRM.NotIn, NotBetween…) or ne comparisons.',
      'For a JSON body, check commas between properties and quotes around names and strings (paste it into a JSON validator).',
      'Check operators (eq, ne, gt, and, or) and function names (contains, startswith) against the OData query reference.',
    ],
    docs: DOCS.queryData,
  },
  {
    id: 'record-not-found',
    title: 'The record does not exist',
    cause:
      'No row with that ID exists in the table (0x80040217 "Does Not Exist"): it was deleted, the ID belongs to another table, or it is from another environment.',
    fix: [
      'Check the ID and the table name in the URL.',
      'Query the table with a $filter to find the record by a column you know.',
    ],
    docs: DOCS.retrieveRecord,
  },
  {
    id: 'server-error',
    title: 'Dataverse had an internal error (500)',
    cause:
      'The server failed while processing the request — often a plug-in or a custom API threw, or a timeout inside the platform.',
    fix: [
      'Retry once; if it repeats, note the request ID (x-ms-service-request-id) and the time.',
      "Check the environment's plug-in trace log for the same time, or open a Microsoft support ticket with the request ID.",
    ],
    docs: DOCS.webApiErrors,
  },
]
