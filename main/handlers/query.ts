import type { queryChannels } from '../../common/contract/query'
import { AppFailure } from '../../common/result'
import type { HandlersFor } from '../handler-types'
import { readSavedQueriesFile, SAVED_QUERIES_FILTERS, savedQueriesFileName, writeSavedQueriesFile } from '../workspace/saved-queries-file'

function exportFilters(format: 'csv' | 'json' | 'xlsx') {
  return format === 'csv'
    ? [{ name: 'CSV (Excel)', extensions: ['csv'] }]
    : format === 'json'
      ? [{ name: 'JSON', extensions: ['json'] }]
      : [{ name: 'Excel workbook', extensions: ['xlsx'] }]
}

export const queryHandlers: HandlersFor<keyof typeof queryChannels> = {
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
  'query:export': async ({ format, maxRows, includeFormatted, csvFormulas, ...request }, { services, signal, emit }) => {
    const path = await services.host.pickSavePath({
      title: 'Export results',
      defaultName: `query-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.${format}`,
      filters: exportFilters(format),
    })
    if (!path) return { saved: false as const }
    const result = await services.query.exportToFile(request, { format, path, maxRows, includeFormatted, csvFormulas }, { signal, onProgress: (progress) => emit('query:progressed', progress) })
    return { saved: true as const, path: result.path, rows: result.rows, bytes: result.bytes, capped: result.summary.capped, droppedColumns: [...result.droppedColumns] }
  },
  'metadata:load': async ({ connectionId, refresh }, { services, signal }) => services.query.metadata(connectionId, { refresh, signal }),
  'metadata:choices': async ({ connectionId, table }, { services, signal }) => ({ choices: await services.query.choices(connectionId, table, signal) }),

  'history:list': async ({ connectionId, search, limit }, { services }) => ({
    entries: await services.workspace.history.list({ connectionId, search, limit }),
  }),
  'history:delete': async ({ id }, { services }) => ({ deleted: await services.workspace.history.remove(id) }),
  'history:clear': async ({ connectionId }, { services }) => ({ removed: await services.workspace.history.clear(connectionId) }),

  'saved-queries:list': async (filter, { services }) => ({ queries: await services.workspace.savedQueries.list(filter) }),
  'saved-queries:save': async (draft, { services }) => services.workspace.savedQueries.save(draft),
  'saved-queries:delete': async ({ id }, { services }) => ({ deleted: await services.workspace.savedQueries.remove(id) }),
  'saved-queries:export': async ({ ids }, { services }) => {
    // Read first: a damaged library or an empty choice is reported before a dialog is opened for nothing.
    const { json, count } = await services.workspace.savedQueries.exportJson(ids)
    if (count === 0) {
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: 'There is no saved query to export.',
        cause: ids ? 'None of the chosen queries exists any more.' : 'The library is empty.',
        next: 'Save a query first (Save in the query toolbar).',
      })
    }
    const path = await services.host.pickSavePath({ title: 'Export saved queries', defaultName: savedQueriesFileName(), filters: SAVED_QUERIES_FILTERS })
    if (!path) return { path: null, count: 0 }
    await writeSavedQueriesFile(path, json)
    return { path, count }
  },
  'saved-queries:import': async (_input, { services }) => {
    const [path] = await services.host.pickFiles({ title: 'Import saved queries', filters: SAVED_QUERIES_FILTERS })
    if (!path) return { cancelled: true as const }
    const report = await services.workspace.savedQueries.importJson(await readSavedQueriesFile(path))
    return { cancelled: false as const, path, ...report }
  },

  'workspace:start-fresh': async ({ store }, { services }) => {
    services.workspace.startFresh(store)
    return { started: true as const }
  },

  'query-tabs:load': async (_input, { services }) => services.workspace.tabs.load(),
  'query-tabs:save': async (tabs, { services }) => {
    await services.workspace.tabs.save(tabs)
    return { saved: true as const }
  },
}
