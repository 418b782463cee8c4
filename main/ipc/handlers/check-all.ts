import { writePrivateFile } from '../../app/private-files'
import { matrixExtension, renderMatrixReport } from '../../app/check-report'
import type { HandlersOfPrefix } from '../handler-types'

const FORMAT_NAMES = { markdown: 'Markdown', html: 'Web page (printable)', csv: 'CSV (spreadsheet)' } as const

export const checkAllHandlers: HandlersOfPrefix<'check-all'> = {
  'check-all:run': async ({ runId, connectionIds }, { services, emit, signal }) =>
    services.checkAll.run({
      runId,
      connectionIds,
      signal,
      onProgress: (progress) => emit('check-all:progressed', progress),
    }),

  'check-all:cancel': async ({ runId }, { services }) => ({ cancelled: services.checkAll.cancel(runId) }),

  'check-all:export': async ({ runId, format, mask }, { services }) => {
    const run = services.checkAll.finished(runId)
    const extension = matrixExtension(format)
    const path = await services.host.pickSavePath({
      title: 'Save the check-all report',
      defaultName: `dataverse-check-all-${run.startedAt.slice(0, 10)}.${extension}`,
      filters: [{ name: FORMAT_NAMES[format], extensions: [extension] }],
    })
    if (!path) return { path: null }
    const text = renderMatrixReport(
      { run, appVersion: services.host.appInfo().version, generatedAt: new Date().toISOString(), mask },
      format,
    )
    await writePrivateFile(path, text)
    return { path }
  },
}
