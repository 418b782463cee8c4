/**
 * The facts a parallel fetch-all needs from the environment before it can split: the table's
 * primary-key column (EntityDefinitions' PrimaryIdAttribute, asked once per entity set and
 * session) and the degree of parallelism Dataverse recommends (`x-ms-dop-hint`, which every
 * Dataverse answer carries, so the latest one seen on the session is kept).
 */
import type { DataverseClient } from '../client'

/** Never more pages at once than this, whatever the hint says: the rest of the app shares the connection. */
const MAX_DEGREE = 8

const hints = new WeakMap<DataverseClient, number>()
const keys = new WeakMap<DataverseClient, Map<string, Promise<string | null>>>()

/** The hint in an answer's headers (lower-case names), or null when absent or not a positive whole number. */
function dopHintOf(headers: Readonly<Record<string, string>>): number | null {
  const value = headers['x-ms-dop-hint']
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null
  const hint = Number(value)
  return hint >= 1 ? hint : null
}

/** Remembers the hint of an answer on this session's client. */
export function noteDopHint(client: DataverseClient, headers: Readonly<Record<string, string>>): number | null {
  const hint = dopHintOf(headers)
  if (hint !== null) hints.set(client, hint)
  return hint
}

/** The latest hint seen on this client, or null before any answer carried one. */
export function knownDopHint(client: DataverseClient): number | null {
  return hints.get(client) ?? null
}

/** The degree to use for a hint: never above it, never above MAX_DEGREE, at least 1. */
export function degreeFor(hint: number | null): number {
  return Math.max(1, Math.min(MAX_DEGREE, hint ?? 1))
}

/**
 * The entity set's primary-key column, or null when the environment has no table with that
 * entity set name. Asked once per session; a failed lookup is asked again next time.
 */
export function primaryKeyOf(client: DataverseClient, entitySet: string, signal?: AbortSignal): Promise<string | null> {
  let perClient = keys.get(client)
  if (!perClient) keys.set(client, (perClient = new Map()))
  const known = perClient.get(entitySet)
  if (known) return known
  const lookup = (async () => {
    const response = await client.request<{ value?: unknown }>({
      path: `EntityDefinitions?$select=PrimaryIdAttribute,LogicalName&$filter=EntitySetName%20eq%20'${entitySet}'`,
      signal,
    })
    noteDopHint(client, response.headers)
    const body = response.body
    const first = body && typeof body === 'object' && Array.isArray(body.value) ? (body.value[0] as unknown) : null
    const key =
      first && typeof first === 'object' ? (first as { PrimaryIdAttribute?: unknown }).PrimaryIdAttribute : null
    return typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : null
  })()
  perClient.set(entitySet, lookup)
  lookup.catch(() => perClient.delete(entitySet))
  return lookup
}
