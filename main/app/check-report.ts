/** What the window needs to save a finished check's report: the file kind of each format. */
export { reportExtension, scrubSecrets } from '../diagnostics/report'
/** The check-all matrix as a redacted HTML, Markdown or CSV file. */
export { matrixExtension, renderMatrixReport } from '../diagnostics/report/matrix'
