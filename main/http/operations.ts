/**
 * Finds the Dataverse operations (functions, actions, custom APIs) a Web API path calls, so a
 * read-only connection can refuse a GET to a function that writes. The transport cannot read the
 * environment's metadata itself; the session passes an OperationCatalog built from it when one is
 * loaded. Without it (or for a name it does not know) a conservative rule decides; see README.md.
 */
import { isSideEffectFree, KNOWN_WRITING_FUNCTIONS } from './side-effect-free-functions'

/** What the environment's metadata says about a name; `undefined` when no metadata is loaded. */
export interface OperationCatalog {
  /** A function, action or custom API of that (local, unqualified) name exists. */
  isOperation(name: string): boolean | undefined
  /** An entity set of that name exists. */
  isEntitySet(name: string): boolean | undefined
}

/** PascalCase entity sets of the Web API itself (table, column and choice definitions). */
const PASCAL_CASE_ENTITY_SETS = new Set([
  'EntityDefinitions',
  'GlobalOptionSetDefinitions',
  'RelationshipDefinitions',
  'ManagedPropertyDefinitions',
])

const KNOWN_WRITERS = new Set(KNOWN_WRITING_FUNCTIONS.map((name) => name.toLowerCase()))

const WEB_API_ROOT = /^\/api\/data\/v\d+(?:\.\d+)?\/(.*)$/i

export interface OperationCall {
  /** The name as called, namespace dropped: `CalculateRollupField`. */
  readonly name: string
  readonly sideEffectFree: boolean
}

/** Splits a decoded path at `/` outside parentheses and quoted literals. */
function splitSegments(path: string): string[] {
  const segments: string[] = []
  let current = ''
  let depth = 0
  let quoted = false
  for (const char of path) {
    if (char === "'") quoted = !quoted
    else if (!quoted && char === '(') depth++
    else if (!quoted && char === ')') depth = Math.max(0, depth - 1)
    if (char === '/' && depth === 0 && !quoted) {
      segments.push(current)
      current = ''
    } else {
      current += char
    }
  }
  segments.push(current)
  return segments.filter((segment) => segment !== '')
}

function isLowerCase(name: string): boolean {
  return name === name.toLowerCase()
}

/** Whether a segment names an operation, given its position and the catalog's view. */
function isOperationSegment(
  segment: string,
  first: boolean,
  catalog: OperationCatalog | undefined,
): { call: boolean; name: string } {
  const open = segment.indexOf('(')
  const hasParens = open >= 0
  const qualified = hasParens ? segment.slice(0, open) : segment
  const dot = qualified.lastIndexOf('.')
  const name = dot >= 0 ? qualified.slice(dot + 1) : qualified
  if (name.startsWith('$') || name === '') return { call: false, name }

  if (dot >= 0) {
    // `Microsoft.Dynamics.CRM.Name` / `mscrm.Name`: a bound operation, or a cast to a derived type.
    if (hasParens) return { call: true, name }
    const known = catalog?.isOperation(name)
    if (known !== undefined) return { call: known || KNOWN_WRITERS.has(name.toLowerCase()), name }
    // Casts name entity types (lower case, `email`) or metadata types (`PicklistAttributeMetadata`).
    return { call: !(isLowerCase(name) || name.endsWith('Metadata')), name }
  }

  if (!first) {
    // Navigation and property segments are unqualified; Dataverse calls bound operations only qualified.
    return { call: hasParens && catalog?.isOperation(name) === true, name }
  }

  if (KNOWN_WRITERS.has(name.toLowerCase())) return { call: true, name }
  if (catalog?.isOperation(name) === true) return { call: true, name }
  if (catalog?.isEntitySet(name) === true) return { call: false, name }
  if (isSideEffectFree(name)) return { call: true, name }
  // Entity sets are lower case (`accounts`, `new_projects`); functions and custom APIs are not.
  return { call: !isLowerCase(name) && !PASCAL_CASE_ENTITY_SETS.has(name), name }
}

function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path)
  } catch {
    return null
  }
}

/**
 * The operations called by a Web API URL's path, in order. Null when the path cannot be decoded
 * (a broken percent escape): the caller refuses it rather than guess.
 */
export function operationCalls(url: URL, catalog?: OperationCatalog): OperationCall[] | null {
  const match = WEB_API_ROOT.exec(url.pathname)
  if (!match) return []
  const decoded = decodePath(match[1] ?? '')
  if (decoded === null) return null
  return splitSegments(decoded).flatMap((segment, index) => {
    const { call, name } = isOperationSegment(segment.trim(), index === 0, catalog)
    return call ? [{ name, sideEffectFree: isSideEffectFree(name) && !KNOWN_WRITERS.has(name.toLowerCase()) }] : []
  })
}
