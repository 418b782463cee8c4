import { writePrivateFile } from '../../app/private-files'
import { reportExtension } from '../../app/check-report'
import type { HandlersOfPrefix } from '../handler-types'

const FORMAT_NAMES = { markdown: 'Markdown', html: 'Web page (printable)', json: 'JSON' } as const

/** dataverse-check-contoso.crm4.dynamics.com-2026-11-26.html: which environment and when, at a glance. */
function reportFileName(environmentUrl: string, startedAt: string, extension: string, masked: boolean): string {
  const host = masked ? 'environment' : new URL(environmentUrl).hostname
  return `dataverse-check-${host}-${startedAt.slice(0, 10)}.${extension}`
}

export const checkHandlers: HandlersOfPrefix<'check'> = {
  'check:run': async ({ connectionId, checkId, tables }, { services, emit, signal }) =>
    services.checks.run({
      connectionId,
      checkId,
      ...(tables ? { tables } : {}),
      signal,
      onProgress: (step) => emit('check:progressed', { checkId, connectionId, step }),
    }),

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
    await writePrivateFile(path, services.checks.report(checkId, format, mask))
    return { path }
  },

  'check:copy-ticket': async ({ checkId, mask }, { services }) => {
    const text = services.checks.report(checkId, 'ticket', mask)
    await services.host.writeClipboard(text)
    return { copied: true as const, characters: text.length }
  },
}
