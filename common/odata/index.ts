/** The OData language core: one parser for the emulator's query engine and the editor's language service. */
export type * from './ast'
export { EXPECTED, type Expected } from './expected'
export { tokenize, type Token, type TokenKind } from './lexer'
export { parseExpand, parseFilter, parseOrderBy, parseQueryOptions, parseRequest, parseSelect } from './parse'
export {
  BUILTIN_FUNCTIONS,
  builtinFunction,
  DATAVERSE_ALIAS,
  DATAVERSE_NAMESPACE,
  isDataverseNamespace,
  QUERY_FUNCTIONS,
  queryFunction,
  type BuiltinFunction,
  type QueryFunction,
} from './functions'
export { editDistance, suggest } from './suggest'
export {
  completionContextAt,
  type CompletionContext,
  type CompletionKind,
  type LambdaVariable,
} from './completion-context'
export {
  schemaFromTables,
  type ChoiceOption,
  type EntityTypeView,
  type NavigationView,
  type PropertyView,
  type SchemaView,
  type TableDefinition,
} from './schema'
export { diagnoseRequest, syntaxDiagnostics, validateRequest, type Diagnostic, type DiagnosticCode } from './validate'
export { normalizeQuery, type NormalizedQuery } from './normalize'
