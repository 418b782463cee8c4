/** `dvw metadata` over a saved `$metadata` file: the table list without a connection. */
export { indexMetadataFile, listTables } from '../dataverse/metadata/table-list'
