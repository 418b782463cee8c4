import type { ReportFormat, ReportInput } from '@common/diagnostics'
import { renderHtml } from './html'
import { renderMarkdown, renderTicket } from './markdown'
import { prepareReport } from './model'
import { scrubDeep, scrubSecrets } from './scrub'

const FILE_EXTENSIONS: Record<ReportFormat, string> = { markdown: 'md', html: 'html', json: 'json', ticket: 'md' }

export function reportExtension(format: ReportFormat): string {
  return FILE_EXTENSIONS[format]
}

/**
 * Renders a check report. Redacted by construction: the input is validated strictly (it has no
 * field that could hold a secret, token or assertion, and extra fields are refused), masks are
 * applied everywhere, and the secret scrubber runs over every field before rendering and over
 * the finished text after it.
 */
export function renderReport(raw: ReportInput, format: ReportFormat): string {
  const input = scrubDeep(prepareReport(raw))
  const text = (() => {
    switch (format) {
      case 'markdown':
        return renderMarkdown(input)
      case 'ticket':
        return renderTicket(input)
      case 'html':
        return renderHtml(input)
      case 'json':
        return (
          JSON.stringify(
            {
              format: 'dataverse-workbench/check-report',
              version: 1,
              generatedAt: input.generatedAt,
              appVersion: input.appVersion,
              subject: input.subject,
              check: input.check,
            },
            null,
            2,
          ) + '\n'
        )
    }
  })()
  return scrubSecrets(text)
}

export { scrubSecrets } from './scrub'
