import { writeFile } from 'node:fs/promises'
import type { diagnosticsChannels } from '../../common/contract/diagnostics'
import { AppFailure } from '../../common/result'
import { JwtDecodeError } from '../auth/jwt'
import { explain } from '../diagnostics/explain'
import { reportExtension } from '../diagnostics/report'
import { inspectToken } from '../diagnostics/token-inspector'
import type { HandlersFor } from '../handler-types'

const FORMAT_NAMES = { markdown: 'Markdown', html: 'Web page (printable)', json: 'JSON' } as const

/** dataverse-check-contoso.crm4.dynamics.com-2026-11-26.html: which environment and when, at a glance. */
function reportFileName(environmentUrl: string, startedAt: string, extension: string, masked: boolean): string {
  const host = masked ? 'environment' : new URL(environmentUrl).hostname
  return `dataverse-check-${host}-${startedAt.slice(0, 10)}.${extension}`
}

export const diagnosticsHandlers: HandlersFor<keyof typeof diagnosticsChannels> = {
  'diagnostics:explain': async ({ text, cloud }) => explain(text, cloud ? { cloud } : {}),

  'diagnostics:inspect-token': async ({ token, expected }) => {
    try {
      return inspectToken(token, expected ?? {})
    } catch (error) {
      if (!(error instanceof JwtDecodeError)) throw error
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: error.message,
        cause: 'The pasted text is not a complete access token.',
        next: 'Copy the whole access_token value (it starts with "eyJ" and has two dots) and paste it again.',
      })
    }
  },

  'check:run': async ({ connectionId, checkId, tables }, { services, emit, signal }) => {
    const run = await services.checks.run({
      connectionId,
      checkId,
      ...(tables ? { tables } : {}),
      signal,
      onProgress: (step) => emit('check:progressed', { checkId, connectionId, step }),
    })
    // The connection's "last test" changed.
    if (!run.check.cancelled) emit('connections:changed', { id: connectionId, kind: 'updated' })
    return run
  },

  'check:cancel': async ({ checkId }, { services }) => ({ cancelled: services.checks.cancel(checkId) }),

  'check:history': async ({ connectionId }, { services }) => services.checks.history(connectionId),

  'check:export-report': async ({ checkId, format, mask }, { services }) => {
    const { subject, check } = services.checks.finished(checkId)
    const extension = reportExtension(format)
    const path = await services.host.pickSavePath({
      title: 'Save the check report',
      defaultName: reportFileName(subject.environmentUrl, check.startedAt, extension, mask.environment),
      filters: [{ name: FORMAT_NAMES[format], extensions: [extension] }],
    })
    if (!path) return { path: null }
    await writeFile(path, services.checks.report(checkId, format, mask), { encoding: 'utf8', mode: 0o600 })
    return { path }
  },

  'check:copy-ticket': async ({ checkId, mask }, { services }) => {
    const text = services.checks.report(checkId, 'ticket', mask)
    await services.host.writeClipboard(text)
    return { copied: true as const, characters: text.length }
  },
}
