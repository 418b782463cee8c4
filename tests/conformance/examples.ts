/**
 * Microsoft's documented Web API exchanges (shared data folder, one JSON object a line) and the
 * comparison of an emulator answer with one of them: status, headers that carry meaning, body
 * shape, annotation names and error codes. Values are never compared (the documented rows are
 * Microsoft's sample data), and nothing from the documentation is copied into the emulator.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Answer } from '../support/emulator-client'

export interface DocumentedExchange {
  readonly id: string
  readonly source: string
  readonly note?: string | null
  readonly request: { method: string; path: string; headers?: Record<string, string>; body?: unknown }
  readonly response: { status: number; headers?: Record<string, string>; body?: unknown }
}

const REPO_ROOT = resolve(import.meta.dirname, '../..')
const RELATIVE = 'shared/data/dataverse-docs/webapi-examples.jsonl'

/** The shared folder sits next to the repository (a worktree one level further down). */
export function loadExamples(): DocumentedExchange[] {
  const candidates = [resolve(REPO_ROOT, '..', RELATIVE), resolve(REPO_ROOT, '../..', RELATIVE)]
  const found = candidates.find((candidate) => existsSync(candidate))
  if (!found) {
    throw new Error(
      `The documented Web API examples are missing (looked for ${candidates.join(' and ')}). ` +
        'The conformance suite needs shared/data/dataverse-docs/webapi-examples.jsonl next to the repository: restore the shared folder.',
    )
  }
  return readFileSync(found, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as DocumentedExchange
      } catch (error) {
        throw new Error(`${found}:${i + 1} is not JSON: ${(error as Error).message}`)
      }
    })
}

export type Outcome =
  | { readonly kind: 'match' }
  | { readonly kind: 'honest-501'; readonly message: string }
  | { readonly kind: 'mismatch'; readonly reasons: readonly string[]; readonly refused: boolean }

/** What the emulator is expected to answer once the documented exchange is adapted to its rows. */
export interface Expected {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  /** Compare the error message too (the wording is the documented behaviour). */
  readonly message?: boolean
  /** Extra assertions over the answer; each returned string is a reason for a mismatch. */
  readonly check?: (answer: Answer) => readonly string[]
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const errorMessage = (answer: Answer): string =>
  isObject(answer.json) && isObject(answer.json.error) ? String(answer.json.error.message) : answer.text

export const HONEST_501 = /not supported by this emulator/i

/** Preferences as a set: `odata.maxpagesize=3, odata.include-annotations="x"` in any order. */
function preferenceSet(value: string): string[] {
  return value
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((part) => part.trim().replace(/\s*=\s*/, '='))
    .filter(Boolean)
    .sort()
}

function compareHeaders(expected: Readonly<Record<string, string>>, answer: Answer, reasons: string[]): void {
  for (const [name, value] of Object.entries(expected)) {
    const actual = answer.headers.get(name)
    const lower = name.toLowerCase()
    if (lower === 'odata-version') continue
    if (lower === 'content-type') {
      const media = (text: string): string => text.split(';')[0]?.trim().toLowerCase() ?? ''
      if (answer.status !== 304 && answer.text !== '' && media(actual ?? '') !== media(value))
        reasons.push(`Content-Type is ${actual ?? 'missing'}, documented ${value}`)
      continue
    }
    if (actual === null) {
      reasons.push(`header ${name} is missing`)
      continue
    }
    if (lower === 'preference-applied' && preferenceSet(actual).join('|') !== preferenceSet(value).join('|')) {
      reasons.push(`Preference-Applied is '${actual}', documented '${value}'`)
    }
    if (lower === 'odata-entityid' && !/\/api\/data\/v9\.\d\/[a-z_0-9]+\([0-9a-f-]{36}\)$/.test(actual))
      reasons.push(`OData-EntityId '${actual}' is not an entity URL`)
    if (lower === 'retry-after' && !/^\d+$/.test(actual)) reasons.push(`Retry-After '${actual}' is not whole seconds`)
  }
}

/** `[Organization URI]/api/data/v9.2/$metadata#accounts(name)/$entity` → `accounts …/$entity`. */
function contextShape(context: string): string {
  const fragment = context.slice(context.indexOf('#') + 1)
  const base = /^[^(/]*/.exec(fragment)?.[0] ?? ''
  return `${base}${fragment.endsWith('/$entity') ? '/$entity' : ''}`
}

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)

/** Annotations the caller asked for may appear on any value even where the documented sample shows none. */
const requestedAnnotation = (key: string, requested: readonly string[]): boolean => {
  const term = key.slice(key.indexOf('@') + 1)
  return requested.some(
    (pattern) =>
      pattern === '*' || pattern === term || (pattern.endsWith('*') && term.startsWith(pattern.slice(0, -1))),
  )
}

interface ShapeOptions {
  readonly requested: readonly string[]
  /** 0: the response body, 1: a row of `value` or the single row, 2+: expanded rows. */
  readonly depth: number
  readonly path: string
}

function compareObject(expected: Json, actual: unknown, options: ShapeOptions, reasons: string[]): void {
  const { depth, path } = options
  if (!isObject(actual)) {
    reasons.push(`${path || 'body'} is ${typeOf(actual)}, documented an object`)
    return
  }
  const expectedKeys = Object.keys(expected)
  for (const key of expectedKeys) {
    const where = path ? `${path}.${key}` : key
    const want = expected[key]
    const has = key in actual
    const got = actual[key]
    if (key === '@odata.etag' && depth >= 2) continue // the docs disagree on etags in expanded rows
    if (key.includes('@') && !key.startsWith('@')) {
      const property = key.slice(0, key.indexOf('@'))
      if (!has && !(property in actual && (actual[property] === null || Array.isArray(actual[property]))))
        reasons.push(`${where} is missing`)
      continue
    }
    if (!has) {
      reasons.push(`${where} is missing`)
      continue
    }
    if (key === '@odata.context') {
      if (typeof got !== 'string' || contextShape(got) !== contextShape(String(want)))
        reasons.push(`${where} is '${String(got)}', documented '…#${contextShape(String(want))}'`)
      continue
    }
    if (want === null || got === null) continue
    if (typeOf(want) !== typeOf(got)) {
      reasons.push(`${where} is ${typeOf(got)}, documented ${typeOf(want)}`)
      continue
    }
    if (Array.isArray(want) && Array.isArray(got)) {
      const first = want[0]
      if (isObject(first)) {
        if (got.length === 0) reasons.push(`${where} is empty, documented rows`)
        else compareObject(first, got[0], { ...options, depth: depth + 1, path: `${where}[0]` }, reasons)
      }
      continue
    }
    if (isObject(want)) compareObject(want, got, { ...options, depth: depth + 1, path: where }, reasons)
  }
  for (const key of Object.keys(actual)) {
    if (key in expected) continue
    const where = path ? `${path}.${key}` : key
    if (key === '@odata.etag' && depth >= 1) continue
    if (key.includes('@') && !key.startsWith('@') && requestedAnnotation(key, options.requested)) continue
    if (depth >= 2 && /^_[a-z0-9_]+_value$/.test(key)) continue // back-reference columns, shown in some samples only
    reasons.push(`${where} is not in the documented answer`)
  }
}

function compareBody(expected: Expected, answer: Answer, requested: readonly string[], reasons: string[]): void {
  const body = expected.body
  if (body === null || body === undefined) return
  if (typeof body === 'string') {
    if (body === '') {
      if (answer.text !== '') reasons.push(`body is '${answer.text.slice(0, 80)}', documented empty`)
    } else if (/^\uFEFF?\d+$/.test(body)) {
      const pattern = body.startsWith('\uFEFF') ? /^\uFEFF\d+$/ : /^\d+$/
      if (!pattern.test(answer.text))
        reasons.push(
          `body '${JSON.stringify(answer.text.slice(0, 20))}' is not ${body.startsWith('\uFEFF') ? 'a BOM and ' : ''}a count`,
        )
    }
    return
  }
  if (isObject(body) && isObject(body.error)) {
    const error = isObject(answer.json) && isObject(answer.json.error) ? answer.json.error : undefined
    if (!error) {
      reasons.push(`no {"error":…} body: ${answer.text.slice(0, 120)}`)
      return
    }
    // An empty documented code means the page does not give one; the status and message then carry the meaning.
    if (body.error.code !== '' && error.code !== body.error.code)
      reasons.push(`error code ${String(error.code)}, documented ${String(body.error.code)}`)
    if ((expected.message || body.error.code === '') && error.message !== body.error.message)
      reasons.push(`error message '${String(error.message)}', documented '${String(body.error.message)}'`)
    return
  }
  if (isObject(body)) compareObject(body, answer.json, { requested, depth: 0, path: '' }, reasons)
}

/** The include-annotations preference of a request, as term patterns. */
export function requestedAnnotations(headers: Readonly<Record<string, string>> = {}): string[] {
  const prefer = Object.entries(headers).find(([name]) => name.toLowerCase() === 'prefer')?.[1] ?? ''
  const match = /odata\.include-annotations\s*=\s*"([^"]*)"/.exec(prefer)
  return match?.[1] ? match[1].split(',').map((term) => term.trim()) : []
}

export function classify(
  expected: Expected,
  answer: Answer,
  requestHeaders: Readonly<Record<string, string>> = {},
): Outcome {
  if (answer.status === 501 && HONEST_501.test(errorMessage(answer)))
    return { kind: 'honest-501', message: errorMessage(answer) }
  const reasons: string[] = []
  const refused = expected.status < 400 && answer.status >= 400
  if (answer.status !== expected.status)
    reasons.push(
      `status ${answer.status}, documented ${expected.status}${answer.status >= 400 ? `: ${errorMessage(answer).slice(0, 300)}` : ''}`,
    )
  if (!refused) {
    compareHeaders(expected.headers, answer, reasons)
    if (answer.status === expected.status) compareBody(expected, answer, requestedAnnotations(requestHeaders), reasons)
    reasons.push(...(expected.check?.(answer) ?? []))
  }
  return reasons.length === 0 ? { kind: 'match' } : { kind: 'mismatch', reasons, refused }
}

/** Renames property names anywhere in a documented body (to the emulator's tables), dropping those mapped to null. */
export function adaptBody(body: unknown, names: Readonly<Record<string, string | null>>): unknown {
  if (Array.isArray(body)) return body.map((item) => adaptBody(item, names))
  if (!isObject(body)) return body
  const out: Json = {}
  for (const [key, value] of Object.entries(body)) {
    const at = key.indexOf('@')
    const property = at > 0 ? key.slice(0, at) : key
    const suffix = at > 0 ? key.slice(at) : ''
    const renamed = property in names ? names[property] : property
    if (renamed === null || renamed === undefined) continue
    out[renamed + suffix] = adaptBody(value, names)
  }
  return out
}
