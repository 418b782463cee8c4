import { writePrivateFile } from '../../app/private-files'
import { AppFailure } from '@common/result'
import type { HandlersFor } from '../handler-types'

/** 2026-11-26T14-05-09 — sortable, and valid in a file name on every platform. */
function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/:/g, '-')
}

export const requestHandlers: HandlersFor<'requests:list' | 'requests:export' | 'requests:clear'> = {
  // The timeline holds no header, body or credential by construction (main/http/timeline.ts), so it can cross as is.
  'requests:list': async (_input, { services }) => ({ entries: services.timeline.entries() }),

  'requests:export': async (_input, { services }) => {
    const entries = services.timeline.entries()
    if (entries.length === 0) {
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: 'There is no request to export yet.',
        cause: 'Nothing has been sent in this session, or the list was cleared.',
        next: 'Run a query or a connection test, then export again.',
      })
    }
    const exportedAt = new Date()
    const path = await services.host.pickSavePath({
      title: 'Export the request list',
      defaultName: `dataverse-requests-${stamp(exportedAt)}.json`,
      filters: [{ name: 'JSON', extensions: ['json'] }],
    })
    if (!path) return { path: null, count: 0 }
    const info = services.host.appInfo()
    const document = {
      exportedBy: `${info.name} ${info.version}`,
      exportedAt: exportedAt.toISOString(),
      note: 'Method, URL (credential-looking query values redacted), status, timings, sizes and request/correlation/trace ids. No header, body, secret or token is recorded.',
      entries,
    }
    try {
      await writePrivateFile(path, `${JSON.stringify(document, null, 2)}\n`)
    } catch (error) {
      throw new AppFailure(
        {
          code: 'INVALID_INPUT',
          message: `The request list could not be written to ${path}.`,
          cause: 'The folder may not exist, or this app may not write there.',
          next: 'Export again and choose another folder.',
          details: { path },
        },
        { cause: error },
      )
    }
    return { path, count: entries.length }
  },

  'requests:clear': async (_input, { services }) => {
    services.timeline.clear()
    return { cleared: true as const }
  },
}
