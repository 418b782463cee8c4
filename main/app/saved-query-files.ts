/** The saved-queries file format (export, import), for the window's file dialogs. */
export {
  readSavedQueriesFile,
  SAVED_QUERIES_FILTERS,
  savedQueriesFileName,
  writeSavedQueriesFile,
} from '../workspace/saved-queries-file'
