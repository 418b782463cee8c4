/** What the window needs to save a finished check's report: the file kind of each format. */
export { reportExtension } from '../diagnostics/report'
