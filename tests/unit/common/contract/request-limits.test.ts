/**
 * L10: every string a window can send main is bounded. The test walks each channel's request schema
 * and lists every string (and array) without an upper bound, by path, so a new channel cannot bring
 * an unbounded field back.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { channels } from '@common/contract'

interface Def {
  readonly type: string
  readonly shape?: Record<string, z.ZodType>
  readonly element?: z.ZodType
  readonly innerType?: z.ZodType
  readonly options?: readonly z.ZodType[]
  readonly keyType?: z.ZodType
  readonly valueType?: z.ZodType
  readonly in?: z.ZodType
  readonly left?: z.ZodType
  readonly right?: z.ZodType
  readonly items?: readonly z.ZodType[]
  readonly getter?: () => z.ZodType
  readonly checks?: readonly { _zod: { def: { check: string; format?: string } } }[]
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def
const hasCheck = (def: Def, check: string) => (def.checks ?? []).some((entry) => entry._zod.def.check === check)
// Formats whose values have a fixed or bounded length by construction.
const BOUNDED_FORMATS = new Set(['guid', 'uuid', 'datetime', 'date', 'ipv4', 'ipv6'])
const isBoundedFormat = (def: Def) =>
  (def.checks ?? []).some((entry) => BOUNDED_FORMATS.has(entry._zod.def.format ?? ''))

function unbounded(schema: z.ZodType, path: string, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const def = defOf(schema)
  const walk = (child: z.ZodType | undefined, at: string) => (child ? unbounded(child, at, seen) : [])
  switch (def.type) {
    case 'string':
      return hasCheck(def, 'max_length') || isBoundedFormat(def) || (schema as unknown as { format?: string }).format
        ? []
        : [path]
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, child]) => walk(child, `${path}.${key}`))
    case 'array':
      return [...(hasCheck(def, 'max_length') ? [] : [`${path}[] (array)`]), ...walk(def.element, `${path}[]`)]
    case 'record':
      // A record's size is bounded by a refine on its keys (a custom check).
      return [
        ...(hasCheck(def, 'custom') ? [] : [`${path}{} (record without a key cap)`]),
        ...walk(def.keyType, `${path}{key}`),
        ...walk(def.valueType, `${path}{}`),
      ]
    case 'union':
      return (def.options ?? []).flatMap((option, index) => walk(option, `${path}|${index}`))
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)]
    case 'tuple':
      return (def.items ?? []).flatMap((item, index) => walk(item, `${path}[${index}]`))
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return walk(def.innerType, path)
    case 'pipe':
      return walk(def.in, path)
    case 'lazy':
      return def.getter ? walk(def.getter(), path) : []
    default:
      return []
  }
}

describe('IPC request limits', () => {
  it('L10 bounds every string, array and record a window can send, on every channel', () => {
    const found = Object.entries(channels).flatMap(([name, channel]) => unbounded(channel.request as z.ZodType, name))
    expect(found).toEqual([])
  })
})

describe('IPC request limits in practice', () => {
  it('L10 refuses a query with more extra headers than any real request carries', () => {
    const request = (count: number) => ({
      connectionId: 'c',
      operationId: 'o',
      mode: 'odata',
      text: 'accounts',
      prefer: { annotations: false, maxPageSize: null },
      headers: Object.fromEntries(Array.from({ length: count }, (_, index) => [`x-h${index}`, 'v'])),
    })
    expect(channels['query:execute'].request.safeParse(request(50)).success).toBe(true)
    expect(channels['query:execute'].request.safeParse(request(51)).success).toBe(false)
  })
})
