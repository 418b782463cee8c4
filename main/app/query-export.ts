/** Rows to files for `dvw query`: the same writers, CSV rules and column layout the app's exports use. */
export { createExportWriter } from '../dataverse/export/writer'
export { csvRecord, UTF8_BOM, type CsvFormulas } from '../dataverse/export/csv'
export { rowObjects, TabularLayout } from '../dataverse/export/layout'
