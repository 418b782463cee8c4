/** The OData language core: one parser for the emulator's query engine and the editor's language service. */
export type * from './ast'

export { tokenize, type TokenKind } from './lexer'
export { parseExpand, parseFilter, parseOrderBy, parseQueryOptions, parseRequest, parseSelect } from './parse'
export { BUILTIN_FUNCTIONS, DATAVERSE_NAMESPACE, isDataverseNamespace, QUERY_FUNCTIONS } from './functions'
export { editDistance, suggest } from './suggest'
export { completionContextAt, type CompletionContext } from './completion-context'
export { schemaFromTables } from './schema'
export { diagnoseRequest, syntaxDiagnostics, validateRequest, type Diagnostic } from './validate'
export { normalizeQuery } from './normalize'
