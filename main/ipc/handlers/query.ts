import type { HandlersOfPrefix } from '../handler-types'

function exportFilters(format: 'csv' | 'json' | 'xlsx') {
  return format === 'csv'
    ? [{ name: 'CSV (Excel)', extensions: ['csv'] }]
    : format === 'json'
      ? [{ name: 'JSON', extensions: ['json'] }]
      : [{ name: 'Excel workbook', extensions: ['xlsx'] }]
}

export const queryHandlers: HandlersOfPrefix<'query'> = {
  'query:execute': async (request, { services, signal, emit }) =>
    services.query.execute(request, { signal, onProgress: (progress) => emit('query:progressed', progress) }),
  'query:next-page': async ({ connectionId, operationId, nextLink }, { services, signal }) =>
    services.query.nextPage(connectionId, operationId, nextLink, { signal }),
  'query:fetch-all': async ({ maxRows, ...request }, { services, signal, emit }) =>
    services.query.fetchAll(request, maxRows, {
      signal,
      onPage: (operationId, page) => emit('query:page-received', { operationId, page }),
      onProgress: (progress) => emit('query:progressed', progress),
    }),
  'query:cancel': async ({ operationId }, { services }) => ({ cancelled: services.query.cancel(operationId) }),
  'query:body': async ({ operationId }, { services }) => services.query.body(operationId),
  'query:export': async (
    { format, maxRows, includeFormatted, csvFormulas, ...request },
    { services, signal, emit },
  ) => {
    const path = await services.host.pickSavePath({
      title: 'Export results',
      defaultName: `query-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.${format}`,
      filters: exportFilters(format),
    })
    if (!path) return { saved: false as const }
    const result = await services.query.exportToFile(
      request,
      { format, path, maxRows, includeFormatted, csvFormulas },
      { signal, onProgress: (progress) => emit('query:progressed', progress) },
    )
    return {
      saved: true as const,
      path: result.path,
      rows: result.rows,
      bytes: result.bytes,
      capped: result.summary.capped,
      droppedColumns: [...result.droppedColumns],
    }
  },
}
