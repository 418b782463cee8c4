/**
 * Low-level scanners shared by the parser and the lexer. Each takes the text, a start index and
 * an end index, and returns where the construct ends (or a miss), without allocating strings and
 * without regular expressions, so scanning stays linear on any input.
 */
import { CH, isDigit, isHexDigit, isIdentifierPart, isIdentifierStart } from './chars'

/** End of the identifier starting at `pos`, or `pos` when there is none. */
export function scanIdentifier(text: string, pos: number, end: number): number {
  if (pos >= end || !isIdentifierStart(text.charCodeAt(pos))) return pos
  let i = pos + 1
  while (i < end && isIdentifierPart(text.charCodeAt(i))) i++
  return i
}

/** End of `Name.Name.Name` (a namespace-qualified name), or `pos`. A trailing dot is not consumed. */
export function scanQualifiedName(text: string, pos: number, end: number): number {
  let i = scanIdentifier(text, pos, end)
  if (i === pos) return pos
  while (i < end && text.charCodeAt(i) === CH.dot) {
    const next = scanIdentifier(text, i + 1, end)
    if (next === i + 1) break
    i = next
  }
  return i
}

/**
 * A quoted string starting at `pos` (which holds `'`). `''` is an escaped quote. Returns the index
 * after the closing quote, or -1 when the string is not closed before `end`.
 */
export function scanString(text: string, pos: number, end: number): number {
  let i = pos + 1
  while (i < end) {
    if (text.charCodeAt(i) === CH.quote) {
      if (i + 1 < end && text.charCodeAt(i + 1) === CH.quote) {
        i += 2
        continue
      }
      return i + 1
    }
    i++
  }
  return -1
}

export function unescapeString(raw: string): string {
  return raw.slice(1, -1).replaceAll("''", "'")
}

function hexRun(text: string, pos: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (!isHexDigit(text.charCodeAt(pos + i))) return false
  return true
}

const GUID_GROUPS = [8, 4, 4, 4, 12] as const

/** A bare guid `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` at `pos`: its end, or -1. */
export function scanGuid(text: string, pos: number, end: number): number {
  if (pos + 36 > end) return -1
  let i = pos
  for (let group = 0; group < GUID_GROUPS.length; group++) {
    const length = GUID_GROUPS[group] ?? 0
    if (!hexRun(text, i, length)) return -1
    i += length
    if (group < 4) {
      if (text.charCodeAt(i) !== CH.minus) return -1
      i++
    }
  }
  if (i < end && (isIdentifierPart(text.charCodeAt(i)) || text.charCodeAt(i) === CH.minus)) return -1
  return i
}

function digitRun(text: string, pos: number, end: number): number {
  let i = pos
  while (i < end && isDigit(text.charCodeAt(i))) i++
  return i - pos
}

function twoDigits(text: string, pos: number): number {
  return (text.charCodeAt(pos) - 48) * 10 + (text.charCodeAt(pos + 1) - 48)
}

export interface TemporalScan {
  readonly type: 'date' | 'dateTimeOffset' | 'timeOfDay'
  readonly end: number
  /** Set when the shape is right but a field is out of range (month 13, minute 61…). */
  readonly problem?: string
}

/** `hh:mm[:ss[.fff]]` at `pos`: its end and a range problem, or undefined. */
function scanTime(text: string, pos: number, end: number): { end: number; problem?: string } | undefined {
  if (digitRun(text, pos, end) !== 2 || text.charCodeAt(pos + 2) !== CH.colon) return undefined
  if (digitRun(text, pos + 3, end) !== 2) return undefined
  let i = pos + 5
  let problem: string | undefined
  if (twoDigits(text, pos) > 23) problem = 'the hour must be 00 to 23'
  else if (twoDigits(text, pos + 3) > 59) problem = 'the minutes must be 00 to 59'
  if (i < end && text.charCodeAt(i) === CH.colon) {
    if (digitRun(text, i + 1, end) !== 2) return undefined
    if (!problem && twoDigits(text, i + 1) > 59) problem = 'the seconds must be 00 to 59'
    i += 3
    if (i < end && text.charCodeAt(i) === CH.dot) {
      const fraction = digitRun(text, i + 1, end)
      if (fraction === 0) return undefined
      i += 1 + fraction
    }
  }
  return problem ? { end: i, problem } : { end: i }
}

/**
 * A date `2024-01-31`, a dateTimeOffset `2024-01-31T10:00:00.5+01:00` or a timeOfDay `10:00:00`
 * at `pos`. The time zone of a dateTimeOffset is optional here: Dataverse's OData library accepts
 * `2024-01-31T10:00:00` and reads it as UTC, so rejecting it would flag queries that work.
 */
export function scanTemporal(text: string, pos: number, end: number): TemporalScan | undefined {
  const yearDigits = digitRun(text, pos, end)
  if (yearDigits === 2 && text.charCodeAt(pos + 2) === CH.colon) {
    const time = scanTime(text, pos, end)
    if (!time || (time.end < end && isIdentifierPart(text.charCodeAt(time.end)))) return undefined
    return { type: 'timeOfDay', ...time }
  }
  if (yearDigits < 4 || text.charCodeAt(pos + yearDigits) !== CH.minus) return undefined
  const monthAt = pos + yearDigits + 1
  if (digitRun(text, monthAt, end) !== 2 || text.charCodeAt(monthAt + 2) !== CH.minus) return undefined
  const dayAt = monthAt + 3
  if (digitRun(text, dayAt, end) !== 2) return undefined
  let problem: string | undefined
  const month = twoDigits(text, monthAt)
  const day = twoDigits(text, dayAt)
  if (month < 1 || month > 12) problem = 'the month must be 01 to 12'
  else if (day < 1 || day > 31) problem = 'the day must be 01 to 31'
  let i = dayAt + 2
  const t = text.charCodeAt(i)
  if (i < end && (t === CH.upperT || t === 116)) {
    const time = scanTime(text, i + 1, end)
    if (!time) return undefined
    problem ??= time.problem
    i = time.end
    const zone = text.charCodeAt(i)
    if (i < end && (zone === CH.upperZ || zone === CH.lowerZ)) i++
    else if (i < end && (zone === CH.plus || zone === CH.minus)) {
      if (digitRun(text, i + 1, end) !== 2 || text.charCodeAt(i + 3) !== CH.colon || digitRun(text, i + 4, end) !== 2) {
        return undefined
      }
      i += 6
    }
    if (i < end && isIdentifierPart(text.charCodeAt(i))) return undefined
    return problem ? { type: 'dateTimeOffset', end: i, problem } : { type: 'dateTimeOffset', end: i }
  }
  if (i < end && isIdentifierPart(text.charCodeAt(i))) return undefined
  return problem ? { type: 'date', end: i, problem } : { type: 'date', end: i }
}

export interface NumberScan {
  readonly type: 'integer' | 'decimal'
  readonly end: number
  /** Where the digits end (before a type suffix such as `M`). */
  readonly digitsEnd: number
}

const isNumberSuffix = (c: number): boolean =>
  c === 77 || c === 109 || c === 68 || c === 100 || c === 70 || c === 102 || c === 76 || c === 108

/** An unsigned number at `pos`: `12`, `1.5`, `1.5e3`, `1.5M` (m/M/d/D/f/F/l/L suffixes are accepted leniently). */
export function scanNumber(text: string, pos: number, end: number): NumberScan | undefined {
  const whole = digitRun(text, pos, end)
  if (whole === 0) return undefined
  let i = pos + whole
  let type: NumberScan['type'] = 'integer'
  if (i < end && text.charCodeAt(i) === CH.dot) {
    const fraction = digitRun(text, i + 1, end)
    if (fraction === 0) return undefined
    i += 1 + fraction
    type = 'decimal'
  }
  const e = text.charCodeAt(i)
  if (i < end && (e === 69 || e === 101)) {
    let j = i + 1
    const sign = text.charCodeAt(j)
    if (sign === CH.plus || sign === CH.minus) j++
    const exponent = digitRun(text, j, end)
    if (exponent > 0) {
      i = j + exponent
      type = 'decimal'
    }
  }
  const digitsEnd = i
  if (i < end && isNumberSuffix(text.charCodeAt(i))) i++
  if (i < end && isIdentifierPart(text.charCodeAt(i))) return undefined
  return { type, end: i, digitsEnd }
}

/** Checks an ISO 8601 duration body (`P1D`, `-PT2H30M`, `P1DT0.5S`) as OData's durationValue allows. */
export function isDurationBody(body: string): boolean {
  let i = 0
  if (body.charCodeAt(i) === CH.minus) i++
  if (body[i] !== 'P') return false
  i++
  let parts = 0
  const days = digitRun(body, i, body.length)
  if (days > 0) {
    if (body[i + days] !== 'D') return false
    i += days + 1
    parts++
  }
  if (i < body.length) {
    if (body[i] !== 'T') return false
    i++
    let timeParts = 0
    for (const unit of ['H', 'M', 'S']) {
      const n = digitRun(body, i, body.length)
      if (n === 0) continue
      let j = i + n
      if (unit === 'S' && body.charCodeAt(j) === CH.dot) {
        const fraction = digitRun(body, j + 1, body.length)
        if (fraction === 0) return false
        j += 1 + fraction
      }
      if (body[j] !== unit) {
        if (unit === 'S' || body[j] === 'S' || body[j] === 'M') continue
        return false
      }
      i = j + 1
      timeParts++
    }
    if (timeParts === 0) return false
    parts += timeParts
  }
  return i === body.length && parts > 0
}
