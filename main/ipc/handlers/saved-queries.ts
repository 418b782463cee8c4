import { AppFailure } from '@common/result'
import {
  readSavedQueriesFile,
  SAVED_QUERIES_FILTERS,
  savedQueriesFileName,
  writeSavedQueriesFile,
} from '../../app/saved-query-files'
import type { HandlersOfPrefix } from '../handler-types'

export const savedQueryHandlers: HandlersOfPrefix<'saved-queries'> = {
  'saved-queries:list': async (filter, { services }) => ({
    queries: await services.workspace.savedQueries.list(filter),
  }),
  'saved-queries:save': async (draft, { services }) => services.workspace.savedQueries.save(draft),
  'saved-queries:delete': async ({ id }, { services }) => ({
    deleted: await services.workspace.savedQueries.remove(id),
  }),
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
    const path = await services.host.pickSavePath({
      title: 'Export saved queries',
      defaultName: savedQueriesFileName(),
      filters: SAVED_QUERIES_FILTERS,
    })
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
}
